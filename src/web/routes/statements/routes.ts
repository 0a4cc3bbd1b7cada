import { Router } from 'express'

/** The accessibility statement and privacy notice are public: anyone must be able to read them. */
export function statementRoutes(): Router {
  const router = Router()
  router.get('/accessibility', (_req, res) =>
    res.render('statements/accessibility.njk', { pageTitle: 'Accessibility statement' }),
  )
  router.get('/privacy', (_req, res) => res.render('statements/privacy.njk', { pageTitle: 'Privacy' }))
  return router
}
