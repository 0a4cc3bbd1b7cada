import { Router } from 'express'
import type { Services } from '../../../services/index.js'
import { childRoutes } from './child/routes.js'
import { compareRoutes } from './compare/routes.js'
import { exportsRoutes } from './exports/routes.js'
import { importsRoutes } from './imports/routes.js'
import { indicatorsRoutes } from './indicators/routes.js'
import { issueRoutes } from './issue/routes.js'
import { mappingsRoutes } from './mappings/routes.js'
import { annexAPermissions } from './permissions.js'
import { runRoutes } from './run/routes.js'
import { runsRoutes } from './runs/routes.js'
import { settingsRoutes } from './settings/routes.js'
import { uploadRoutes } from './upload/routes.js'

/** The Annex A module: upload, runs, issues log, comparison, indicators, value mappings, exports, retention. */
export function annexARoutes(services: Services): Router {
  const router = Router()
  router.use('/annex-a', annexAPermissions)
  // The upload comes before /annex-a/runs/:runId so "new" is never taken for a run id.
  router.use(uploadRoutes(services))
  router.use(runsRoutes(services))
  router.use(importsRoutes(services))
  router.use(mappingsRoutes(services))
  router.use(settingsRoutes(services))
  router.use(runRoutes(services))
  router.use(issueRoutes(services))
  router.use(childRoutes(services))
  router.use(compareRoutes(services))
  router.use(indicatorsRoutes(services))
  router.use(exportsRoutes(services))
  return router
}
