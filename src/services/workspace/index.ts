import type { Db } from '../../db/connect.js'
import type { AuditService } from '../platform/auditService.js'
import { createPlanService } from './planService.js'
import { createSefService } from './sefService.js'

/** The readiness workspace: plans with RAG, and self-evaluations with gap analysis. */
export function createWorkspaceServices({ db, audit, clock }: { db: Db; audit: AuditService; clock: () => Date }) {
  const plans = createPlanService({ db, audit, clock })
  return { plans, selfEvaluations: createSefService({ db, audit, clock, plans }) }
}

export type WorkspaceServices = ReturnType<typeof createWorkspaceServices>
