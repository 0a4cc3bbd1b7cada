import type { Db } from '../../db/connect.js'
import type { AuditService } from '../platform/auditService.js'
import { createIntelligenceService } from './intelligenceService.js'
import { createReportService } from './reportService.js'

/** The intelligence module's use-cases, wired once in the composition root. */
export function createIntelligenceServices({ db, audit, clock }: { db: Db; audit: AuditService; clock: () => Date }) {
  const outcomes = createIntelligenceService({ db, audit, clock })
  return { outcomes, reports: createReportService({ db, audit, intelligence: outcomes }) }
}

export type IntelligenceServices = ReturnType<typeof createIntelligenceServices>
