import { Router } from 'express'
import type { Services } from '../../../../services/index.js'
import { takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'

/** The Annex A home: every test run, newest first (aggregate counts only, so viewers see it too). */
export function runsRoutes(services: Services): Router {
  const router = Router()
  router.get('/annex-a', async (req, res) => {
    const runs = await services.annexA.listRuns(requireContext(req))
    res.render('annexA/runs/view.njk', { pageTitle: 'Annex A test runs', runs, notice: takeNotice(req) })
  })
  return router
}
