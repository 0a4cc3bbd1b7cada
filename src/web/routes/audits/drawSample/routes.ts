import { Router, type Request, type Response } from 'express'
import { authorise } from '../../../../services/context.js'
import type { Services } from '../../../../services/index.js'
import { NotFoundError, ValidationError } from '../../../../services/errors.js'
import { govukDate } from '../../../filters/dates.js'
import { errorList, keepFormState, setNotice, takeFormState } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { inPageOrder } from '../labels.js'
import { DRAW_FIELDS, drawFormSchema } from './schemas.js'

const FORM = 'auditsDrawSample'

/** Draw a sample: a test run, a plan and an optional seed; the stored sample is shown next (Post/Redirect/Get). */
export function drawSampleRoutes(services: Services): Router {
  const router = Router()

  router.get('/audits/samples/new', async (req, res) => {
    const context = requireContext(req)
    // Drawing is for leads: refuse the form itself, not only the POST.
    authorise(context, 'audits:manage')
    authorise(context, 'child-data:read')
    // Built-in plans from the framework data, then the organisation's own stored plans (drawn by id alike).
    const stored = await services.audits.samplingPlans.list(context)
    const plans = [...services.audits.samples.listPlans(context), ...stored.map(entry => entry.plan)]
    const runs = (await services.annexA.listRuns(context, { limit: 50 })).filter(run => !run.purged)
    const form = takeFormState(req, FORM)
    const { values } = form
    const errors = inPageOrder(form.errors, ['runId', 'plan', 'seed'])
    res.render('audits/drawSample/view.njk', {
      pageTitle: 'Draw a sample',
      errors,
      errorSummary: errorList(errors),
      runItems: runs.map((run, index) => ({
        value: run.runId,
        text: `${run.sourceName}, reference date ${govukDate(run.referenceDate)}`,
        hint: { text: `Imported ${govukDate(run.createdAt)} by ${run.createdBy}; ${run.rows} rows` },
        checked: values.runId ? values.runId === run.runId : index === 0,
      })),
      planItems: plans.map(plan => ({
        value: plan.id,
        text: plan.label,
        hint: {
          text: `${plan.strata.map(stratum => `${stratum.label}: ${stratum.quota === 'all' ? 'every case' : stratum.quota}`).join('; ')}. Source: ${plan.source}.`,
        },
        checked: values.plan === plan.id,
      })),
      values,
    })
  })

  router.post('/audits/samples/new', async (req, res) => {
    const context = requireContext(req)
    const values = pickStrings(req.body, DRAW_FIELDS)
    const parsed = drawFormSchema.safeParse(values)
    if (!parsed.success) return back(req, res, fieldErrors(parsed.error), values)
    try {
      const drawn = await services.audits.samples.draw(context, {
        runId: parsed.data.runId,
        plan: parsed.data.plan,
        seed: parsed.data.seed,
      })
      const short = drawn.shortfalls.length ? `, ${drawn.shortfalls.length} strata short` : ''
      setNotice(req, `Sample drawn: ${drawn.cases.length} cases with seed ${drawn.seed}${short}.`)
      return res.redirect(`/audits/samples/${drawn.sampleId}`)
    } catch (error) {
      if (error instanceof ValidationError) return back(req, res, error.fieldErrors, values)
      if (error instanceof NotFoundError) return back(req, res, { runId: 'Select an Annex A test run' }, values)
      throw error
    }
  })

  function back(req: Request, res: Response, errors: Record<string, string>, values: Record<string, string>) {
    // The service names a purged run `run`; the field is `runId`.
    const renamed = Object.fromEntries(
      Object.entries(errors).map(([field, text]) => [field === 'run' ? 'runId' : field, text] as const),
    )
    keepFormState(req, FORM, { errors: renamed, values })
    return res.redirect('/audits/samples/new')
  }

  return router
}
