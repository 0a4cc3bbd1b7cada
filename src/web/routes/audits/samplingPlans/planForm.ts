import { z } from 'zod'
import { LIST_NUMBERS, type ListNumber } from '../../../../domain/annex-a/index.js'
import { slugOf } from '../../../../domain/audits/index.js'
import {
  FILTER_COLUMNS,
  filterColumn,
  LIST_NAMES,
  listsText,
  locatePlanProblem,
  planProblemText,
  readCustomPlan,
  type CaseFilter,
  type SamplingPlan,
} from '../../../../domain/sampling/index.js'

/**
 * The sampling plan form, which works without JavaScript: a fixed number of filter rows per stratum and an "Add
 * another stratum" button that comes back with one more empty stratum. Its values are flat strings (`s0-label`,
 * `s1-f2-operator`), so they travel through the session like any other form's after a failed POST.
 *
 * The bounds keep a full form under the body parser's 200-field limit: 10 plan fields (the CSRF token and the
 * button included), and per stratum 5 fields, 11 list checkboxes and 4 × 3 filter fields (6 × 28 + 10 = 178).
 */
export const FORM_LIMITS = { strata: 6, filters: 4 } as const

export type PlanFormValues = Record<string, string>
export type PlanFormAction = 'save' | 'add-stratum' | 'preview'

export const OPERATORS = [
  { value: 'in', text: 'is one of', needs: 'codes' },
  { value: 'notIn', text: 'is not one of', needs: 'codes' },
  { value: 'blank', text: 'is blank', needs: 'nothing' },
  { value: 'notBlank', text: 'is not blank', needs: 'nothing' },
  { value: 'atLeast', text: 'is at least (a number)', needs: 'number' },
  { value: 'withinMonths', text: 'is a date in the last N months', needs: 'months' },
  { value: 'onList', text: 'child is also on list (1 to 11)', needs: 'list' },
  { value: 'notOnList', text: 'child is not on list (1 to 11)', needs: 'list' },
] as const
type Operator = (typeof OPERATORS)[number]['value']
const OPERATOR_VALUES = OPERATORS.map(operator => operator.value) as [Operator, ...Operator[]]

/** Codes in a filter's value are separated by semicolons: one Annex A code has a comma in it, none a semicolon. */
export const CODE_SEPARATOR = ';'

const PLAN_ID = /^[a-z0-9][a-z0-9-]*$/
const LIST_VALUES = LIST_NUMBERS.map(String) as [string, ...string[]]
const STRATUM_FIELDS = ['id', 'label', 'quotaKind', 'quota', 'remove'] as const
const FILTER_FIELDS = ['column', 'operator', 'value'] as const
const PLAN_FIELDS = ['id', 'label', 'description', 'balanceBy', 'excludeDays', 'expectedVersion', 'previewRun'] as const

export const stratumKey = (stratum: number, field: string) => `s${stratum}-${field}`
export const filterKey = (stratum: number, filter: number, field: string) => `s${stratum}-f${filter}-${field}`

function bounded(value: unknown, max = 5000): string {
  return typeof value === 'string' ? value.slice(0, max) : ''
}

/** How many strata the form shows: at least one, at most the limit, whatever the body claims. */
export function strataCountOf(values: PlanFormValues): number {
  const count = Number(values.strataCount)
  return Number.isInteger(count) ? Math.min(Math.max(count, 1), FORM_LIMITS.strata) : 1
}

/** Only the fields the form declares, each a bounded string; the ticked lists joined with commas. */
export function planFormFromBody(body: unknown): { values: PlanFormValues; action: PlanFormAction } {
  const source = (body ?? {}) as Record<string, unknown>
  const values: PlanFormValues = {}
  for (const field of PLAN_FIELDS) values[field] = bounded(source[field])
  values.strataCount = String(strataCountOf({ strataCount: bounded(source.strataCount, 5) }))
  for (let stratum = 0; stratum < Number(values.strataCount); stratum += 1) {
    for (const field of STRATUM_FIELDS) values[stratumKey(stratum, field)] = bounded(source[stratumKey(stratum, field)])
    const lists = source[stratumKey(stratum, 'lists')]
    values[stratumKey(stratum, 'lists')] = (Array.isArray(lists) ? lists : [lists])
      .filter((item): item is string => typeof item === 'string')
      .slice(0, LIST_NUMBERS.length)
      .map(item => item.slice(0, 3))
      .join(',')
    for (let filter = 0; filter < FORM_LIMITS.filters; filter += 1)
      for (const field of FILTER_FIELDS)
        values[filterKey(stratum, filter, field)] = bounded(source[filterKey(stratum, filter, field)], 1000)
  }
  const action = source.action === 'add-stratum' || source.action === 'preview' ? source.action : 'save'
  return { values, action }
}

