import { Router, type Request, type Response } from 'express'
import {
  customPlanJson,
  describeBalance,
  describeStratum,
  FILTER_COLUMNS,
  findSamplingPlan,
  LIST_NAMES,
  listsText,
  planProblemText,
  readCustomPlan,
  readJsonText,
  type PlanPreview,
  type SamplingPlan,
} from '../../../../domain/sampling/index.js'
import { authorise, type RequestContext } from '../../../../services/context.js'
import { NotFoundError, ValidationError } from '../../../../services/errors.js'
import type { Services } from '../../../../services/index.js'
import { EditConflictError } from '../../../../services/workspace/errors.js'
import { govukDate, govukDateTime } from '../../../filters/dates.js'
import { keepFormState, setNotice, takeFormState, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { stringField } from '../labels.js'
import {
  FORM_LIMITS,
  fitsForm,
  planErrorList,
  planFormFromBody,
  planFormFromPlan,
  planFormView,
  planFromForm,
  strataCountOf,
  stratumKey,
  type PlanFormValues,
} from './planForm.js'
import { copyFromSchema, MAX_PLAN_JSON, planJsonSchema, previewRunSchema } from './schemas.js'

const BASE = '/audits/sampling-plans'
const MAX_PROBLEMS_SHOWN = 50

const formKey = (path: string) => `samplingPlan:${path}`

interface StoredPreview {
  run: string
  strata: PlanPreview['strata']
  cases: number
}

/**
 * Sampling plans on the web: every plan with its strata (built-in ones read-only), and the organisation's own
 * plans created and edited through a form that needs no JavaScript, or pasted as JSON. Saving goes through the
 * stored-plan service (checked by readCustomPlan, optimistic on the version read); a preview draws from a stored
 * Annex A run and shows counts per stratum without storing a sample.
 */
export function samplingPlanRoutes(services: Services): Router {
  const router = Router()
  const store = services.audits.samplingPlans

  async function previewRuns(context: RequestContext, chosen: string) {
    const runs = (await services.annexA.listRuns(context, { limit: 50 })).filter(run => !run.purged)
    return [
      { value: '', text: 'Choose a test run', selected: chosen === '' },
      ...runs.map(run => ({
        value: run.runId,
        text: `${run.sourceName}, reference date ${govukDate(run.referenceDate)} (${run.rows} rows)`,
        selected: run.runId === chosen,
      })),
    ]
  }

  function readPreview(values: PlanFormValues): StoredPreview | null {
    if (!values.preview) return null
    try {
      return JSON.parse(values.preview) as StoredPreview
    } catch {
      return null
    }
  }

  async function renderForm(
    req: Request,
    res: Response,
    options: { path: string; initial: () => Promise<PlanFormValues>; existing?: { planId: string; label: string } },
  ) {
    const context = requireContext(req)
    const state = takeFormState(req, formKey(options.path))
    const values = state.values.strataCount ? state.values : await options.initial()
    const strataCount = strataCountOf(values)
    res.render('audits/samplingPlans/form.njk', {
      pageTitle: options.existing ? `Edit ${options.existing.label}` : 'Create a sampling plan',
      action: options.path,
      existing: options.existing,
      values: { ...values, strataCount: String(strataCount) },
      errors: state.errors,
      errorSummary: planErrorList(state.errors),
      strata: planFormView(values, state.errors),
      canAddStratum: strataCount < FORM_LIMITS.strata,
      limits: FORM_LIMITS,
      runItems: await previewRuns(context, values.previewRun ?? ''),
      preview: readPreview(values),
    })
  }

  async function handleForm(req: Request, res: Response, path: string, existing?: { planId: string }) {
    const context = requireContext(req)
    authorise(context, 'audits:manage')
    const { values, action } = planFormFromBody(req.body)
    // On the edit page the id is the page's; the form does not offer to change it.
    if (existing) values.id = existing.planId
    const back = (errors: Record<string, string>, kept: PlanFormValues = values, anchor = '') => {
      keepFormState(req, formKey(path), { errors, values: kept })
      return res.redirect(`${path}${anchor}`)
    }
    if (action === 'add-stratum') {
      const count = strataCountOf(values)
      const more = { ...values, strataCount: String(Math.min(count + 1, FORM_LIMITS.strata)) }
      return back({}, more, count < FORM_LIMITS.strata ? `#${stratumKey(count, 'label')}` : '')
    }
    const result = planFromForm(values)
    if (action === 'preview') {
      const run = previewRunSchema.safeParse(values.previewRun ?? '')
      const errors = { ...(result.errors ?? {}) }
      if (!run.success) errors.previewRun = run.error.issues[0]!.message
      if (!result.plan || !run.success) return back(errors)
      try {
        const preview = await services.audits.samples.preview(context, { runId: run.data, plan: result.plan })
        const runs = await previewRuns(context, run.data)
        const stored: StoredPreview = {
          run: runs.find(item => item.value === run.data)?.text ?? run.data,
          strata: preview.strata,
          cases: preview.cases,
        }
        return back({}, { ...values, preview: JSON.stringify(stored) }, '#preview')
      } catch (error) {
        if (error instanceof NotFoundError) return back({ previewRun: 'Select an Annex A test run from the list' })
        if (error instanceof ValidationError)
          return back({ previewRun: error.fieldErrors.run ?? Object.values(error.fieldErrors).join('; ') })
        throw error
      }
    }
    if (!result.plan) return back(result.errors)
    const expectedVersion = Number(values.expectedVersion)
    try {
      const saved = await store.save(
        context,
        result.plan,
        existing ? { expectedVersion: Number.isInteger(expectedVersion) ? expectedVersion : 0 } : {},
      )
      setNotice(req, `Plan “${result.plan.label}” saved (version ${saved.version}). It can now be drawn from.`)
      return res.redirect(`${BASE}/${saved.planId}`)
    } catch (error) {
      if (error instanceof ValidationError)
        return back({ [existing ? 'label' : 'id']: Object.values(error.fieldErrors).join('; ') })
      if (error instanceof EditConflictError) return back({ label: error.message })
      throw error
    }
  }

  router.get(BASE, async (req, res) => {
    const context = requireContext(req)
    const stored = await store.list(context)
    res.render('audits/samplingPlans/list.njk', {
      pageTitle: 'Sampling plans',
      notice: takeNotice(req),
      canManage: res.locals.audits?.canManage ?? false,
      stored: stored.map(entry => ({
        ...entry,
        balance: describeBalance(entry.plan),
        strata: entry.plan.strata.map(describeStratum),
        fitsForm: fitsForm(entry.plan),
      })),
      builtIn: services.audits.samples.listPlans(context).map(plan => ({
        ...plan,
        balance: describeBalance(plan),
        strata: plan.strata.map(describeStratum),
      })),
    })
  })

  router.get(`${BASE}/columns`, (req, res) => {
    authorise(requireContext(req), 'audits:perform')
    res.render('audits/samplingPlans/columns.njk', {
      pageTitle: 'Annex A columns for sampling filters',
      columns: FILTER_COLUMNS.map(column => ({ ...column, lists: listsText(column.lists) })),
      lists: Object.entries(LIST_NAMES).map(([list, name]) => ({ list, name })),
    })
  })

  router.get(`${BASE}/new`, async (req, res) => {
    const context = requireContext(req)
    authorise(context, 'audits:manage')
    const from = copyFromSchema.parse(req.query.from)
    await renderForm(req, res, {
      path: `${BASE}/new`,
      initial: async () => {
        const source = from ? await anyPlan(context, from).catch(() => null) : null
        return source && fitsForm(source.plan)
          ? planFormFromPlan(source.plan, { copy: true })
          : { strataCount: '1', balanceBy: '' }
      },
    })
  })

  router.post(`${BASE}/new`, (req, res) => handleForm(req, res, `${BASE}/new`))

  router.get(`${BASE}/import`, (req, res) => {
    authorise(requireContext(req), 'audits:manage')
    renderJson(req, res, { path: `${BASE}/import`, initial: '' })
  })

  router.post(`${BASE}/import`, (req, res) => handleJson(req, res, `${BASE}/import`))

  /** A built-in plan, or one of the organisation's stored plans with its version. */
  async function anyPlan(
    context: RequestContext,
    planId: string,
  ): Promise<{ plan: SamplingPlan; stored: Awaited<ReturnType<typeof store.get>> | null }> {
    const builtIn = findSamplingPlan(planId)
    if (builtIn) {
      authorise(context, 'audits:perform')
      return { plan: builtIn, stored: null }
    }
    const stored = await store.get(context, planId)
    return { plan: stored.plan, stored }
  }

  async function storedOnly(context: RequestContext, planId: string) {
    authorise(context, 'audits:manage')
    const found = await anyPlan(context, planId)
    if (!found.stored) throw new NotFoundError('Built-in plans cannot be edited; copy one into a new plan instead')
    return found.stored
  }

  router.get(`${BASE}/:planId`, async (req, res) => {
    const context = requireContext(req)
    const { plan, stored } = await anyPlan(context, String(req.params.planId))
    res.render('audits/samplingPlans/plan.njk', {
      pageTitle: plan.label,
      notice: takeNotice(req),
      plan,
      stored,
      rows: [
        ['Short id', plan.id],
        ['Source', plan.source],
        ['Balance', describeBalance(plan)],
        [
          'Leaves out cases audited in the last',
          plan.excludeAuditedWithinDays === undefined
            ? 'Not set: recently audited cases can be drawn'
            : `${plan.excludeAuditedWithinDays} days`,
        ],
        ...(stored
          ? [['Version', `${stored.version}, saved ${govukDateTime(stored.updatedAt)} by ${stored.updatedBy}`]]
          : []),
      ].map(([key, value]) => ({ key: { text: key }, value: { text: value } })),
      strata: plan.strata.map(describeStratum),
      fitsForm: fitsForm(plan),
      canManage: res.locals.audits?.canManage ?? false,
    })
  })

  router.get(`${BASE}/:planId/edit`, async (req, res) => {
    const context = requireContext(req)
    const stored = await storedOnly(context, String(req.params.planId))
    if (!fitsForm(stored.plan)) {
      res.render('audits/samplingPlans/tooBig.njk', { pageTitle: `Edit ${stored.label}`, stored, limits: FORM_LIMITS })
      return
    }
    await renderForm(req, res, {
      path: `${BASE}/${stored.planId}/edit`,
      existing: { planId: stored.planId, label: stored.label },
      initial: async () => planFormFromPlan(stored.plan, { version: stored.version }),
    })
  })

  router.post(`${BASE}/:planId/edit`, async (req, res) => {
    const stored = await storedOnly(requireContext(req), String(req.params.planId))
    return handleForm(req, res, `${BASE}/${stored.planId}/edit`, { planId: stored.planId })
  })

  router.get(`${BASE}/:planId/json`, async (req, res) => {
    const stored = await storedOnly(requireContext(req), String(req.params.planId))
    renderJson(req, res, {
      path: `${BASE}/${stored.planId}/json`,
      existing: stored,
      initial: JSON.stringify(customPlanJson(stored.plan), null, 2),
    })
  })

  router.post(`${BASE}/:planId/json`, async (req, res) => {
    const stored = await storedOnly(requireContext(req), String(req.params.planId))
    return handleJson(req, res, `${BASE}/${stored.planId}/json`, stored.planId)
  })

  function renderJson(
    req: Request,
    res: Response,
    options: { path: string; initial: string; existing?: { planId: string; label: string; version: number } },
  ) {
    const state = takeFormState(req, formKey(options.path))
    res.render('audits/samplingPlans/json.njk', {
      pageTitle: options.existing ? `Edit ${options.existing.label} as JSON` : 'Paste a sampling plan as JSON',
      action: options.path,
      existing: options.existing,
      values: {
        planJson: state.values.planJson ?? options.initial,
        expectedVersion: state.values.expectedVersion ?? (options.existing ? String(options.existing.version) : ''),
      },
      errors: state.errors,
      // Every problem is listed, each linking to the one field they are all in.
      errorSummary: Object.values(state.errors).map(text => ({ text, href: '#planJson' })),
      fieldError: Object.values(state.errors).join('; '),
      example: JSON.stringify(EXAMPLE_PLAN, null, 2),
      maxLength: MAX_PLAN_JSON,
    })
  }

  async function handleJson(req: Request, res: Response, path: string, planId?: string) {
    const context = requireContext(req)
    authorise(context, 'audits:manage')
    const body = (req.body ?? {}) as Record<string, unknown>
    const values = {
      planJson: stringField(body, 'planJson', MAX_PLAN_JSON + 1),
      expectedVersion: stringField(body, 'expectedVersion', 12),
    }
    const back = (problems: string[]) => {
      const shown = problems.slice(0, MAX_PROBLEMS_SHOWN)
      if (problems.length > shown.length) shown.push(`and ${problems.length - shown.length} more problems`)
      keepFormState(req, formKey(path), {
        errors: Object.fromEntries(shown.map((text, index) => [index === 0 ? 'planJson' : `planJson-${index}`, text])),
        values,
      })
      return res.redirect(path)
    }
    const parsed = planJsonSchema.safeParse(values)
    if (!parsed.success) return back(parsed.error.issues.map(issue => issue.message))
    const json = readJsonText(parsed.data.planJson)
    if (!json.ok) return back([json.problem])
    const checked = readCustomPlan(json.value, 'custom plan (stored)')
    if (!checked.plan) return back(checked.problems.map(problem => planProblemText(problem, json.value)))
    if (planId && checked.plan.id !== planId)
      return back([
        `The id must stay "${planId}": to store the plan under another id, paste it on the page for a new plan`,
      ])
    try {
      const saved = await store.save(
        context,
        checked.plan,
        planId ? { expectedVersion: parsed.data.expectedVersion ?? 0 } : {},
      )
      setNotice(req, `Plan “${checked.plan.label}” saved (version ${saved.version}). It can now be drawn from.`)
      return res.redirect(`${BASE}/${saved.planId}`)
    } catch (error) {
      if (error instanceof ValidationError) return back(Object.values(error.fieldErrors))
      if (error instanceof EditConflictError) return back([error.message])
      throw error
    }
  }

  return router
}

/** Shown on the JSON page: every kind of filter once. */
const EXAMPLE_PLAN = {
  id: 'neglect-by-worker',
  label: 'Neglect child protection plans, by worker',
  balanceBy: 'worker',
  excludeAuditedWithinDays: 90,
  strata: [
    {
      id: 'neglect',
      label: 'Open plans for neglect',
      lists: [7],
      quota: 6,
      filters: [
        { column: 'latestCategory', in: ['a) Neglect'] },
        { column: 'cpEndDate', blank: true },
      ],
    },
    {
      id: 're-referred',
      label: 'Re-referred and assessed',
      lists: [3],
      quota: 4,
      filters: [
        { column: 'referralsInLast12Months', atLeast: 2 },
        { column: 'dateOfReferral', withinMonths: 6 },
        { childOnList: 4, present: true },
      ],
    },
  ],
}
