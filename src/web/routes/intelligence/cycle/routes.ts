import { Router } from 'express'
import { findFramework } from '../../../../domain/frameworks/index.js'
import type { Services } from '../../../../services/index.js'
import { errorList } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors } from '../../../validation.js'
import { queryStrings } from '../outcomes/schemas.js'
import { gradeLabel, percent } from '../labels.js'
import { cycleQuerySchema } from './schemas.js'

/** Where the inspection cycle stands: pace and projected end, and each authority's months since and forecast. */
export function cycleRoutes(services: Services): Router {
  const router = Router()
  router.get('/intelligence/cycle', async (req, res) => {
    const context = requireContext(req)
    const values = queryStrings(req.query, ['framework', 'scope'])
    const parsed = cycleQuerySchema.safeParse(values)
    const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error)
    const frameworks = await services.intelligence.outcomes.cycleFrameworks(context)
    const wanted = parsed.success ? parsed.data.framework : undefined
    if (wanted && !frameworks.includes(wanted)) errors.framework = 'Select a framework from the list'
    const scope = (parsed.success && parsed.data.scope) || 'england'
    const { overview, authority } = await services.intelligence.outcomes.cycle(context, {
      framework: errors.framework ? undefined : wanted,
      scope,
    })
    res.render('intelligence/cycle/view.njk', {
      pageTitle: 'Inspection cycle',
      errors,
      errorSummary: errorList(errors),
      values: { framework: overview?.framework ?? '', scope },
      frameworks: frameworks.map(id => ({ id, label: findFramework(id)?.label ?? id })),
      overview,
      authority,
      today: services.intelligence.outcomes.today(),
      gradeLabel,
      percent,
    })
  })
  return router
}