/** One more empty stratum, up to the limit. */
export function withStratumAdded(values: PlanFormValues): PlanFormValues {
  return { ...values, strataCount: String(Math.min(strataCountOf(values) + 1, FORM_LIMITS.strata)) }
}

/** Whether a plan can be edited in the form: at most the form's strata and filter rows, and no unknown filters. */
export function fitsForm(plan: Pick<SamplingPlan, 'strata'>): boolean {
  return (
    plan.strata.length <= FORM_LIMITS.strata &&
    plan.strata.every(stratum => stratum.filters.length <= FORM_LIMITS.filters)
  )
}

function filterRow(filter: CaseFilter): { column: string; operator: Operator; value: string } {
  if ('childOnList' in filter)
    return { column: '', operator: filter.present ? 'onList' : 'notOnList', value: String(filter.childOnList) }
  if ('in' in filter) return { column: filter.column, operator: 'in', value: filter.in.join(`${CODE_SEPARATOR} `) }
  if ('notIn' in filter)
    return { column: filter.column, operator: 'notIn', value: filter.notIn.join(`${CODE_SEPARATOR} `) }
  if ('blank' in filter) return { column: filter.column, operator: filter.blank ? 'blank' : 'notBlank', value: '' }
  if ('atLeast' in filter) return { column: filter.column, operator: 'atLeast', value: String(filter.atLeast) }
  return { column: filter.column, operator: 'withinMonths', value: String(filter.withinMonths) }
}

/** The form's values for a plan (to edit it, or to start a new one from a copy); the plan must fit the form. */
export function planFormFromPlan(
  plan: SamplingPlan,
  options: { version?: number; copy?: boolean } = {},
): PlanFormValues {
  const values: PlanFormValues = {
    id: options.copy ? '' : plan.id,
    label: options.copy ? `Copy of ${plan.label}`.slice(0, 200) : plan.label,
    description: plan.description,
    balanceBy: plan.balanceBy ?? '',
    excludeDays: plan.excludeAuditedWithinDays === undefined ? '' : String(plan.excludeAuditedWithinDays),
    expectedVersion: options.version === undefined ? '' : String(options.version),
    previewRun: '',
    strataCount: String(Math.max(plan.strata.length, 1)),
  }
  plan.strata.forEach((stratum, index) => {
    values[stratumKey(index, 'id')] = stratum.id
    values[stratumKey(index, 'label')] = stratum.label
    values[stratumKey(index, 'lists')] = stratum.lists.join(',')
    values[stratumKey(index, 'quotaKind')] = stratum.quota === 'all' ? 'all' : 'number'
    values[stratumKey(index, 'quota')] = stratum.quota === 'all' ? '' : String(stratum.quota)
    stratum.filters.forEach((filter, row) => {
      for (const [field, value] of Object.entries(filterRow(filter))) values[filterKey(index, row, field)] = value
    })
  })
  return values
}

const planFieldsSchema = z.object({
  id: z
    .string()
    .trim()
    .min(1, 'Enter a short id for the plan')
    .max(63, 'The short id must be 63 characters or fewer')
    .regex(PLAN_ID, 'The short id must be lower-case letters, digits and hyphens, like neglect-cases'),
  label: z
    .string()
    .trim()
    .min(1, 'Enter a name for the plan')
    .max(200, 'The name of the plan must be 200 characters or fewer'),
  description: z.string().trim().max(2000, 'The description must be 2,000 characters or fewer'),
  balanceBy: z.enum(['', 'team', 'worker'], { message: 'Select how to balance the sample' }),
  excludeDays: z
    .string()
    .trim()
    .regex(/^\d{0,4}$/, 'Enter the number of days as a whole number, like 90, or leave it blank')
    .transform(value => (value === '' ? undefined : Number(value)))
    .pipe(z.number().max(3650, 'The number of days must be 3,650 or fewer').optional()),
})

