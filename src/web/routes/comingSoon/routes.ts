import { Router } from 'express'
import { MODULES } from '../../navigation.js'

/** Placeholders for modules not built yet, so the navigation is honest about what is coming. */
export function comingSoonRoutes(): Router {
  const router = Router()
  for (const module of MODULES.filter(candidate => !candidate.built)) {
    router.get(module.href, (_req, res) => {
      res.render('comingSoon/view.njk', { pageTitle: module.text, module })
    })
  }
  return router
}
