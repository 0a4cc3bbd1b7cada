import { Router } from 'express'
import type { Services } from '../../../services/index.js'
import { dashboardRoutes } from './dashboard/routes.js'
import { evidenceChecklistRoutes } from './evidenceChecklist/routes.js'
import { evidenceEditRoutes } from './evidenceEdit/routes.js'
import { evidenceItemRoutes } from './evidenceItem/routes.js'
import { evidenceListRoutes } from './evidenceList/routes.js'
import { evidenceNewRoutes } from './evidenceNew/routes.js'
import { evidencePoliciesRoutes } from './evidencePolicies/routes.js'
import { planRoutes } from './plan/routes.js'
import { planImportRoutes } from './planImport/routes.js'
import { planItemRoutes } from './planItem/routes.js'
import { plansRoutes } from './plans/routes.js'
import { ragRulesRoutes } from './ragRules/routes.js'
import { sefRoutes } from './sef/routes.js'
import { sefCompareRoutes } from './sefCompare/routes.js'
import { sefListRoutes } from './sefList/routes.js'

/** The readiness workspace: plans with RAG, and self-evaluation with gap analysis. */
export function workspaceRoutes(services: Services): Router {
  const router = Router()
  // Fixed paths before /plans/:planId, so "import" is never taken for a plan id.
  router.use(plansRoutes(services))
  router.use(planImportRoutes(services))
  router.use(ragRulesRoutes(services))
  router.use(planItemRoutes(services))
  router.use(planRoutes(services))
  router.use(dashboardRoutes(services))
  router.use(sefListRoutes(services))
  router.use(sefCompareRoutes(services))
  router.use(sefRoutes(services))
  // The evidence bank: fixed paths before /evidence/:evidenceId.
  router.use(evidenceListRoutes(services))
  router.use(evidenceNewRoutes(services))
  router.use(evidenceChecklistRoutes(services))
  router.use(evidencePoliciesRoutes(services))
  router.use(evidenceEditRoutes(services))
  router.use(evidenceItemRoutes(services))
  return router
}