const wholeNumber = (message: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,6}$/, message)
    .transform(Number)
    .pipe(z.number().int().min(min, message).max(max, message))

function firstMessage(result: z.ZodSafeParseResult<unknown>): string | undefined {
  return result.success ? undefined : result.error.issues[0]?.message
}

type Errors = Record<string, string>

/** One filter row: null when left empty; the errors go on the row's own fields. */
function readFilterRow(values: PlanFormValues, stratum: number, row: number, errors: Errors): CaseFilter | null {
  const key = (field: string) => filterKey(stratum, row, field)
  const where = `filter ${row + 1} of stratum ${stratum + 1}`
  const operator = z.enum(['', ...OPERATOR_VALUES]).safeParse(values[key('operator')] ?? '')
  const column = (values[key('column')] ?? '').trim()
  const value = (values[key('value')] ?? '').trim()
  const fail = (field: string, message: string | undefined): null => {
    errors[key(field)] = message ?? `Check ${where}`
    return null
  }
  if (!operator.success) return fail('operator', `Select a test for ${where} from the list`)
  if (operator.data === '')
    return column !== '' || value !== '' ? fail('operator', `Select a test for ${where}, or clear its column`) : null
  const needs = OPERATORS.find(item => item.value === operator.data)!.needs
  if (needs === 'list') {
    const list = z.enum(LIST_VALUES, { message: `Enter the list for ${where}, a number from 1 to 11` }).safeParse(value)
    if (!list.success) return fail('value', firstMessage(list))
    return { childOnList: Number(list.data) as ListNumber, present: operator.data === 'onList' }
  }
  const columnCheck = z
    .string()
    .min(1, `Select a column for ${where}`)
    .max(60, `Select a column for ${where} from the list`)
    .regex(/^[A-Za-z][A-Za-z0-9]*$/, `Select a column for ${where} from the list`)
    .safeParse(column)
  if (!columnCheck.success) return fail('column', firstMessage(columnCheck))
  if (needs === 'nothing') return { column, blank: operator.data === 'blank' }
  if (needs === 'number') {
    const number = z
      .string()
      .regex(/^-?\d{1,9}(\.\d{1,6})?$/, `Enter a number for ${where}, like 2`)
      .transform(Number)
      .safeParse(value)
    if (!number.success) return fail('value', firstMessage(number))
    return { column, atLeast: number.data }
  }
  if (needs === 'months') {
    const months = wholeNumber(
      `Enter the number of months for ${where}, a whole number from 1 to 600`,
      1,
      600,
    ).safeParse(value)
    if (!months.success) return fail('value', firstMessage(months))
    return { column, withinMonths: months.data }
  }
  const codes = value
    .split(CODE_SEPARATOR)
    .map(code => code.trim())
    .filter(code => code !== '')
  if (codes.length === 0) return fail('value', `Enter the codes for ${where}, separated by semicolons, like a) Yes`)
  // Codes are compared exactly as Annex A stores them: a mistyped one would silently match nobody.
  const known = filterColumn(column)?.codes
  const unknown = known ? codes.filter(code => !known.includes(code)) : []
  if (unknown.length > 0)
    return fail(
      'value',
      `“${unknown[0]}” is not a code of ${filterColumn(column)!.header} (${where}): use one of ${known!.join('; ')}`,
    )
  return operator.data === 'in' ? { column, in: codes } : { column, notIn: codes }
}

function isEmptyStratum(values: PlanFormValues, stratum: number): boolean {
  const blank = (key: string) => (values[key] ?? '').trim() === ''
  return (
    ['id', 'label', 'lists', 'quota', 'quotaKind'].every(field => blank(stratumKey(stratum, field))) &&
    Array.from({ length: FORM_LIMITS.filters }, (_, row) => row).every(row =>
      FILTER_FIELDS.every(field => blank(filterKey(stratum, row, field))),
    )
  )
}

export type PlanFormResult = { plan: SamplingPlan; errors: null } | { plan: null; errors: Errors }

/**
 * The plan the form describes, checked field by field (each message beside its field, in page order), then as a
 * whole by `readCustomPlan`, whose problems are put beside the field they are about. Strata marked for removal and
 * strata left empty are left out.
 */
