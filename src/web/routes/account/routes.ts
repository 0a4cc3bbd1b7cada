import { Router } from 'express'
import type { Services } from '../../../services/index.js'
import { ValidationError } from '../../../services/errors.js'
import { errorList, keepFormState, setNotice, takeFormState, takeNotice } from '../../formState.js'
import { requireContext } from '../../requestContext.js'
import { fieldErrors } from '../../validation.js'
import { changePasswordSchema } from './schemas.js'
import { ROLE_LABELS } from '../../../domain/platform/roles.js'

const FORM = 'changePassword'

export function accountRoutes(services: Services): Router {
  const router = Router()

  router.get('/account', (req, res) => {
    res.render('account/view.njk', {
      pageTitle: 'Your account',
      roleLabel: ROLE_LABELS[req.user!.role],
      notice: takeNotice(req),
    })
  })

  router.get('/change-password', (req, res) => {
    const { errors } = takeFormState(req, FORM)
    res.render('account/changePassword.njk', {
      pageTitle: 'Change your password',
      errors,
      errorSummary: errorList(errors),
      mustChange: req.user!.mustChangePassword,
    })
  })

  router.post('/change-password', async (req, res) => {
    const context = requireContext(req)
    const parsed = changePasswordSchema.safeParse(req.body ?? {})
    if (!parsed.success) {
      keepFormState(req, FORM, { errors: fieldErrors(parsed.error), values: {} })
      return res.redirect('/change-password')
    }
    try {
      await services.users.changePassword(context, parsed.data)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      keepFormState(req, FORM, { errors: error.fieldErrors, values: {} })
      return res.redirect('/change-password')
    }
    setNotice(req, 'Your password has been changed')
    return res.redirect('/account')
  })

  return router
}
