import { Router } from 'express'
import type { Services } from '../../../services/index.js'
import { frameworksApiRoutes } from './api/routes.js'
import { frameworkBrowserRoutes } from './browser/routes.js'
import { historyRoutes } from './history/routes.js'
import { simulatorRoutes } from './simulator/routes.js'
import { timelineRoutes } from './timeline/routes.js'

/** The Frameworks module: pages and JSON API. History first, so '/frameworks/history' is not read as a framework id. */
export function frameworksRoutes(services: Services): Router {
  const router = Router()
  router.use(historyRoutes(services))
  router.use(simulatorRoutes(services))
  router.use(timelineRoutes(services))
  router.use(frameworkBrowserRoutes(services))
  router.use(frameworksApiRoutes(services))
  return router
}
