import type { Db } from '../../db/connect.js'
import type { AuditService } from '../platform/auditService.js'
import { createPlanService } from '../workspace/planService.js'
import { createAuditReportService } from './auditReportService.js'
import { createAuditWebQueries } from './auditWebQueries.js'
import { createCaseAuditService } from './caseAuditService.js'
import { createSampleService } from './sampleService.js'
import { createSamplingPlanService } from './samplingPlanStore.js'
import { createTaxonomyService } from './taxonomyService.js'
import { createTemplateService } from './templateService.js'
import { createThemesToPlanService } from './themesToPlanService.js'

export type { CaseAuditService, CaseAuditSummary, AuditRecordInput } from './caseAuditService.js'
export type { ModeratorAssignment, OpenConcern } from './caseAuditService.js'
export type { ModerationAssignmentView, ModerationToDo } from './auditWebQueries.js'
export type { DrawRequest, DrawResult, SampleService } from './sampleService.js'
export type { AuditReportService, AuditSummaryReport, CaseAuditRecord } from './auditReportService.js'

/** Case sampling and practice audits (issue 6). */
export function createAuditsServices(ports: { db: Db; audit: AuditService; clock: () => Date }) {
  const reports = createAuditReportService(ports)
  return {
    samples: createSampleService(ports),
    caseAudits: createCaseAuditService(ports),
    reports,
    templates: createTemplateService(ports),
    taxonomy: createTaxonomyService(ports),
    samplingPlans: createSamplingPlanService(ports),
    // Read queries for the web pages (assignment, edit versions, moderation); see auditWebQueries.ts.
    web: createAuditWebQueries(ports),
    // Plan items go through the workspace plan service's public API (its checks and audit events apply).
    themesToPlan: createThemesToPlanService({ ...ports, plans: createPlanService(ports), reports }),
  }
}
