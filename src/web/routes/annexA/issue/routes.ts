import { Router } from 'express'
import type { Services } from '../../../../services/index.js'
import { ValidationError } from '../../../../services/errors.js'
import { errorList, keepFormState, setNotice, takeFormState, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { ISSUE_STATUS_FIELDS, issueStatusSchema } from './schemas.js'

const FORM = 'annexAIssueStatus'

/** One issue with the row it is about, and its status (open, fixed, or accepted with a reason). */
export function issueRoutes(services: Services): Router {
  const router = Router()
  const seqOf = (value: string) => (/^\d{1,9}$/.test(value) ? Number(value) : -1)

  router.get('/annex-a/runs/:runId/issues/:issueSeq', async (req, res) => {
    const { issue, row } = await services.annexA.getIssue(
      requireContext(req),
      req.params.runId,
      seqOf(req.params.issueSeq),
    )
    const { errors, values } = takeFormState(req, FORM)
    res.render('annexA/issue/view.njk', {
      pageTitle: `Issue on list ${issue.list ?? '–'}, row ${issue.rowNumber ?? '–'}`,
      runId: req.params.runId,
      issue,
      row,
      errors,
      errorSummary: errorList(errors),
      values: Object.keys(values).length
        ? values
        : { status: issue.status, reason: issue.statusReason ?? '', owner: issue.owner ?? '', note: issue.note ?? '' },
      notice: takeNotice(req),
    })
  })

  router.post('/annex-a/runs/:runId/issues/:issueSeq', async (req, res) => {
    const context = requireContext(req)
    const here = `/annex-a/runs/${encodeURIComponent(req.params.runId)}/issues/${seqOf(req.params.issueSeq)}`
    const values = pickStrings(req.body, ISSUE_STATUS_FIELDS)
    const parsed = issueStatusSchema.safeParse(values)
    if (!parsed.success) {
      keepFormState(req, FORM, { errors: fieldErrors(parsed.error), values })
      return res.redirect(here)
    }
    try {
      await services.annexA.updateIssueStatus(context, req.params.runId, seqOf(req.params.issueSeq), parsed.data)
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      keepFormState(req, FORM, { errors: error.fieldErrors, values })
      return res.redirect(here)
    }
    setNotice(req, 'Issue status saved')
    return res.redirect(here)
  })

  return router
}
