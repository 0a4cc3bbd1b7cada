import { Router } from 'express'
import type { Services } from '../../../services/index.js'

/** For load balancers and monitoring: no session, no child data. */
export function healthRoutes(services: Services): Router {
  const router = Router()
  router.get('/health', async (_req, res) => {
    const databaseUp = await services.health.databaseReachable()
    res.set('Cache-Control', 'no-store')
    res
      .status(databaseUp ? 200 : 503)
      .json({ status: databaseUp ? 'ok' : 'error', database: databaseUp ? 'ok' : 'unreachable' })
  })
  return router
}
