import { Router } from 'express'
import { csrfSync } from 'csrf-sync'

/** Synchroniser tokens on every state-changing request, in every environment (tests included). */
export function setUpCsrf(): Router {
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: req => (req.body as { _csrf?: string } | undefined)?._csrf,
  })
  const router = Router()
  router.use(csrfSynchronisedProtection)
  router.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') res.locals.csrfToken = generateToken(req)
    next()
  })
  return router
}
