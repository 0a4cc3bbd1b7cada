import { Router } from 'express'
import type { Services } from '../../../../services/index.js'
import { requireContext } from '../../../requestContext.js'
import { CHART, percentBars } from './chart.js'

/** Indicators are aggregates, so viewers see them too. */
export function indicatorsRoutes(services: Services): Router {
  const router = Router()
  router.get('/annex-a/runs/:runId/indicators', async (req, res) => {
    const { run, indicators } = await services.annexA.indicators(requireContext(req), req.params.runId)
    res.render('annexA/indicators/view.njk', {
      pageTitle: 'Indicators',
      run,
      indicators,
      chart: { ...percentBars(indicators), ...CHART },
    })
  })
  return router
}
