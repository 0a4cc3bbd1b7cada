import { Router, type Request, type Response } from 'express'
import type { Services } from '../../../../services/index.js'
import { can } from '../../../../domain/platform/roles.js'
import { PROGRESS_LABELS, PROGRESS_STATUSES, RAG_LABELS, RAG_VALUES } from '../../../../domain/workspace/index.js'
import { ValidationError } from '../../../../services/errors.js'
import { EditConflictError } from '../../../../services/workspace/errors.js'
import { errorList, keepFormState, setNotice, takeFormState, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { dateFromParts, OVERRIDE_FIELDS, overrideFormSchema, UPDATE_FIELDS, updateFormSchema } from './schemas.js'

const UPDATE_FORM = 'planItemUpdate'
const OVERRIDE_FORM = 'planItemOverride'

/** One action: its details, dated updates, a form to add an update, and the RAG override. */
export function planItemRoutes(services: Services): Router {
  const router = Router()
  const itemPath = (req: Request) => `/plans/items/${String(req.params.itemId)}`

  router.get('/plans/items/:itemId', async (req, res) => {
    const context = requireContext(req)
    const { item, planTitle, updates } = await services.workspace.plans.getItem(context, String(req.params.itemId))
    const update = takeFormState(req, UPDATE_FORM)
    const override = takeFormState(req, OVERRIDE_FORM)
    const errors = { ...update.errors, ...override.errors }
    res.render('workspace/planItem/view.njk', {
      pageTitle: `Action ${item.ref}`.trim(),
      item,
      planTitle,
      updates,
      canEdit: context.actor.kind === 'system' || can(context.actor.role, 'workspace:edit'),
      errors,
      errorSummary: errorList(errors),
      update: update.values,
      override: override.values,
      statuses: PROGRESS_STATUSES.map(status => ({
        value: status,
        text: PROGRESS_LABELS[status],
        checked: update.values.status === status,
      })),
      rags: RAG_VALUES.map(rag => ({ value: rag, text: RAG_LABELS[rag], checked: override.values.rag === rag })),
      progressLabels: PROGRESS_LABELS,
      notice: takeNotice(req),
    })
  })

  router.post('/plans/items/:itemId/updates', async (req, res) => {
    const context = requireContext(req)
    const values = pickStrings(req.body, UPDATE_FIELDS)
    const parsed = updateFormSchema.safeParse(values)
    const date = dateFromParts(values['date-day']!, values['date-month']!, values['date-year']!)
    const errors: Record<string, string> = {}
    if (typeof date !== 'string') errors.date = date.error
    if (!parsed.success) Object.assign(errors, fieldErrors(parsed.error))
    if (Object.keys(errors).length > 0 || !parsed.success || typeof date !== 'string')
      return back(req, res, UPDATE_FORM, orderUpdateErrors(errors), values)
    try {
      await services.workspace.plans.recordUpdate(context, String(req.params.itemId), {
        expectedVersion: Number(values.expectedVersion),
        date,
        ...parsed.data,
      })
    } catch (error) {
      if (error instanceof ValidationError) return back(req, res, UPDATE_FORM, error.fieldErrors, values)
      if (error instanceof EditConflictError) return back(req, res, UPDATE_FORM, { note: error.message }, values)
      throw error
    }
    setNotice(req, 'Progress update saved.')
    return res.redirect(itemPath(req))
  })

  router.post('/plans/items/:itemId/rag-override', async (req, res) => {
    const context = requireContext(req)
    const values = pickStrings(req.body, OVERRIDE_FIELDS)
    const parsed = overrideFormSchema.safeParse(values)
    if (!parsed.success) return back(req, res, OVERRIDE_FORM, fieldErrors(parsed.error), values)
    try {
      await services.workspace.plans.setRagOverride(context, String(req.params.itemId), {
        ...parsed.data,
        expectedVersion: Number(values.expectedVersion),
      })
    } catch (error) {
      if (error instanceof ValidationError) return back(req, res, OVERRIDE_FORM, error.fieldErrors, values)
      if (error instanceof EditConflictError) return back(req, res, OVERRIDE_FORM, { reason: error.message }, values)
      throw error
    }
    setNotice(
      req,
      parsed.data.action === 'set' ? 'RAG override saved.' : 'RAG override removed: the computed RAG is shown.',
    )
    return res.redirect(itemPath(req))
  })

  function back(
    req: Request,
    res: Response,
    form: string,
    errors: Record<string, string>,
    values: Record<string, string>,
  ) {
    keepFormState(req, form, { errors, values })
    return res.redirect(itemPath(req))
  }

  return router
}

function orderUpdateErrors(errors: Record<string, string>): Record<string, string> {
  const order = ['date', 'status', 'note', 'expectedVersion']
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)))
}
