import { Router, type Request, type Response } from 'express'
import { can } from '../../../../domain/platform/roles.js'
import { authorise } from '../../../../services/context.js'
import { ValidationError } from '../../../../services/errors.js'
import type { Services } from '../../../../services/index.js'
import { keepFormState, setNotice, takeFormState, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { dateInputItems, errorLinks } from '../dateInput.js'
import { gradeField, gradedJudgements } from '../simulator/schemas.js'
import { HISTORY_FORM, historyFields, historyFormSchema } from './schemas.js'

/**
 * express-session saves a changed session while the redirect is already on its way, so a browser can
 * follow it and read the old session, losing the errors or the notice. Saving first closes that race.
 */
async function saveSessionThenRedirect(req: Request, res: Response, url: string): Promise<void> {
  await new Promise<void>((resolve, reject) => req.session.save(error => (error ? reject(error) : resolve())))
  res.redirect(url)
}

/**
 * The organisation's own inspection history and the forecast of the next inspection. Everyone who can
 * read the workspace sees it; adding needs 'workspace:edit' (checked by the service, and here first so a
 * viewer never sees the form). Adding is Post/Redirect/Get with errors kept in the session.
 */
export function historyRoutes(services: Services): Router {
  const router = Router()

  router.get('/frameworks/history', async (req, res) => {
    const context = requireContext(req)
    const [entries, forecast] = await Promise.all([
      services.inspectionHistory.list(context),
      services.inspectionHistory.forecast(context),
    ])
    const gradeLabels = (frameworkId: string, grades: Record<string, string>) => {
      const framework = services.frameworks.list(context).some(f => f.id === frameworkId)
        ? services.frameworks.get(context, frameworkId)
        : undefined
      return Object.entries(grades).map(([judgementId, gradeId]) => {
        const entry = framework && gradedJudgements(framework).find(g => g.judgement.id === judgementId)
        return {
          judgement: entry?.judgement.label ?? judgementId,
          grade: entry?.scale.grades.find(grade => grade.id === gradeId)?.label ?? gradeId,
        }
      })
    }
    res.render('frameworks/history/list.njk', {
      pageTitle: 'Inspection history',
      entries: entries.map(entry => ({ ...entry, gradeList: gradeLabels(entry.frameworkId, entry.grades) })),
      forecast,
      canEdit: req.user ? can(req.user.role, 'workspace:edit') : false,
      notice: takeNotice(req),
    })
  })

  router.get('/frameworks/history/new', (req, res) => {
    const context = requireContext(req)
    authorise(context, 'workspace:edit')
    const frameworks = services.frameworks.list(context)
    const wanted = typeof req.query.framework === 'string' ? req.query.framework : ''
    const framework = frameworks.some(f => f.id === wanted) ? services.frameworks.get(context, wanted) : undefined
    if (!framework) {
      // Step 1: which framework. A GET form, so choosing works without JavaScript.
      const errors: Record<string, string> =
        wanted || 'framework' in req.query ? { framework: 'Select a framework' } : {}
      return res.status(Object.keys(errors).length ? 400 : 200).render('frameworks/history/chooseFramework.njk', {
        pageTitle: 'Add an inspection: framework',
        errors,
        errorSummary: errorLinks(errors),
        items: [...frameworks].reverse().map(f => ({
          value: f.id,
          text: f.label,
          hint: { text: `${f.inForce.from.slice(0, 4)} to ${f.inForce.to?.slice(0, 4) ?? 'now'}` },
        })),
      })
    }
    const { errors, values } = takeFormState(req, HISTORY_FORM)
    return res.render('frameworks/history/new.njk', {
      pageTitle: 'Add an inspection',
      framework,
      errors,
      errorSummary: errorLinks(errors, ['date']),
      values,
      typeItems: framework.inspectionTypes.map(type => ({
        value: type.id,
        text: type.label,
        hint: { text: type.graded ? 'Graded' : 'Not graded' },
        checked: values.inspectionType === type.id,
      })),
      dateItems: dateInputItems('date', values, Boolean(errors.date)),
      gradeSelects: gradedJudgements(framework).map(({ judgement, scale }) => ({
        id: gradeField(judgement.id),
        label: judgement.label,
        items: [
          { value: '', text: 'Not graded or not known' },
          ...scale.grades.map(grade => ({
            value: grade.id,
            text: grade.label,
            selected: values[gradeField(judgement.id)] === grade.id,
          })),
        ],
      })),
    })
  })

  router.post('/frameworks/history/new', async (req, res) => {
    const context = requireContext(req)
    authorise(context, 'workspace:edit')
    const frameworkId = typeof req.body?.frameworkId === 'string' ? req.body.frameworkId : ''
    const known = services.frameworks.list(context).some(f => f.id === frameworkId)
    if (!known) return res.redirect('/frameworks/history/new?framework=')
    const framework = services.frameworks.get(context, frameworkId)
    const values = pickStrings(req.body, historyFields(framework))
    const back = `/frameworks/history/new?framework=${encodeURIComponent(framework.id)}`
    const schema = historyFormSchema(framework)
    const fields = schema.fields.safeParse(values)
    const date = schema.date.safeParse(values)
    if (!fields.success || !date.success) {
      const errors = {
        ...(fields.success ? {} : fieldErrors(fields.error)),
        ...(date.success ? {} : fieldErrors(date.error)),
      }
      keepFormState(req, HISTORY_FORM, { errors, values })
      return saveSessionThenRedirect(req, res, back)
    }
    try {
      const entry = await services.inspectionHistory.add(context, {
        frameworkId: framework.id,
        inspectionType: fields.data.inspectionType,
        date: date.data,
        note: fields.data.note,
        grades: schema.grades(values),
      })
      setNotice(req, `Added the ${entry.inspectionTypeLabel.toLowerCase()} of ${entry.date}`)
      return saveSessionThenRedirect(req, res, '/frameworks/history')
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      keepFormState(req, HISTORY_FORM, { errors: error.fieldErrors, values })
      return saveSessionThenRedirect(req, res, back)
    }
  })

  router.get('/frameworks/history/:inspectionId/remove', async (req, res) => {
    const context = requireContext(req)
    authorise(context, 'workspace:edit')
    const entry = await services.inspectionHistory.get(context, req.params.inspectionId)
    res.render('frameworks/history/remove.njk', { pageTitle: 'Remove an inspection', entry })
  })

  router.post('/frameworks/history/:inspectionId/remove', async (req, res) => {
    const context = requireContext(req)
    const entry = await services.inspectionHistory.remove(context, req.params.inspectionId)
    setNotice(req, `Removed the ${entry.inspectionTypeLabel.toLowerCase()} of ${entry.date}`)
    return saveSessionThenRedirect(req, res, '/frameworks/history')
  })

  return router
}
