import { Router } from 'express'
import { authorise } from '../../../../services/context.js'
import type { Services } from '../../../../services/index.js'
import { requireContext } from '../../../requestContext.js'

const KINDS = {
  'issues.xlsx': { what: 'issues', format: 'xlsx' },
  'issues.csv': { what: 'issues', format: 'csv' },
  'lists.xlsx': { what: 'lists', format: 'xlsx' },
} as const
const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const

/** XLSX (and issues CSV) downloads, pseudonymised unless `?identifiable=yes` is asked for; each one is an audit event. */
export function exportsRoutes(services: Services): Router {
  const router = Router()
  router.get('/annex-a/runs/:runId/export/:file', async (req, res, next) => {
    const kind = Object.hasOwn(KINDS, req.params.file) ? KINDS[req.params.file as keyof typeof KINDS] : undefined
    if (!kind) return next()
    const { what, format } = kind
    const context = requireContext(req)
    authorise(context, 'child-data:export')
    const identifiable = req.query.identifiable === 'yes'
    // Checks and audit happen before the first byte, so a refusal is still a proper error page.
    const run = await services.annexA.getRun(context, req.params.runId)
    res.attachment(`annex-a-${what}-${run.referenceDate}${identifiable ? '' : '-pseudonymised'}.${format}`)
    res.type(CONTENT_TYPES[format])
    await services.annexA.exportRun(context, run.runId, what, res, { identifiable, format })
    return undefined
  })
  return router
}
