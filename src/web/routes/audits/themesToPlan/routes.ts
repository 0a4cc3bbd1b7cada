import { Router, type Request, type Response } from 'express'
import { roundLabel, type AuditRound } from '../../../../domain/audits/index.js'
import { checkRound } from '../../../../services/audits/auditReportService.js'
import { NotFoundError, ValidationError } from '../../../../services/errors.js'
import type { Services } from '../../../../services/index.js'
import { errorList, keepFormState, setNotice, takeFormState, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { roundQuery } from '../exports/schemas.js'
import { checkedValues, THEMES_TO_PLAN_FIELDS, themesToPlanSchema } from './schemas.js'

const FORM = 'themesToPlan'

function roundParams(round: AuditRound | null, planId?: string): string {
  const params = new URLSearchParams()
  if (round?.kind === 'sample') params.set('sample', round.sampleId)
  if (round?.kind === 'period') {
    params.set('from', round.from)
    params.set('to', round.to)
  }
  if (planId) params.set('plan', planId)
  return params.toString()
}

/**
 * Themes of an audit round into an improvement plan (seed 003, Appendix 1 3.12): choose the round and the plan,
 * tick themes; items already made from the same round and theme are shown as links and never made twice.
 */
export function themesToPlanRoutes(services: Services): Router {
  const router = Router()

  router.get('/audits/themes-to-plan', async (req, res) => {
    const context = requireContext(req)
    const round = checkRound(roundQuery(req.query))
    const plans = await services.workspace.plans.list(context)
    const samples = await services.audits.samples.listSamples(context)
    const state = takeFormState(req, FORM)
    const wantedPlan = state.values.plan ?? (typeof req.query.plan === 'string' ? req.query.plan : '')
    const planId = plans.some(plan => plan.planId === wantedPlan) ? wantedPlan : undefined
    const preview = round
      ? await services.audits.themesToPlan.preview(context, { round, ...(planId ? { planId } : {}) })
      : null
    res.render('audits/themesToPlan/view.njk', {
      pageTitle: 'Add audit themes to an improvement plan',
      round,
      roundLabel: round ? roundLabel(round) : null,
      roundFields:
        round?.kind === 'sample' ? { sample: round.sampleId } : round ? { from: round.from, to: round.to } : {},
      samples: [
        { value: '', text: 'Choose a sample' },
        ...samples.map(sample => ({
          value: sample.sampleId,
          text: `${sample.plan}, seed ${sample.seed}, ${sample.cases} cases (${sample.sampleId.slice(0, 8)})`,
          selected: round?.kind === 'sample' && round.sampleId === sample.sampleId,
        })),
      ],
      plans: [
        { value: '', text: 'Choose a plan' },
        ...plans.map(plan => ({ value: plan.planId, text: plan.title, selected: plan.planId === planId })),
      ],
      planId,
      preview,
      errors: state.errors,
      errorSummary: errorList(state.errors),
      checked: (state.values.themes ?? '').split(','),
      notice: takeNotice(req),
    })
  })

  router.post('/audits/themes-to-plan', async (req: Request, res: Response) => {
    const context = requireContext(req)
    const values = pickStrings(req.body, THEMES_TO_PLAN_FIELDS)
    const themes = checkedValues((req.body as Record<string, unknown>)?.themes)
    const round = checkRound({
      ...(values.sample ? { sampleId: values.sample } : {}),
      ...(values.from ? { from: values.from } : {}),
      ...(values.to ? { to: values.to } : {}),
    })
    const back = (errors: Record<string, string>) => {
      keepFormState(req, FORM, { errors, values: { plan: values.plan ?? '', themes: themes.join(',') } })
      return res.redirect(`/audits/themes-to-plan?${roundParams(round, values.plan)}`)
    }
    if (!round) throw new ValidationError({ round: 'Choose the sample or period first' })
    const parsed = themesToPlanSchema.safeParse({ ...values, themes })
    if (!parsed.success) return back(fieldErrors(parsed.error))
    try {
      const result = await services.audits.themesToPlan.createItems(context, {
        round,
        planId: parsed.data.plan,
        themeIds: parsed.data.themes,
      })
      setNotice(
        req,
        `${result.created.length} action${result.created.length === 1 ? '' : 's'} added to the plan` +
          (result.skipped.length > 0 ? `; ${result.skipped.length} already there.` : '.'),
      )
    } catch (error) {
      if (error instanceof ValidationError) return back(error.fieldErrors)
      if (error instanceof NotFoundError) return back({ plan: 'Select the improvement plan' })
      throw error
    }
    return res.redirect(`/audits/themes-to-plan?${roundParams(round, parsed.data.plan)}`)
  })

  return router
}
