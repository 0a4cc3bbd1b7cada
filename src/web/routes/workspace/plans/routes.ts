import { Router } from 'express'
import type { Services } from '../../../../services/index.js'
import { can } from '../../../../domain/platform/roles.js'
import { takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'

/** All plans with their RAG summary, and who has overdue or not-updated actions. */
export function plansRoutes(services: Services): Router {
  const router = Router()
  router.get('/plans', async (req, res) => {
    const context = requireContext(req)
    const plans = await services.workspace.plans.list(context)
    const tracking = await services.workspace.plans.tracking(context)
    res.render('workspace/plans/view.njk', {
      pageTitle: 'Plans',
      plans,
      tracking,
      canEdit: context.actor.kind === 'system' || can(context.actor.role, 'workspace:edit'),
      notice: takeNotice(req),
    })
  })
  return router
}
