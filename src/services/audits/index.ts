import type { Db } from '../../db/connect.js'
import type { AuditService } from '../platform/auditService.js'
import { createCaseAuditService } from './caseAuditService.js'
import { createSampleService } from './sampleService.js'

export type { CaseAuditService, CaseAuditSummary, AuditRecordInput } from './caseAuditService.js'
export type { DrawRequest, DrawResult, SampleService } from './sampleService.js'

/** Case sampling and practice audits (issue 6). */
export function createAuditsServices(ports: { db: Db; audit: AuditService; clock: () => Date }) {
  return { samples: createSampleService(ports), caseAudits: createCaseAuditService(ports) }
}
