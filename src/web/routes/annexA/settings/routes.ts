import { Router } from 'express'
import { authorise } from '../../../../services/context.js'
import type { Services } from '../../../../services/index.js'
import { ValidationError } from '../../../../services/errors.js'
import { errorList, keepFormState, setNotice, takeFormState, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { retentionSchema } from './schemas.js'

const FORM = 'annexARetention'

/** How long child-level rows are kept, and a purge now. Administrators only (checked in the service). */
export function settingsRoutes(services: Services): Router {
  const router = Router()

  router.get('/annex-a/settings', async (req, res) => {
    const context = requireContext(req)
    authorise(context, 'users:manage')
    const settings = await services.annexA.getSettings(context)
    const { errors, values } = takeFormState(req, FORM)
    res.render('annexA/settings/view.njk', {
      pageTitle: 'Retention of child-level data',
      errors,
      errorSummary: errorList(errors),
      values: Object.keys(values).length ? values : { retentionMonths: String(settings.retentionMonths) },
      notice: takeNotice(req),
    })
  })

  router.post('/annex-a/settings', async (req, res) => {
    const values = pickStrings(req.body, ['retentionMonths'])
    const parsed = retentionSchema.safeParse(values)
    if (!parsed.success) {
      keepFormState(req, FORM, { errors: fieldErrors(parsed.error), values })
      return res.redirect('/annex-a/settings')
    }
    try {
      await services.annexA.setRetention(requireContext(req), parsed.data)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      keepFormState(req, FORM, { errors: error.fieldErrors, values })
      return res.redirect('/annex-a/settings')
    }
    setNotice(req, 'Retention period saved')
    return res.redirect('/annex-a/settings')
  })

  router.post('/annex-a/settings/purge', async (req, res) => {
    const { purgedRuns } = await services.annexA.purgeExpired(requireContext(req))
    setNotice(req, `${purgedRuns.length} test ${purgedRuns.length === 1 ? 'run was' : 'runs were'} purged`)
    res.redirect('/annex-a/settings')
  })

  return router
}
