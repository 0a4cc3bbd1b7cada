import { Router, type Request, type Response } from 'express'
import { authorise } from '../../../../services/context.js'
import { ValidationError } from '../../../../services/errors.js'
import type { Services } from '../../../../services/index.js'
import { errorList, keepFormState, setNotice, takeFormState } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { auditViewHelpers, inPageOrder } from '../labels.js'
import { SIGN_OFF_FIELDS, signOffFormSchema } from './schemas.js'

const FORM = 'auditsSignOff'

/** A lead records that the practitioner and team manager have seen and signed off a submitted audit. */
export function signOffRoutes(services: Services): Router {
  const router = Router()
  const signOffPath = (req: Request) => `/audits/case-audits/${String(req.params.auditId)}/sign-off`

  router.get('/audits/case-audits/:auditId/sign-off', async (req, res) => {
    const context = requireContext(req)
    // Sign-off is for leads: check before reading the audit, so an auditor is refused, not shown the case.
    authorise(context, 'audits:manage')
    const audit = await services.audits.caseAudits.get(context, String(req.params.auditId))
    const names = await services.audits.web.peopleNames(context)
    const form = takeFormState(req, FORM)
    const { values } = form
    const errors = inPageOrder(form.errors, ['practitioner', 'manager'])
    res.render('audits/signOff/view.njk', {
      pageTitle: `Sign off the audit of child ${audit.childId}`,
      audit,
      names,
      values,
      errors,
      errorSummary: errorList(errors),
      helpers: auditViewHelpers,
    })
  })

  router.post('/audits/case-audits/:auditId/sign-off', async (req, res) => {
    const context = requireContext(req)
    const values = pickStrings(req.body, SIGN_OFF_FIELDS)
    const parsed = signOffFormSchema.safeParse(values)
    if (!parsed.success) return back(req, res, fieldErrors(parsed.error), values)
    try {
      await services.audits.caseAudits.signOff(context, String(req.params.auditId), parsed.data)
    } catch (error) {
      if (error instanceof ValidationError)
        return back(
          req,
          res,
          Object.fromEntries(
            Object.entries(error.fieldErrors).map(([field, text]) => [
              field === 'status' ? 'practitioner' : field,
              text,
            ]),
          ),
          values,
        )
      throw error
    }
    setNotice(req, 'Sign-off recorded.')
    return res.redirect(`/audits/case-audits/${String(req.params.auditId)}`)
  })

  function back(req: Request, res: Response, errors: Record<string, string>, values: Record<string, string>) {
    keepFormState(req, FORM, { errors, values })
    return res.redirect(signOffPath(req))
  }

  return router
}
