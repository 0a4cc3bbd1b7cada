/**
 * Inspection frameworks as versioned data, and a judgement engine that explains itself.
 * Pure: no I/O. The services, web and CLI layers call only what is exported here.
 */
export { crosswalkGrade } from './crosswalk.js'
export type { CommonGrade, CrosswalkResult } from './crosswalk.js'
export { checkRecordedOutcome, replayOutcomes } from './checkRecordedOutcome.js'
export type { RecordedOutcomeCheck, RuleCheck, RuleReplay } from './checkRecordedOutcome.js'
export { explain } from './explain.js'
export type { JudgementExplanation } from './explain.js'
export { judge } from './judge.js'
export type {
  Conflict,
  Firing,
  GradeInputs,
  JudgementOutcome,
  JudgeOptions,
  JudgeResult,
  RangeLabel,
  Warning,
} from './judge.js'
export { FrameworkInputError } from './model.js'
export { findFramework, FRAMEWORKS, getFramework, listFrameworks, UnknownFrameworkError } from './registry.js'
export type { FrameworkSummary } from './registry.js'
export { formatSource } from './sources.js'
export { forecastFor, timelineFor } from './timelines.js'
export type { NextInspection } from './timelines.js'
export { validateFramework } from './validate.js'
export { whatIf } from './whatIf.js'
export type { WhatIfChange, WhatIfResult } from './whatIf.js'
export type * from './types.js'
export {
  columnLetter,
  matchHeaderRow,
  normaliseHeader,
  OUTCOME_LAYOUTS,
  outcomesFromRow,
  parsePublishedDate,
  parsePublishedGrade,
  replayPublishedOutcomes,
} from './publishedOutcomes.js'
export type { CellProblem, ColumnIndex, FrameworkReplay, OutcomeLayout, PublishedOutcome } from './publishedOutcomes.js'
