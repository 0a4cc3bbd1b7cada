/**
 * Inspection intelligence: published outcomes, LA reference data, benchmarking maths and report themes.
 * Pure: no I/O. Services, web and CLI import only from here.
 */
export * from './benchmark.js'
export * from './benchmarkSeries.js'
export * from './dfeIndicators.js'
export * from './gradeLabels.js'
export * from './localAuthorities.js'
export * from './odsOutcomes.js'
export * from './outcomeTables.js'
export * from './outcomesOverview.js'
export * from './outcomeViews.js'
export * from './reportAgreement.js'
export * from './reportText.js'
export * from './statedTotals.js'
export * from './summariseOutcomes.js'
export * from './themes.js'
export type * from './types.js'
export * from './inspectionCycle.js'
export * from './ownIndicators.js'
export * from './themeRules.js'