export function planFromForm(values: PlanFormValues): PlanFormResult {
  const errors: Errors = {}
  const plan = planFieldsSchema.safeParse({
    id: values.id ?? '',
    label: values.label ?? '',
    description: values.description ?? '',
    balanceBy: values.balanceBy ?? '',
    excludeDays: values.excludeDays ?? '',
  })
  if (!plan.success) for (const issue of plan.error.issues) errors[String(issue.path[0] ?? 'id')] ??= issue.message
  const strata: Record<string, unknown>[] = []
  // Where each stratum and filter of the checked plan came from in the form, to put later problems beside them.
  const formStratum: number[] = []
  const formRow: number[][] = []
  const usedIds = new Set<string>()
  for (let stratum = 0; stratum < strataCountOf(values); stratum += 1) {
    const key = (field: string) => stratumKey(stratum, field)
    if (values[key('remove')] === 'yes' || isEmptyStratum(values, stratum)) continue
    const which = `stratum ${stratum + 1}`
    const label = z
      .string()
      .trim()
      .min(1, `Enter a name for ${which}`)
      .max(200, `The name of ${which} must be 200 characters or fewer`)
      .safeParse(values[key('label')] ?? '')
    if (!label.success) errors[key('label')] = firstMessage(label)!
    const id = z
      .string()
      .trim()
      .max(63, `The short id of ${which} must be 63 characters or fewer`)
      .regex(/^([a-z0-9][a-z0-9-]*)?$/, `The short id of ${which} must be lower-case letters, digits and hyphens`)
      .safeParse(values[key('id')] ?? '')
    if (!id.success) errors[key('id')] = firstMessage(id)!
    const lists = z
      .array(z.enum(LIST_VALUES))
      .min(1, `Select at least one Annex A list for ${which}`)
      .safeParse((values[key('lists')] ?? '').split(',').filter(item => item !== ''))
    if (!lists.success) errors[key('lists')] = `Select at least one Annex A list for ${which}`
    const quotaKind = z
      .enum(['number', 'all'], { message: `Select how many cases to draw for ${which}` })
      .safeParse(values[key('quotaKind')] ?? '')
    let quota: number | 'all' | undefined
    if (!quotaKind.success) errors[key('quotaKind')] = firstMessage(quotaKind)!
    else if (quotaKind.data === 'all') quota = 'all'
    else {
      const number = wholeNumber(
        `Enter the number of cases for ${which}, a whole number from 1 to 1,000`,
        1,
        1000,
      ).safeParse(values[key('quota')] ?? '')
      if (number.success) quota = number.data
      else errors[key('quota')] = firstMessage(number)!
    }
    const filters: CaseFilter[] = []
    const rows: number[] = []
    for (let row = 0; row < FORM_LIMITS.filters; row += 1) {
      const filter = readFilterRow(values, stratum, row, errors)
      if (filter) {
        filters.push(filter)
        rows.push(row)
      }
    }
    // A blank short id is made from the name, stepping around ids already used in this plan.
    let stratumId = id.success && id.data !== '' ? id.data : label.success ? slugOf(label.data) : ''
    if (!(id.success && id.data !== ''))
      for (let n = 2, base = stratumId; usedIds.has(stratumId); n += 1) stratumId = `${base}-${n}`
    usedIds.add(stratumId)
    strata.push({
      id: stratumId,
      label: label.success ? label.data : '',
      lists: lists.success ? lists.data.map(Number) : [],
      quota,
      filters,
    })
    formStratum.push(stratum)
    formRow.push(rows)
  }
  if (strata.length === 0 && !Object.keys(errors).some(field => field.startsWith('s')))
    errors[stratumKey(0, 'label')] = 'Enter at least one stratum: a name, its Annex A lists and how many cases to draw'
  if (Object.keys(errors).length > 0 || !plan.success) return { plan: null, errors: inPageOrder(errors, values) }
  const json = {
    id: plan.data.id,
    label: plan.data.label,
    description: plan.data.description,
    ...(plan.data.balanceBy ? { balanceBy: plan.data.balanceBy } : {}),
    ...(plan.data.excludeDays !== undefined ? { excludeAuditedWithinDays: plan.data.excludeDays } : {}),
    strata,
  }
  const checked = readCustomPlan(json, 'custom plan (stored)')
  if (checked.plan) return { plan: checked.plan, errors: null }
  for (const problem of checked.problems) {
    const place = locatePlanProblem(problem, json)
    const text = planProblemText(problem, json)
    if (place.stratum === undefined) {
      const field = place.part === 'excludeAuditedWithinDays' ? 'excludeDays' : place.part
      errors[(PLAN_FIELDS as readonly string[]).includes(field) ? field : 'id'] ??= text
      continue
    }
    const stratum = formStratum[place.stratum] ?? 0
    const field =
      place.filter !== undefined
        ? filterKey(stratum, formRow[place.stratum]?.[place.filter] ?? 0, 'operator')
        : stratumKey(stratum, ['id', 'label', 'lists', 'quota'].includes(place.part) ? place.part : 'label')
    errors[field] ??= text
  }
  return { plan: null, errors: inPageOrder(errors, values) }
}

