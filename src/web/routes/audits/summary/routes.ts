import { Router } from 'express'
import { AUDIT_SCALES } from '../../../../domain/audits/index.js'
import type { Services } from '../../../../services/index.js'
import { requireContext } from '../../../requestContext.js'
import { auditViewHelpers } from '../labels.js'
import { countBars, GRADE_LEGEND, gradeBars, SUMMARY_CHART } from './chart.js'

/** Every answer id across the built-in scales, in scale order, for the by-question table's columns. */
const ANSWER_COLUMNS = [...AUDIT_SCALES['ofsted-4'], ...AUDIT_SCALES['yes-partly-no']]

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })

/** What the completed audits add up to: grades by team, month and question, themes, and moderation agreement. */
export function summaryRoutes(services: Services): Router {
  const router = Router()
  router.get('/audits/summary', async (req, res) => {
    const context = requireContext(req)
    const summary = await services.audits.caseAudits.summary(context)
    const { questionLabels, themeLabels } = await services.audits.web.vocabulary(context)
    const byMonth = summary.byMonth.map(row => ({
      ...row,
      key: /^\d{4}-\d{2}$/.test(row.key) ? MONTH.format(new Date(`${row.key}-01T00:00:00Z`)) : row.key,
    }))
    // Questions in template order (the summary sorts them by id), so the table reads like the audit form.
    const questionOrder = Object.keys(questionLabels)
    const rank = (id: string) => (questionOrder.includes(id) ? questionOrder.indexOf(id) : questionOrder.length)
    const byQuestion = [...summary.byQuestion].sort((a, b) => rank(a.key) - rank(b.key))
    const themes = summary.themes.map(item => ({ label: themeLabels[item.theme] ?? item.theme, count: item.audits }))
    res.render('audits/summary/view.njk', {
      pageTitle: 'Audit summary',
      summary,
      byMonth,
      byQuestion,
      teamChart: gradeBars(summary.byTeam),
      monthChart: gradeBars(byMonth),
      themeChart: countBars(themes),
      themes,
      chartSize: SUMMARY_CHART,
      legend: GRADE_LEGEND,
      overallGrades: AUDIT_SCALES['ofsted-4'],
      answerColumns: ANSWER_COLUMNS.filter(column => byQuestion.some(row => (row.grades[column.id] ?? 0) > 0)),
      questionLabels,
      helpers: auditViewHelpers,
    })
  })
  return router
}
