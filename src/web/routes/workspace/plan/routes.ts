import { Router } from 'express'
import type { Services } from '../../../../services/index.js'
import { can } from '../../../../domain/platform/roles.js'
import { exportPlanDocx } from '../../../../services/workspace/exportPlanDocx.js'
import { exportPlanXlsx } from '../../../../services/workspace/exportPlanXlsx.js'
import { authorise } from '../../../../services/context.js'
import { ValidationError } from '../../../../services/errors.js'
import { errorList, keepFormState, setNotice, takeFormState, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { pickStrings } from '../../../validation.js'
import { itemInputFrom, orderItemErrors } from '../planItem/routes.js'
import { ITEM_FIELDS } from '../planItem/schemas.js'

const NEW_ITEM_FORM = 'planNewItem'
const NEW_SECTION = 'new'
const NEW_ITEM_FIELDS = [...ITEM_FIELDS, 'sectionId', 'sectionTitle'] as const

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

  router.get('/plans/:planId/items/new', async (req, res) => {
    const context = requireContext(req)
    authorise(context, 'workspace:edit')
    const plan = await services.workspace.plans.get(context, String(req.params.planId))
    const { errors, values } = takeFormState(req, NEW_ITEM_FORM)
    const chosen =
      values.sectionId ??
      (typeof req.query.section === 'string' ? req.query.section : (plan.sections[0]?.sectionId ?? NEW_SECTION))
    res.render('workspace/plan/newItem.njk', {
      pageTitle: `Add an action: ${plan.title}`,
      plan,
      sections: [
        ...plan.sections.map(section => ({
          value: section.sectionId,
          text: `${section.ref ? `${section.ref}: ` : ''}${section.title}`.slice(0, 120),
          selected: section.sectionId === chosen,
        })),
        { value: NEW_SECTION, text: 'A new section', selected: chosen === NEW_SECTION },
      ],
      values,
      errors,
      errorSummary: errorList(errors),
    })
  })

  router.post('/plans/:planId/items', async (req, res) => {
    const context = requireContext(req)
    authorise(context, 'workspace:edit')
    const plan = await services.workspace.plans.get(context, String(req.params.planId))
    const values = pickStrings(req.body, NEW_ITEM_FIELDS)
    const { input, errors } = itemInputFrom(values)
    const section = plan.sections.find(candidate => candidate.sectionId === values.sectionId)
    let sectionTitle = section?.title ?? ''
    if (values.sectionId === NEW_SECTION) {
      sectionTitle = (values.sectionTitle ?? '').trim()
      if (!sectionTitle) errors.sectionTitle = 'Enter the title of the new section'
      else if (plan.sections.some(candidate => candidate.title === sectionTitle))
        errors.sectionTitle = 'A section with that title exists: choose it from the list'
    } else if (!section) errors.sectionId = 'Select a section from the list'
    const again = (fieldErrors: Record<string, string>) => {
      keepFormState(req, NEW_ITEM_FORM, { errors: orderItemErrors(fieldErrors), values })
      return res.redirect(`/plans/${plan.planId}/items/new`)
    }
    if (Object.keys(errors).length > 0) return again(errors)
    try {
      const { itemId } = await services.workspace.plans.addItem(context, plan.planId, {
        ...input,
        sectionTitle,
        sourceReference: section?.sourceReference ?? '',
      })
      setNotice(req, 'Action added.')
      return res.redirect(`/plans/items/${itemId}`)
    } catch (error) {
      if (error instanceof ValidationError) return again(error.fieldErrors)
      throw error
    }
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

  router.get('/plans/:planId/export.docx', async (req, res) => {
    const context = requireContext(req)
    const plan = await services.workspace.plans.get(context, String(req.params.planId))
    const latestUpdates = await services.workspace.plans.latestUpdates(context, plan.planId)
    const bytes = await exportPlanDocx(plan, { latestUpdates })
    await services.audit.log(context, {
      action: 'plan.exported',
      subjectType: 'plan',
      subjectId: plan.planId,
      details: { format: 'docx' },
    })
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
    res.setHeader('Content-Disposition', 'attachment; filename="plan-committee-paper.docx"')
    res.send(bytes)
  })

  return router
}
