import { Router } from 'express'
import type { Services } from '../../../../services/index.js'
import { can } from '../../../../domain/platform/roles.js'
import { exportPlanXlsx } from '../../../../services/workspace/exportPlanXlsx.js'
import { takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'

export function planRoutes(services: Services): Router {
  const router = Router()

  router.get('/plans/:planId', async (req, res) => {
    const context = requireContext(req)
    const plan = await services.workspace.plans.get(context, String(req.params.planId))
    res.render('workspace/plan/view.njk', {
      pageTitle: plan.title,
      plan,
      canEdit: context.actor.kind === 'system' || can(context.actor.role, 'workspace:edit'),
      notice: takeNotice(req),
    })
  })

  router.get('/plans/:planId/export.xlsx', async (req, res) => {
    const context = requireContext(req)
    const plan = await services.workspace.plans.get(context, String(req.params.planId))
    const bytes = await exportPlanXlsx(plan)
    await services.audit.log(context, {
      action: 'plan.exported',
      subjectType: 'plan',
      subjectId: plan.planId,
      details: { format: 'xlsx' },
    })
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    res.setHeader('Content-Disposition', 'attachment; filename="plan.xlsx"')
    res.send(bytes)
  })

  return router
}
