import { Router } from 'express'
import type { Services } from '../../../services/index.js'
import { ROLE_LABELS, ROLES } from '../../../domain/platform/roles.js'
import { ValidationError } from '../../../services/errors.js'
import { authorise } from '../../../services/context.js'
import { errorList, keepFormState, takeFormState } from '../../formState.js'
import { requireContext } from '../../requestContext.js'
import { fieldErrors, pickStrings } from '../../validation.js'
import { newUserFormSchema } from './newUser/schemas.js'

const NEW_USER_FORM = 'newUser'
const NEW_USER_FIELDS = ['displayName', 'email', 'role'] as const

/** Admin pages. Each service call checks the permission itself; the routes only translate. */
export function adminRoutes(services: Services): Router {
  const router = Router()

  router.get('/admin', (req, res) => {
    authorise(requireContext(req), 'users:manage')
    res.render('admin/view.njk', { pageTitle: 'Admin' })
  })

  router.get('/admin/users', async (req, res) => {
    const users = await services.users.list(requireContext(req))
    const created = req.session.forms?.createdUser?.values
    if (req.session.forms?.createdUser) delete req.session.forms.createdUser
    res.render('admin/users/view.njk', { pageTitle: 'People', users, roleLabels: ROLE_LABELS, created })
  })

  router.get('/admin/users/new', async (req, res) => {
    await services.users.list(requireContext(req)) // the same permission check as adding
    const { errors, values } = takeFormState(req, NEW_USER_FORM)
    res.render('admin/newUser/view.njk', {
      pageTitle: 'Add a person',
      errors,
      errorSummary: errorList(errors),
      values,
      roles: ROLES.map(role => ({ value: role, text: ROLE_LABELS[role], checked: values.role === role })),
    })
  })

  router.post('/admin/users/new', async (req, res) => {
    const context = requireContext(req)
    const values = pickStrings(req.body, NEW_USER_FIELDS)
    const parsed = newUserFormSchema.safeParse(values)
    if (!parsed.success) {
      keepFormState(req, NEW_USER_FORM, { errors: fieldErrors(parsed.error), values })
      return res.redirect('/admin/users/new')
    }
    try {
      const { user, oneTimePassword } = await services.users.create(context, parsed.data)
      // Shown once on the next page, then gone: the one-time password is never stored in clear.
      req.session.forms = {
        ...req.session.forms,
        createdUser: { errors: {}, values: { email: user.email, oneTimePassword: oneTimePassword ?? '' } },
      }
      return res.redirect('/admin/users')
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      keepFormState(req, NEW_USER_FORM, { errors: error.fieldErrors, values })
      return res.redirect('/admin/users/new')
    }
  })

  router.get('/admin/audit-log', async (req, res) => {
    const events = await services.audit.listRecent(requireContext(req), { limit: 200 })
    res.render('admin/auditLog/view.njk', { pageTitle: 'Audit log', events })
  })

  return router
}
