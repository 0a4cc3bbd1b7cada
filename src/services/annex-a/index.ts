export {
  createAnnexAService,
  ISSUE_STATUSES,
  issueStatusSchema,
  retentionSchema,
  valueMappingSchema,
} from './annexAService.js'
export type { AnnexAService, IssueFilter, IssueRow, RunSummary } from './annexAService.js'
export type { ImportInput, ImportResult } from './importRun.js'
export type { ComparisonCategory, ComparisonCounts } from './compareRuns.js'
export { importFile } from './importFile.js'
