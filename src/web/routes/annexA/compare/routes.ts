import { Router } from 'express'
import { can } from '../../../../domain/platform/roles.js'
import type { Services } from '../../../../services/index.js'
import { requireContext } from '../../../requestContext.js'
import { paginationFor } from '../run/pagination.js'
import { compareQuerySchema } from './schemas.js'

const PAGE_SIZE = 50

/** Two runs side by side: the earlier one is whichever was imported first, whatever order they were picked in. */
export function compareRoutes(services: Services): Router {
  const router = Router()
  router.get('/annex-a/runs/:runId/compare', async (req, res) => {
    const context = requireContext(req)
    const parsed = compareQuerySchema.safeParse(req.query)
    if (!parsed.success) return res.redirect(`/annex-a/runs/${encodeURIComponent(req.params.runId)}`)
    const { category, page = 1 } = parsed.data
    const pair = await services.annexA.compareRuns(context, req.params.runId, parsed.data.with)
    const [earlier, later] =
      pair.earlier.createdAt <= pair.later.createdAt ? [pair.earlier, pair.later] : [pair.later, pair.earlier]
    const withIssues = req.user ? can(req.user.role, 'child-data:read') : false
    const result = await services.annexA.compareRuns(context, earlier.runId, later.runId, {
      withIssues,
      ...(category ? { category } : {}),
      limit: PAGE_SIZE,
      offset: (page - 1) * PAGE_SIZE,
    })
    const total = category
      ? result.counts[category]
      : result.counts.new + result.counts.resolved + result.counts.persisting
    const base = `/annex-a/runs/${later.runId}/compare?with=${earlier.runId}${category ? `&category=${category}` : ''}`
    res.render('annexA/compare/view.njk', {
      pageTitle: 'Compare test runs',
      earlier,
      later,
      counts: result.counts,
      issues: result.issues,
      category,
      base: `/annex-a/runs/${later.runId}/compare?with=${earlier.runId}`,
      pagination: result.issues
        ? paginationFor(page, Math.max(1, Math.ceil(total / PAGE_SIZE)), number => `${base}&page=${number}`)
        : null,
    })
  })
  return router
}