/** Errors in the order their fields appear on the page, so the summary reads top to bottom. */
function inPageOrder(errors: Errors, values: PlanFormValues): Errors {
  const order: string[] = [...PLAN_FIELDS.slice(0, 5)]
  for (let stratum = 0; stratum < strataCountOf(values); stratum += 1) {
    order.push(...['id', 'label', 'lists', 'quotaKind', 'quota'].map(field => stratumKey(stratum, field)))
    for (let row = 0; row < FORM_LIMITS.filters; row += 1)
      order.push(...FILTER_FIELDS.map(field => filterKey(stratum, row, field)))
  }
  order.push('previewRun', 'expectedVersion')
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length)
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)))
}

/** The error summary's links: each message to its field (a checkbox or radio group links to its first item). */
export function planErrorList(errors: Errors): { text: string; href: string }[] {
  return Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` }))
}

/** What the form's template needs: each stratum with its fields' values, items and errors. */
export function planFormView(values: PlanFormValues, errors: Errors) {
  const columnItems = (chosen: string) => [
    { value: '', text: 'No column', selected: chosen === '' },
    ...FILTER_COLUMNS.map(column => ({
      value: column.key,
      text: `${column.header} (${listsText(column.lists)})`,
      selected: column.key === chosen,
    })),
    // A column the catalogue does not know (a plan written as JSON) stays choosable, so saving keeps it.
    ...(chosen !== '' && !filterColumn(chosen) ? [{ value: chosen, text: chosen, selected: true }] : []),
  ]
  return Array.from({ length: strataCountOf(values) }, (_, stratum) => {
    const key = (field: string) => stratumKey(stratum, field)
    const lists = new Set((values[key('lists')] ?? '').split(','))
    return {
      index: stratum,
      number: stratum + 1,
      key: Object.fromEntries([...STRATUM_FIELDS, 'lists'].map(field => [field, key(field)] as const)) as Record<
        (typeof STRATUM_FIELDS)[number] | 'lists',
        string
      >,
      values: Object.fromEntries(
        [...STRATUM_FIELDS, 'lists'].map(field => [field, values[key(field)] ?? ''] as const),
      ) as Record<string, string>,
      errors: Object.fromEntries(
        [...STRATUM_FIELDS, 'lists'].flatMap(field => (errors[key(field)] ? [[field, errors[key(field)]]] : [])),
      ) as Record<string, string>,
      listItems: LIST_NUMBERS.map(list => ({
        value: String(list),
        text: `List ${list}: ${LIST_NAMES[list]}`,
        checked: lists.has(String(list)),
      })),
      filters: Array.from({ length: FORM_LIMITS.filters }, (_, row) => {
        const field = (name: string) => filterKey(stratum, row, name)
        return {
          number: row + 1,
          key: { column: field('column'), operator: field('operator'), value: field('value') },
          value: values[field('value')] ?? '',
          errors: {
            column: errors[field('column')],
            operator: errors[field('operator')],
            value: errors[field('value')],
          },
          columnItems: columnItems(values[field('column')] ?? ''),
          operatorItems: [
            { value: '', text: 'No filter' },
            ...OPERATORS.map(operator => ({ value: operator.value, text: operator.text })),
          ].map(item => ({ ...item, selected: item.value === (values[field('operator')] ?? '') })),
        }
      }),
    }
  })
}
