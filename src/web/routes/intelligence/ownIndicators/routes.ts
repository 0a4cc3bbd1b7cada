import { Router } from 'express'
import { can } from '../../../../domain/platform/roles.js'
import {
  ANNEX_A_NOT_MAPPED,
  ANNEX_A_TO_DFE,
  DFE_INDICATORS,
  findIndicator,
  ownSourceLabel,
} from '../../../../domain/intelligence/index.js'
import { authorise, type RequestContext } from '../../../../services/context.js'
import { NotFoundError, ValidationError } from '../../../../services/errors.js'
import type { Services } from '../../../../services/index.js'
import { EditConflictError } from '../../../../services/workspace/errors.js'
import { errorList, keepFormState, setNotice, takeFormState, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { queryStrings } from '../outcomes/schemas.js'
import { formatValue } from '../benchmarking/chart.js'
import { FROM_ANNEX_A_FIELDS, fromAnnexASchema, OWN_VALUE_FIELDS, ownValueQuerySchema } from './schemas.js'

const FORM = 'ownIndicator'
const ANNEX_FORM = 'ownIndicatorAnnexA'
const PAGE = '/intelligence/own-indicators'

function canEdit(context: RequestContext): boolean {
  return context.actor.kind === 'system' || can(context.actor.role, 'workspace:edit')
}

/** The organisation's own indicator values: typed in per indicator and year, or taken from an Annex A run. */
export function ownIndicatorRoutes(services: Services): Router {
  const router = Router()
  const own = services.intelligence.ownIndicators

  router.get(PAGE, async (req, res) => {
    const context = requireContext(req)
    const values = await own.list(context)
    const editable = canEdit(context)
    const form = takeFormState(req, FORM)
    const annexForm = takeFormState(req, ANNEX_FORM)
    // "Change" links prefill the form with the stored value and its version (the optimistic lock).
    const query = ownValueQuerySchema.safeParse(queryStrings(req.query, ['indicator', 'year']))
    let formValues: Record<string, string> = form.values
    if (Object.keys(form.errors).length === 0 && query.success && query.data.indicator && query.data.year) {
      const stored = values.find(value => value.indicator === query.data.indicator && value.year === query.data.year)
      formValues = stored
        ? {
            indicator: stored.indicator,
            year: String(stored.year),
            value: String(stored.value),
            note: stored.note ?? '',
            version: String(stored.version),
          }
        : { indicator: query.data.indicator, year: String(query.data.year), version: '0' }
    }
    const runs = editable ? await services.annexA.listRuns(context, { limit: 50 }) : []
    res.render('intelligence/ownIndicators/view.njk', {
      pageTitle: 'Our indicator values',
      values: values.map(value => ({
        ...value,
        label: findIndicator(value.indicator)?.label ?? value.indicator,
        text: formatValue(value.value, findIndicator(value.indicator)?.unit ?? 'number'),
        sourceLabel: ownSourceLabel(value),
      })),
      indicators: DFE_INDICATORS,
      mappings: ANNEX_A_TO_DFE.map(mapping => ({
        ...mapping,
        label: findIndicator(mapping.dfe)?.label ?? mapping.dfe,
      })),
      notMapped: ANNEX_A_NOT_MAPPED,
      runs: runs.filter(run => !run.purged),
      editable,
      errors: { ...form.errors, ...annexForm.errors },
      errorSummary: errorList({ ...form.errors, ...annexForm.errors }),
      form: formValues,
      annexForm: annexForm.values,
      notice: takeNotice(req),
    })
  })

  router.post(PAGE, async (req, res) => {
    const context = requireContext(req)
    authorise(context, 'workspace:edit')
    const values = pickStrings(req.body, OWN_VALUE_FIELDS)
    try {
      const saved = await own.set(context, {
        indicator: values.indicator ?? '',
        year: values.year ?? '',
        value: values.value ?? '',
        note: values.note,
        version: /^\d{1,9}$/.test(values.version ?? '') ? Number(values.version) : 0,
      })
      setNotice(req, `${findIndicator(saved.indicator)?.label} for ${saved.year} saved: ${saved.value}.`)
    } catch (error) {
      if (error instanceof ValidationError) keepFormState(req, FORM, { errors: error.fieldErrors, values })
      else if (error instanceof EditConflictError)
        keepFormState(req, FORM, { errors: { value: error.message }, values: { ...values, version: '' } })
      else throw error
    }
    return res.redirect(PAGE)
  })

  router.post(`${PAGE}/from-annex-a`, async (req, res) => {
    const context = requireContext(req)
    authorise(context, 'workspace:edit')
    const values = pickStrings(req.body, FROM_ANNEX_A_FIELDS)
    const parsed = fromAnnexASchema.safeParse(values)
    if (!parsed.success) {
      keepFormState(req, ANNEX_FORM, { errors: fieldErrors(parsed.error), values })
      return res.redirect(PAGE)
    }
    try {
      const result = await own.fromAnnexA(context, parsed.data.runId)
      setNotice(
        req,
        `${result.saved.length} values taken from the Annex A run of ${result.referenceDate}, for ${result.year}.${result.skipped.length ? ` Not taken: ${result.skipped.join('; ')}.` : ''}`,
      )
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error
      keepFormState(req, ANNEX_FORM, { errors: { runId: error.message }, values })
    }
    return res.redirect(PAGE)
  })

  return router
}
