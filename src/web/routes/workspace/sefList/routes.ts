import { Router } from 'express'
import type { Services } from '../../../../services/index.js'
import { can } from '../../../../domain/platform/roles.js'
import { listFrameworks } from '../../../../domain/frameworks/index.js'
import { ValidationError } from '../../../../services/errors.js'
import { DEFAULT_SEF_FRAMEWORK } from '../../../../services/workspace/sefService.js'
import { errorList, keepFormState, takeFormState, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { NEW_SEF_FIELDS, newSefFormSchema } from './schemas.js'

const FORM = 'newSef'

export function sefListRoutes(services: Services): Router {
  const router = Router()

  router.get('/self-evaluation', async (req, res) => {
    const context = requireContext(req)
    const selfEvaluations = await services.workspace.selfEvaluations.list(context)
    const { errors, values } = takeFormState(req, FORM)
    const chosen = values.frameworkId ?? DEFAULT_SEF_FRAMEWORK
    res.render('workspace/sefList/view.njk', {
      pageTitle: 'Self-evaluation',
      selfEvaluations,
      canEdit: context.actor.kind === 'system' || can(context.actor.role, 'workspace:edit'),
      errors,
      errorSummary: errorList(errors),
      values,
      frameworks: listFrameworks()
        .filter(framework => framework.graded)
        .map(framework => ({
          value: framework.id,
          text: `${framework.label} (${framework.version})`,
          selected: framework.id === chosen,
        })),
      notice: takeNotice(req),
    })
  })

  router.post('/self-evaluation', async (req, res) => {
    const context = requireContext(req)
    const values = pickStrings(req.body, NEW_SEF_FIELDS)
    const parsed = newSefFormSchema.safeParse(values)
    if (!parsed.success) {
      keepFormState(req, FORM, { errors: fieldErrors(parsed.error), values })
      return res.redirect('/self-evaluation')
    }
    try {
      const { sefId } = await services.workspace.selfEvaluations.create(context, parsed.data)
      return res.redirect(`/self-evaluation/${sefId}`)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      keepFormState(req, FORM, { errors: error.fieldErrors, values })
      return res.redirect('/self-evaluation')
    }
  })

  return router
}
