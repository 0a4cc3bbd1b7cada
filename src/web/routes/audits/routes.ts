import { Router, type NextFunction, type Request, type Response } from 'express'
import { can } from '../../../domain/platform/roles.js'
import type { Services } from '../../../services/index.js'
import { auditRoutes } from './audit/routes.js'
import { drawSampleRoutes } from './drawSample/routes.js'
import { auditsHomeRoutes } from './home/routes.js'
import { moderateRoutes } from './moderate/routes.js'
import { sampleRoutes } from './sample/routes.js'
import { samplingPlanRoutes } from './samplingPlans/routes.js'
import { signOffRoutes } from './signOff/routes.js'
import { summaryRoutes } from './summary/routes.js'
import { auditExportRoutes } from './exports/routes.js'
import { auditTaxonomyRoutes } from './taxonomy/routes.js'
import { auditTemplateRoutes } from './templates/routes.js'
import { themesToPlanRoutes } from './themesToPlan/routes.js'
import { twentyDayUpdateRoutes } from './twentyDayUpdate/routes.js'

/** What the signed-in person may do here, for templates to show or hide links. Services check again. */
function auditsPermissions(req: Request, res: Response, next: NextFunction): void {
  const role = req.user?.role
  res.locals.audits = {
    canManage: role ? can(role, 'audits:manage') : false,
    canPerform: role ? can(role, 'audits:perform') : false,
  }
  next()
}

/** Sampling and audits: samples, assignment, the audit form, sign-off, moderation and the summary. */
export function auditsRoutes(services: Services): Router {
  const router = Router()
  router.use('/audits', auditsPermissions)
  router.use(auditsHomeRoutes(services))
  router.use(drawSampleRoutes(services))
  router.use(samplingPlanRoutes(services))
  router.use(summaryRoutes(services))
  router.use(sampleRoutes(services))
  router.use(signOffRoutes(services))
  router.use(moderateRoutes(services))
  router.use(auditExportRoutes(services))
  router.use(themesToPlanRoutes(services))
  router.use(twentyDayUpdateRoutes(services))
  router.use(auditTemplateRoutes(services))
  router.use(auditTaxonomyRoutes(services))
  router.use(auditRoutes(services))
  return router
}
