import { Router } from 'express'
import { authorise } from '../../../../services/context.js'
import type { Services } from '../../../../services/index.js'
import { requireContext } from '../../../requestContext.js'

const KINDS = { 'issues.xlsx': 'issues', 'lists.xlsx': 'lists' } as const

/** XLSX downloads, pseudonymised unless `?identifiable=yes` is asked for; each one is an audit event. */
export function exportsRoutes(services: Services): Router {
  const router = Router()
  router.get('/annex-a/runs/:runId/export/:file', async (req, res, next) => {
    const what = KINDS[req.params.file as keyof typeof KINDS]
    if (!what) return next()
    const context = requireContext(req)
    authorise(context, 'child-data:export')
    const identifiable = req.query.identifiable === 'yes'
    // Checks and audit happen before the first byte, so a refusal is still a proper error page.
    const run = await services.annexA.getRun(context, req.params.runId)
    res.attachment(`annex-a-${what}-${run.referenceDate}${identifiable ? '' : '-pseudonymised'}.xlsx`)
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    await services.annexA.exportRun(context, run.runId, what, res, { identifiable })
    return undefined
  })
  return router
}
