import { Router, type Request, type Response } from 'express'
import { authorise } from '../../../../services/context.js'
import type { Services } from '../../../../services/index.js'
import { can } from '../../../../domain/platform/roles.js'
import { PROGRESS_LABELS, PROGRESS_STATUSES, RAG_LABELS, RAG_VALUES } from '../../../../domain/workspace/index.js'
import { ValidationError } from '../../../../services/errors.js'
import { EditConflictError } from '../../../../services/workspace/errors.js'
import { errorList, keepFormState, setNotice, takeFormState, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import {
  dateFromParts,
  dateParts,
  ITEM_FIELDS,
  optionalDateFromParts,
  OVERRIDE_FIELDS,
  overrideFormSchema,
  UPDATE_FIELDS,
  updateFormSchema,
} from './schemas.js'

const UPDATE_FORM = 'planItemUpdate'
const OVERRIDE_FORM = 'planItemOverride'
const EDIT_FORM = 'planItemEdit'

const EDIT_LABELS: Record<string, string> = {
  ref: 'Ref',
  action: 'Action',
  issue: 'Issue',
  area: 'Area of responsibility',
  leadManager: 'Lead manager',
  leadOfficer: 'Lead officer',
  milestoneDate: 'Milestone date',
  targetDate: 'Completion date',
}

/** The form's strings as the service's input, or the date errors by field. */
export function itemInputFrom(values: Record<string, string>) {
  const errors: Record<string, string> = {}
  const milestoneDate = optionalDateFromParts(values, 'milestoneDate', 'milestone date')
  const targetDate = optionalDateFromParts(values, 'targetDate', 'completion date')
  if (milestoneDate !== null && typeof milestoneDate === 'object') errors.milestoneDate = milestoneDate.error
  if (targetDate !== null && typeof targetDate === 'object') errors.targetDate = targetDate.error
  const input = {
    ref: values.ref ?? '',
    issue: values.issue ?? '',
    area: values.area ?? '',
    leadManager: values.leadManager ?? '',
    leadOfficer: values.leadOfficer ?? '',
    action: values.action ?? '',
    milestoneDate: typeof milestoneDate === 'string' ? milestoneDate : null,
    targetDate: typeof targetDate === 'string' ? targetDate : null,
  }
  return { input, errors }
}

/** Errors in the order the fields appear on the form, so the summary reads top to bottom. */
export function orderItemErrors(errors: Record<string, string>): Record<string, string> {
  const order = ['form', 'sectionId', 'sectionTitle', ...Object.keys(EDIT_LABELS)]
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)))
}

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

  router.get('/plans/items/:itemId/edit', async (req, res) => {
    const context = requireContext(req)
    authorise(context, 'workspace:edit')
    const { item, planTitle } = await services.workspace.plans.getItem(context, String(req.params.itemId))
    const state = takeFormState(req, EDIT_FORM)
    const latest: Record<string, string> = {
      expectedVersion: String(item.version),
      ref: item.ref,
      issue: item.issue,
      area: item.area,
      leadManager: item.leadManager,
      leadOfficer: item.leadOfficer,
      action: item.action,
      ...dateParts('milestoneDate', item.milestoneDate),
      ...dateParts('targetDate', item.targetDate),
    }
    // After a conflict the form shows what is saved now, and lists what this person tried to save.
    const conflict = Boolean(state.errors.form)
    const unsaved = conflict
      ? Object.keys(EDIT_LABELS)
          .map(field => ({
            label: EDIT_LABELS[field]!,
            value: field.endsWith('Date')
              ? ['day', 'month', 'year'].map(part => state.values[`${field}-${part}`] ?? '').join('/')
              : (state.values[field] ?? ''),
            latest: field.endsWith('Date')
              ? ['day', 'month', 'year'].map(part => latest[`${field}-${part}`] ?? '').join('/')
              : (latest[field] ?? ''),
          }))
          .filter(entry => entry.value !== entry.latest)
      : []
    res.render('workspace/planItem/edit.njk', {
      pageTitle: `Edit action ${item.ref}`.trim(),
      item,
      planTitle,
      values: conflict || Object.keys(state.values).length === 0 ? latest : { ...state.values },
      unsaved,
      errors: state.errors,
      errorSummary: errorList(state.errors).map(entry =>
        entry.href === '#form' ? { ...entry, href: '#action' } : entry,
      ),
    })
  })

  router.post('/plans/items/:itemId/edit', async (req, res) => {
    const context = requireContext(req)
    const values = pickStrings(req.body, ITEM_FIELDS)
    const editPath = `${itemPath(req)}/edit`
    const { input, errors } = itemInputFrom(values)
    const again = (fieldErrors: Record<string, string>) => {
      keepFormState(req, EDIT_FORM, { errors: orderItemErrors(fieldErrors), values })
      return res.redirect(editPath)
    }
    if (Object.keys(errors).length > 0) return again(errors)
    try {
      const { changed } = await services.workspace.plans.editItem(context, String(req.params.itemId), {
        ...input,
        expectedVersion: Number(values.expectedVersion),
      })
      setNotice(req, changed.length > 0 ? 'Action saved.' : 'No changes to save.')
    } catch (error) {
      if (error instanceof ValidationError) return again(error.fieldErrors)
      if (error instanceof EditConflictError) return again({ form: error.message })
      throw error
    }
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
