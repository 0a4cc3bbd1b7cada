import { Router } from 'express'
import { can } from '../../../../domain/platform/roles.js'
import type { Services } from '../../../../services/index.js'
import { ValidationError } from '../../../../services/errors.js'
import { DEFAULT_SEF_FRAMEWORK } from '../../../../services/workspace/sefService.js'
import { errorList } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { barChart } from './chart.js'
import { dashboardQuerySchema } from './schemas.js'

/** The readiness dashboard: one framework at a time, chosen with a GET form (works without JavaScript). */
export function dashboardRoutes(services: Services): Router {
  const router = Router()

  router.get('/dashboard', async (req, res) => {
    const context = requireContext(req)
    const dashboards = services.workspace.dashboard
    const parsed = dashboardQuerySchema.safeParse({
      framework: typeof req.query.framework === 'string' ? req.query.framework : undefined,
    })
    let errors: Record<string, string> = {}
    let frameworkId = parsed.success ? parsed.data.framework || DEFAULT_SEF_FRAMEWORK : DEFAULT_SEF_FRAMEWORK
    if (!parsed.success) errors = { framework: 'Select a framework from the list' }
    let dashboard
    try {
      dashboard = await dashboards.get(context, frameworkId)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      errors = { framework: 'Select a framework from the list' }
      frameworkId = DEFAULT_SEF_FRAMEWORK
      dashboard = await dashboards.get(context, frameworkId)
    }
    if (Object.keys(errors).length > 0) res.status(400)
    // A manager named in a safeguarding concern from a case audit sees it here too, until they acknowledge it.
    const role = context.actor.kind === 'user' ? context.actor.role : undefined
    const safeguardingConcernsForYou =
      role && can(role, 'audits:manage') ? await services.audits.caseAudits.openConcernsNamingMe(context) : 0
    res.render('workspace/dashboard/view.njk', {
      pageTitle: `Readiness dashboard: ${dashboard.framework.label}`,
      dashboard,
      frameworks: dashboards.frameworks().map(framework => ({
        value: framework.id,
        text: framework.status === 'in-use' ? framework.label : `${framework.label} (${framework.status})`,
        selected: framework.id === dashboard.framework.id,
      })),
      charts: {
        rag: barChart(dashboard.charts.rag),
        gaps: barChart(dashboard.charts.gaps),
        evidence: dashboard.charts.evidence ? barChart(dashboard.charts.evidence) : null,
      },
      overdueShown: dashboard.plans.overdue.slice(0, 25),
      safeguardingConcernsForYou,
      errors,
      errorSummary: errorList(errors),
    })
  })

  return router
}
