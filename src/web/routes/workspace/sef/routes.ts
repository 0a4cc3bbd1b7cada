import { Router, type Request, type Response } from 'express'
import type { Services } from '../../../../services/index.js'
import { can, type Permission } from '../../../../domain/platform/roles.js'
import { CRITERION_RATING_LABELS, CRITERION_RATINGS } from '../../../../domain/workspace/index.js'
import type { RequestContext } from '../../../../services/context.js'
import { ValidationError } from '../../../../services/errors.js'
import { EditConflictError } from '../../../../services/workspace/errors.js'
import { errorList, keepFormState, setNotice, takeFormState, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { pickStrings } from '../../../validation.js'
import { dateFromParts } from '../planItem/schemas.js'
import { APPROVAL_FIELDS, AREA_FIELDS, CRITERION_FIELDS, GAP_FIELDS, OWN_CRITERION_FIELDS } from './schemas.js'

const FORM = 'sef'

/** Form strings go straight to the service, whose Zod schema is the one validation (and coerces numbers). */
type FormInput<F extends (...args: never[]) => unknown> =
  Parameters<F> extends [...unknown[], infer Input] ? Input : never

function allowed(context: RequestContext, permission: Permission): boolean {
  return context.actor.kind === 'system' || can(context.actor.role, permission)
}

/** One self-evaluation: the three questions per area, the projection, criteria, gaps and versions. */
export function sefRoutes(services: Services): Router {
  const router = Router()
  const sefs = services.workspace.selfEvaluations
  const pagePath = (req: Request) => `/self-evaluation/${String(req.params.sefId)}`

  router.get('/self-evaluation/:sefId', async (req, res) => {
    const context = requireContext(req)
    const wanted =
      typeof req.query.version === 'string' && /^\d{1,4}$/.test(req.query.version)
        ? Number(req.query.version)
        : undefined
    const sef = await sefs.get(context, String(req.params.sefId), wanted)
    const plans = allowed(context, 'workspace:edit') ? await services.workspace.plans.list(context) : []
    const { errors, values } = takeFormState(req, FORM)
    const editable = sef.version.isLatest && sef.version.status === 'draft' && allowed(context, 'workspace:edit')
    res.render('workspace/sef/view.njk', {
      pageTitle: sef.title,
      sef,
      overall: sef.projection.result.judgements['overall-effectiveness'],
      overallExplanation: sef.projection.explanations.find(
        explanation => explanation.judgement === 'overall-effectiveness',
      ),
      editable,
      canSubmit: sef.version.isLatest && sef.version.status === 'draft' && allowed(context, 'workspace:edit'),
      canApprove: sef.version.isLatest && sef.version.status === 'submitted' && allowed(context, 'workspace:approve'),
      canStartVersion: sef.version.isLatest && sef.version.status !== 'draft' && allowed(context, 'workspace:edit'),
      plans: plans.map(plan => ({ value: plan.planId, text: plan.title })),
      ratings: CRITERION_RATINGS.map(rating => ({ value: rating, text: CRITERION_RATING_LABELS[rating] })),
      ratingLabels: CRITERION_RATING_LABELS,
      errors,
      errorSummary: errorList(errors),
      values,
      notice: takeNotice(req),
    })
  })

  /** Runs a change; a problem a person can fix goes back to the page with its field named by `prefix`. */
  async function change(
    req: Request,
    res: Response,
    prefix: string,
    values: Record<string, string>,
    work: () => Promise<string>,
  ) {
    try {
      setNotice(req, await work())
    } catch (error) {
      if (error instanceof ValidationError) {
        const errors = Object.fromEntries(
          Object.entries(error.fieldErrors).map(([field, message]) => [
            `${prefix}${field === 'form' ? 'form' : field}`,
            message,
          ]),
        )
        keepFormState(req, FORM, { errors, values: prefixed(prefix, values) })
      } else if (error instanceof EditConflictError) {
        keepFormState(req, FORM, { errors: { [`${prefix}form`]: error.message }, values: prefixed(prefix, values) })
      } else throw error
    }
    return res.redirect(pagePath(req))
  }

  router.post('/self-evaluation/:sefId/areas/:judgementId', async (req, res) => {
    const values = pickStrings(req.body, AREA_FIELDS)
    const judgementId = String(req.params.judgementId)
    return change(req, res, `${judgementId}-`, values, async () => {
      await sefs.saveArea(
        requireContext(req),
        String(req.params.sefId),
        judgementId,
        values as FormInput<typeof sefs.saveArea>,
      )
      return 'Judgement area saved.'
    })
  })

  router.post('/self-evaluation/:sefId/criteria/:criterionId', async (req, res) => {
    const values = pickStrings(req.body, CRITERION_FIELDS)
    const criterionId = String(req.params.criterionId)
    return change(req, res, `${criterionId}-`, values, async () => {
      await sefs.rateCriterion(
        requireContext(req),
        String(req.params.sefId),
        criterionId,
        values as FormInput<typeof sefs.rateCriterion>,
      )
      return 'Criterion saved.'
    })
  })

  router.post('/self-evaluation/:sefId/criteria', async (req, res) => {
    const values = pickStrings(req.body, OWN_CRITERION_FIELDS)
    return change(req, res, 'own-', values, async () => {
      await sefs.addCriterion(
        requireContext(req),
        String(req.params.sefId),
        values as FormInput<typeof sefs.addCriterion>,
      )
      return 'Criterion added.'
    })
  })

  router.post('/self-evaluation/:sefId/gaps/:criterionId/plan', async (req, res) => {
    const values = pickStrings(req.body, GAP_FIELDS)
    return change(req, res, 'gap-', values, async () => {
      if (!values.planId) throw new ValidationError({ planId: 'Select the plan to add the action to' })
      await sefs.gapToPlanItem(
        requireContext(req),
        String(req.params.sefId),
        String(req.params.criterionId),
        values.planId,
      )
      return 'Gap added to the plan as an action.'
    })
  })

  router.post('/self-evaluation/:sefId/submit', async (req, res) => {
    const values = pickStrings(req.body, ['expectedLock'])
    return change(req, res, 'version-', values, async () => {
      await sefs.submit(requireContext(req), String(req.params.sefId), Number(values.expectedLock))
      return 'Version submitted for review.'
    })
  })

  router.post('/self-evaluation/:sefId/approve', async (req, res) => {
    const values = pickStrings(req.body, APPROVAL_FIELDS)
    return change(req, res, 'approval-', values, async () => {
      const date = dateFromParts(values['approvedOn-day']!, values['approvedOn-month']!, values['approvedOn-year']!)
      if (typeof date !== 'string')
        throw new ValidationError({ approvedOn: 'Enter the date it was approved as a real date' })
      await sefs.approve(requireContext(req), String(req.params.sefId), {
        expectedLock: Number(values.expectedLock),
        board: values.board!,
        approvedOn: date,
      })
      return 'Version approved.'
    })
  })

  router.post('/self-evaluation/:sefId/versions', async (req, res) => {
    return change(req, res, 'version-', {}, async () => {
      const { versionNumber } = await sefs.newVersion(requireContext(req), String(req.params.sefId))
      return `Version ${versionNumber} started as a draft.`
    })
  })

  return router
}

function prefixed(prefix: string, values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).map(([field, value]) => [`${prefix}${field}`, value]))
}
