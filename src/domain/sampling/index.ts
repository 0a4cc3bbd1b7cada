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
export { readCustomPlan } from './readCustomPlan.js'
export type { CustomPlanResult } from './readCustomPlan.js'
export type * from './types.js'
