import { Router } from 'express'
import type { Services } from '../../../../services/index.js'
import { takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'

export function intelligenceHomeRoutes(services: Services): Router {
  const router = Router()
  router.get('/intelligence', async (req, res) => {
    const imports = await services.intelligence.outcomes.listImports(requireContext(req))
    res.render('intelligence/home/view.njk', { pageTitle: 'Intelligence', imports, notice: takeNotice(req) })
  })
  return router
}
