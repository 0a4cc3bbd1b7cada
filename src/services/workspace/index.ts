import type { Db } from '../../db/connect.js'
import { createAnnexAService } from '../annex-a/annexAService.js'
import { createInspectionHistoryService } from '../frameworks/inspectionHistoryService.js'
import type { AuditService } from '../platform/auditService.js'
import { createDashboardService } from './dashboardService.js'
import { evidenceSettings } from './evidenceFiles.js'
import { createEvidenceService } from './evidenceService.js'
import { createPlanService } from './planService.js'
import { createSefService } from './sefService.js'

/** The readiness workspace: plans with RAG, and self-evaluations with gap analysis. */
export function createWorkspaceServices({
  db,
  audit,
  clock,
  dataDir,
}: {
  db: Db
  audit: AuditService
  clock: () => Date
  /** Where the evidence bank keeps its files (`<dataDir>/evidence`); a private temp folder when absent. */
  dataDir?: string | undefined
}) {
  const plans = createPlanService({ db, audit, clock })
  const evidenceFiles = evidenceSettings(dataDir)
  const selfEvaluations = createSefService({ db, audit, clock, plans })
  const evidence = createEvidenceService({
    db,
    audit,
    clock,
    files: evidenceFiles.store,
    maxBytes: evidenceFiles.maxBytes,
  })
  return {
    plans,
    selfEvaluations,
    evidence,
    dashboard: createDashboardService({
      clock,
      plans,
      selfEvaluations,
      evidence,
      inspectionHistory: createInspectionHistoryService({ db, audit, clock }),
      annexA: createAnnexAService({ db, audit, clock }),
    }),
  }
}

export type WorkspaceServices = ReturnType<typeof createWorkspaceServices>
