import { Router, type NextFunction, type Request, type Response } from 'express'
import { can } from '../../../domain/platform/roles.js'
import type { Services } from '../../../services/index.js'
import { benchmarkingRoutes } from './benchmarking/routes.js'
import { cycleRoutes } from './cycle/routes.js'
import { deleteImportRoutes } from './deleteImport/routes.js'
import { ownIndicatorRoutes } from './ownIndicators/routes.js'
import { themeRuleRoutes } from './themes/routes.js'
import { intelligenceHomeRoutes } from './home/routes.js'
import { importRoutes } from './import/routes.js'
import { outcomesRoutes } from './outcomes/routes.js'
import { reportsRoutes } from './reports/routes.js'

/** What the signed-in person may do here, for templates to show or hide links. Services check again. */
function intelligencePermissions(req: Request, res: Response, next: NextFunction): void {
  const role = req.user?.role
  res.locals.intelligence = {
    canImport: role ? can(role, 'workspace:edit') : false,
    canDelete: role ? can(role, 'workspace:approve') : false,
  }
  next()
}

/** The intelligence module: imports, published outcomes, benchmarking and report mapping. */
export function intelligenceRoutes(services: Services): Router {
  const router = Router()
  router.use('/intelligence', intelligencePermissions)
  router.use(intelligenceHomeRoutes(services))
  router.use(importRoutes(services))
  router.use(outcomesRoutes(services))
  router.use(benchmarkingRoutes(services))
  router.use(reportsRoutes(services))
  router.use(ownIndicatorRoutes(services))
  router.use(deleteImportRoutes(services))
  router.use(themeRuleRoutes(services))
  router.use(cycleRoutes(services))
  return router
}
