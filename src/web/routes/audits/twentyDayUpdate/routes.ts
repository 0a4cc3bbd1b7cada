import { Router } from 'express'
import { AUDIT_SCALES, twentyDayPeriod } from '../../../../domain/audits/index.js'
import type { Services } from '../../../../services/index.js'
import { errorList, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { dateFromQuery, partsOf } from './schemas.js'

/** The 20-day update on progress and thematic findings (seed 003, Appendix 1 3.2), for a period chosen by GET form. */
export function twentyDayUpdateRoutes(services: Services): Router {
  const router = Router()
  router.get('/audits/twenty-day-update', async (req, res) => {
    const context = requireContext(req)
    const from = dateFromQuery(req.query, 'from', 'start of the period')
    const to = dateFromQuery(req.query, 'to', 'end of the period')
    const errors: Record<string, string> = {}
    if (from.error) errors.from = from.error
    if (to.error) errors.to = to.error
    if (!from.error && !to.error && Boolean(from.value) !== Boolean(to.value))
      errors[from.value ? 'to' : 'from'] = 'Enter both the start and the end of the period'
    if (!errors.from && !errors.to && from.value && to.value && from.value > to.value)
      errors.to = 'The end of the period must be the same as or after the start'
    const fallback = twentyDayPeriod(services.workspace.plans.today())
    const period =
      Object.keys(errors).length === 0 && from.value && to.value ? { from: from.value, to: to.value } : fallback
    const update =
      Object.keys(errors).length === 0 ? await services.audits.reports.twentyDayUpdate(context, period) : null
    const query = new URLSearchParams(period).toString()
    res.render('audits/twentyDayUpdate/view.njk', {
      pageTitle: '20-day update',
      update,
      errors,
      errorSummary: errorList(errors),
      notice: takeNotice(req),
      values: {
        from: from.value || from.error ? from.parts : partsOf(period.from),
        to: to.value || to.error ? to.parts : partsOf(period.to),
      },
      grades: AUDIT_SCALES['ofsted-4'],
      exportHref: `/audits/twenty-day-update/export.docx?${query}`,
      planHref: `/audits/themes-to-plan?${query}`,
    })
  })
  return router
}
