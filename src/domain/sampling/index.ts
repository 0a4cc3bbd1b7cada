/**
 * Case sampling from Annex A test runs: plans from the framework data and custom plans, reproducible draws from a
 * seed, redraws of one case, shortfalls. Pure: the services layer loads the population and stores the sample.
 */
export { drawSample, eligibleRows, redrawCase, RedrawError } from './drawSample.js'
export type { Redraw, RedrawInput } from './drawSample.js'
export { listsByChild, matchesFilter, matchesStratum, teamOf, workerOf } from './filters.js'
export type { FilterContext, ListsByChild } from './filters.js'
export { findSamplingPlan, listSamplingPlans } from './plans.js'
export { createRandom, hashText, streamKey } from './random.js'
export type { Random } from './random.js'
export {
  CUSTOM_PLAN_LIMITS,
  customPlanJson,
  locatePlanProblem,
  planProblemText,
  readCustomPlan,
} from './readCustomPlan.js'
export type { CustomPlanResult, PlanProblemPlace } from './readCustomPlan.js'
export type * from './types.js'
export { FILTER_COLUMNS, filterColumn, LIST_NAMES, listsText } from './columns.js'
export type { FilterColumn } from './columns.js'
export { describeBalance, describeFilter, describeQuota, describeStratum } from './describe.js'
export { readJsonText } from './jsonText.js'
export type { JsonTextResult } from './jsonText.js'
export { previewPlan } from './preview.js'
export type { PlanPreview, StratumPreview } from './preview.js'
