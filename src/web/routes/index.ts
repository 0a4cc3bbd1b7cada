import { Router } from 'express'
import type { Services } from '../../services/index.js'
import { accountRoutes } from './account/routes.js'
import { adminRoutes } from './admin/routes.js'
import { annexARoutes } from './annexA/routes.js'
import { auditsRoutes } from './audits/routes.js'
import { comingSoonRoutes } from './comingSoon/routes.js'
import { frameworksRoutes } from './frameworks/routes.js'
import { homeRoutes } from './home/routes.js'
import { intelligenceRoutes } from './intelligence/routes.js'
import { workspaceRoutes } from './workspace/routes.js'

/** Routes that need a signed-in person. */
export function signedInRoutes(services: Services): Router {
  const router = Router()
  router.use(homeRoutes(services))
  router.use(accountRoutes(services))
  router.use(adminRoutes(services))
  router.use(frameworksRoutes(services))
  router.use(annexARoutes(services))
  router.use(workspaceRoutes(services))
  router.use(intelligenceRoutes(services))
  router.use(auditsRoutes(services))
  router.use(comingSoonRoutes())
  return router
}
