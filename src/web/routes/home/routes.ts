import { Router } from 'express'
import type { Services } from '../../../services/index.js'
import { MODULES } from '../../navigation.js'
import { requireContext } from '../../requestContext.js'
import { takeNotice } from '../../formState.js'

export function homeRoutes(services: Services): Router {
  const router = Router()
  router.get('/', async (req, res) => {
    const context = requireContext(req)
    const organisation = await services.organisations.get(context)
    const modules = MODULES.filter(module => !module.roles || module.roles.includes(req.user!.role))
    res.render('home/view.njk', { pageTitle: 'Home', organisation, modules, notice: takeNotice(req) })
  })
  return router
}
