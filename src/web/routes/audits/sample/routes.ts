import { Router, type Request, type Response } from 'express'
import { auditDueDate } from '../../../../domain/audits/index.js'
import { englandDate } from '../../../../services/audits/today.js'
import { ValidationError } from '../../../../services/errors.js'
import type { Services } from '../../../../services/index.js'
import { errorList, keepFormState, setNotice, takeFormState, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { auditViewHelpers, inPageOrder, stringList } from '../labels.js'
import { ASSIGN_FIELDS, assignFormSchema, redrawFormSchema } from './schemas.js'

const FORM = 'auditsSample'

/** One sample: its cases, seed, plan and shortfalls; redraw one case; assign cases to an auditor with a due date. */
export function sampleRoutes(services: Services): Router {
  const router = Router()
  const samplePath = (req: Request) => `/audits/samples/${String(req.params.sampleId)}`

  router.get('/audits/samples/:sampleId', async (req, res) => {
    const context = requireContext(req)
    const { samples, web } = services.audits
    const sample = await samples.getSample(context, String(req.params.sampleId))
    const audits = await web.sampleAudits(context, sample.sampleId)
    const auditors = await web.auditors(context)
    const names = await web.peopleNames(context)
    const run = await services.annexA.getRun(context, sample.runId).catch(() => undefined)
    const form = takeFormState(req, FORM)
    const { values } = form
    const errors = inPageOrder(form.errors, ['childIds', 'auditorUserId', 'templateId', 'workingDays', 'scope'])
    const selected = new Set((values.childIds ?? '').split('\n').filter(Boolean))
    const auditOf = new Map(audits.map(item => [item.childId, item]))
    const workingDays = values.workingDays ?? '4'
    const today = englandDate(new Date())
    const { templates } = await web.vocabulary(context)
    res.render('audits/sample/view.njk', {
      pageTitle: 'Sample',
      sample,
      run,
      strata: Object.fromEntries(sample.plan.strata.map(stratum => [stratum.id, stratum.label])),
      cases: sample.cases.map(item => ({
        ...item,
        audit: auditOf.get(item.childId),
        selected: selected.has(item.childId),
      })),
      unassigned: sample.cases.filter(item => !auditOf.has(item.childId)).length,
      firstUnassigned: sample.cases.find(item => !auditOf.has(item.childId))?.childId,
      assigned: audits.length,
      auditorItems: [
        { value: '', text: 'Select a person' },
        ...auditors.map(person => ({
          value: person.userId,
          text: `${person.displayName} (${person.role})`,
          selected: values.auditorUserId === person.userId,
        })),
      ],
      templateItems: templates.map((template, index) => ({
        value: template.id,
        text: template.label,
        hint: {
          text: `${template.sections.reduce((sum, section) => sum + section.questions.length, 0)} questions. Source: ${template.source}.`,
        },
        checked: values.templateId ? values.templateId === template.id : index === 0,
      })),
      workingDays,
      dueIfFour: auditDueDate(today, 4),
      names,
      errors,
      errorSummary: errorList(errors),
      helpers: auditViewHelpers,
      notice: takeNotice(req),
    })
  })

  router.post('/audits/samples/:sampleId/assign', async (req, res) => {
    const context = requireContext(req)
    const values = pickStrings(req.body, ASSIGN_FIELDS)
    const chosen = stringList((req.body as Record<string, unknown>).childIds)
    const keep = { ...values, childIds: chosen.join('\n') }
    const parsed = assignFormSchema.safeParse(values)
    const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error)
    if (parsed.success && parsed.data.scope === 'selected' && chosen.length === 0)
      errors.childIds = 'Select at least one case, or assign every unassigned case'
    if (!parsed.success || Object.keys(errors).length > 0) return back(req, res, errors, keep)
    const sampleId = String(req.params.sampleId)
    const { samples, caseAudits, web } = services.audits
    const sample = await samples.getSample(context, sampleId)
    const already = new Set((await web.sampleAudits(context, sampleId)).map(item => item.childId))
    const inSample = new Set(sample.cases.map(item => item.childId))
    if (parsed.data.scope === 'selected' && chosen.some(childId => !inSample.has(childId)))
      return back(req, res, { childIds: 'Select cases from this sample' }, keep)
    if (parsed.data.scope === 'selected' && chosen.some(childId => already.has(childId)))
      return back(req, res, { childIds: 'Some of the cases you selected have already been assigned' }, keep)
    const childIds =
      parsed.data.scope === 'all'
        ? sample.cases.map(item => item.childId).filter(childId => !already.has(childId))
        : chosen
    if (childIds.length === 0)
      return back(req, res, { childIds: 'Every case in this sample is already assigned' }, keep)
    try {
      const ids = await caseAudits.assignSample(context, {
        sampleId,
        auditorUserId: parsed.data.auditorUserId,
        templateId: parsed.data.templateId,
        workingDays: parsed.data.workingDays,
        childIds,
      })
      setNotice(
        req,
        `${ids.length} ${ids.length === 1 ? 'case' : 'cases'} assigned, due in ${parsed.data.workingDays} working ${parsed.data.workingDays === 1 ? 'day' : 'days'}.`,
      )
      return res.redirect(samplePath(req))
    } catch (error) {
      if (error instanceof ValidationError) return back(req, res, error.fieldErrors, keep)
      throw error
    }
  })

  router.post('/audits/samples/:sampleId/redraw', async (req, res) => {
    const context = requireContext(req)
    const parsed = redrawFormSchema.safeParse(pickStrings(req.body, ['childId']))
    if (!parsed.success) return back(req, res, fieldErrors(parsed.error), {})
    try {
      const result = await services.audits.samples.redraw(context, String(req.params.sampleId), parsed.data.childId)
      setNotice(
        req,
        result.replacement
          ? `Child ${result.replaced.childId} replaced by child ${result.replacement.childId}. Every other case is unchanged.`
          : `No other child in the stratum could replace child ${result.replaced.childId}; the sample is unchanged.`,
      )
      return res.redirect(samplePath(req))
    } catch (error) {
      if (error instanceof ValidationError)
        return back(req, res, { childIds: Object.values(error.fieldErrors).join('; ') }, {})
      throw error
    }
  })

  function back(req: Request, res: Response, errors: Record<string, string>, values: Record<string, string>) {
    keepFormState(req, FORM, { errors, values })
    return res.redirect(samplePath(req))
  }

  return router
}
