import { LIST_NUMBERS, type ListNumber } from '../annex-a/index.js'
import type { CaseFilter, SamplingPlan, Stratum } from './types.js'

const ID = /^[a-z0-9][a-z0-9-]{0,62}$/
const MAX_QUOTA = 1000
const MAX_EXCLUSION_DAYS = 3650
/** Bounds on what a stored plan may hold: well beyond any real plan (UCRA's has 14 strata), short of abuse. */
export const CUSTOM_PLAN_LIMITS = { label: 200, description: 2000, strata: 50, filters: 20 } as const

export type CustomPlanResult = { plan: SamplingPlan; problems: [] } | { plan: null; problems: string[] }

/**
 * Checks a plan an organisation wrote (JSON from a file or a form) and returns it typed, or every problem found,
 * each naming where it is ("strata[2].quota"), so the author can fix them all in one go.
 */
export function readCustomPlan(value: unknown, source = 'custom plan'): CustomPlanResult {
  const problems: string[] = []
  const plan = asRecord(value)
  if (!plan) return { plan: null, problems: ['The plan must be a JSON object'] }
  const id = text(plan.id)
  if (!id || !ID.test(id)) problems.push('id must be lower-case letters, digits and hyphens (at most 63)')
  const label = text(plan.label)
  if (!label) problems.push('label is required')
  else if (label.length > CUSTOM_PLAN_LIMITS.label)
    problems.push(`label must be ${CUSTOM_PLAN_LIMITS.label} characters or fewer`)
  const description = text(plan.description) ?? ''
  if (description.length > CUSTOM_PLAN_LIMITS.description)
    problems.push(`description must be ${CUSTOM_PLAN_LIMITS.description} characters or fewer`)
  const balanceBy = plan.balanceBy
  if (balanceBy !== undefined && balanceBy !== 'team' && balanceBy !== 'worker')
    problems.push('balanceBy must be "team" or "worker"')
  const exclusion = plan.excludeAuditedWithinDays
  if (
    exclusion !== undefined &&
    !(Number.isInteger(exclusion) && (exclusion as number) >= 0 && (exclusion as number) <= MAX_EXCLUSION_DAYS)
  )
    problems.push(`excludeAuditedWithinDays must be a whole number from 0 to ${MAX_EXCLUSION_DAYS}`)
  const strataValue = plan.strata
  const strata: Stratum[] = []
  if (!Array.isArray(strataValue) || strataValue.length === 0) problems.push('strata must list at least one stratum')
  else if (strataValue.length > CUSTOM_PLAN_LIMITS.strata)
    problems.push(`strata must list at most ${CUSTOM_PLAN_LIMITS.strata} strata`)
  else
    strataValue.forEach((item, index) => {
      const stratum = readStratum(item, `strata[${index}]`, problems)
      if (stratum) strata.push(stratum)
    })
  const ids = strata.map(stratum => stratum.id)
  for (const duplicate of new Set(ids.filter((item, index) => ids.indexOf(item) !== index)))
    problems.push(`stratum id "${duplicate}" is used twice`)
  if (problems.length > 0) return { plan: null, problems }
  return {
    plan: {
      id: id!,
      label: label!,
      description,
      source,
      origin: 'custom',
      strata,
      ...(balanceBy ? { balanceBy: balanceBy as 'team' | 'worker' } : {}),
      ...(exclusion !== undefined ? { excludeAuditedWithinDays: exclusion as number } : {}),
    },
    problems: [],
  }
}

function readStratum(value: unknown, at: string, problems: string[]): Stratum | null {
  const stratum = asRecord(value)
  if (!stratum) {
    problems.push(`${at} must be an object`)
    return null
  }
  const before = problems.length
  const id = text(stratum.id)
  if (!id || !ID.test(id)) problems.push(`${at}.id must be lower-case letters, digits and hyphens`)
  const label = text(stratum.label)
  if (label && label.length > CUSTOM_PLAN_LIMITS.label)
    problems.push(`${at}.label must be ${CUSTOM_PLAN_LIMITS.label} characters or fewer`)
  const lists = Array.isArray(stratum.lists) ? stratum.lists : []
  if (lists.length === 0 || !lists.every(isListNumber)) problems.push(`${at}.lists must list Annex A lists 1 to 11`)
  const quota = stratum.quota
  if (quota !== 'all' && !(Number.isInteger(quota) && (quota as number) >= 1 && (quota as number) <= MAX_QUOTA))
    problems.push(`${at}.quota must be "all" or a whole number from 1 to ${MAX_QUOTA}`)
  const filterValues = stratum.filters === undefined ? [] : stratum.filters
  const filters: CaseFilter[] = []
  if (!Array.isArray(filterValues)) problems.push(`${at}.filters must be a list`)
  else if (filterValues.length > CUSTOM_PLAN_LIMITS.filters)
    problems.push(`${at}.filters must list at most ${CUSTOM_PLAN_LIMITS.filters} filters`)
  else
    filterValues.forEach((item, index) => {
      const filter = readFilter(item)
      if (filter) filters.push(filter)
      else problems.push(`${at}.filters[${index}] is not a filter we know (see docs/audits.md)`)
    })
  if (problems.length > before) return null
  return {
    id: id!,
    label: label ?? id!,
    lists: lists as ListNumber[],
    filters,
    quota: quota as number | 'all',
  }
}

function readFilter(value: unknown): CaseFilter | null {
  const filter = asRecord(value)
  if (!filter) return null
  const keys = Object.keys(filter).sort().join(',')
  if (keys === 'childOnList,present')
    return isListNumber(filter.childOnList) && typeof filter.present === 'boolean'
      ? { childOnList: filter.childOnList, present: filter.present }
      : null
  const column = text(filter.column)
  if (!column) return null
  if (keys === 'column,in' && isTextList(filter.in)) return { column, in: filter.in }
  if (keys === 'column,notIn' && isTextList(filter.notIn)) return { column, notIn: filter.notIn }
  if (keys === 'blank,column' && typeof filter.blank === 'boolean') return { column, blank: filter.blank }
  if (keys === 'atLeast,column' && typeof filter.atLeast === 'number' && Number.isFinite(filter.atLeast))
    return { column, atLeast: filter.atLeast }
  if (keys === 'column,withinMonths' && Number.isInteger(filter.withinMonths) && (filter.withinMonths as number) > 0)
    return { column, withinMonths: filter.withinMonths as number }
  return null
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}

function isListNumber(value: unknown): value is ListNumber {
  return (LIST_NUMBERS as readonly unknown[]).includes(value)
}

function isTextList(value: unknown): value is string[] {
  return Array.isArray(value) && value.length > 0 && value.every(item => typeof item === 'string')
}

export interface PlanProblemPlace {
  /** The stratum's index, when the problem is inside one (or is a repeated stratum id: the later stratum). */
  readonly stratum?: number
  readonly filter?: number
  /** What is wrong within the plan or the stratum: `id`, `label`, `quota`, `lists`, `balanceBy`, … or '' for it all. */
  readonly part: string
  /** The problem without its location. */
  readonly message: string
}

const IN_STRATUM = /^strata\[(\d+)\](?:\.(\w+)(?:\[(\d+)\])?)? (.*)$/
const REPEATED_STRATUM = /^stratum id "(.*)" is used twice$/
const AT_PLAN = /^(id|label|description|balanceBy|excludeAuditedWithinDays|strata) (.*)$/

/**
 * Where a `readCustomPlan` problem is, read back from its text, so a form can put it beside the field and a JSON
 * page can name the stratum in words. `value` is what was checked (to find which stratum repeats an id).
 */
export function locatePlanProblem(problem: string, value: unknown): PlanProblemPlace {
  const inStratum = IN_STRATUM.exec(problem)
  if (inStratum) {
    const [, stratum, part = '', filter, message = ''] = inStratum
    return {
      stratum: Number(stratum),
      ...(filter !== undefined ? { filter: Number(filter) } : {}),
      part: filter !== undefined ? 'filter' : part,
      message,
    }
  }
  const repeated = REPEATED_STRATUM.exec(problem)
  if (repeated) {
    const strata = asRecord(value)?.strata
    const ids = Array.isArray(strata) ? strata.map(item => text(asRecord(item)?.id)) : []
    const later = ids.indexOf(repeated[1]!, ids.indexOf(repeated[1]!) + 1)
    return { ...(later >= 0 ? { stratum: later } : {}), part: 'id', message: problem }
  }
  const atPlan = AT_PLAN.exec(problem)
  if (atPlan) return { part: atPlan[1]!, message: `${atPlan[1]} ${atPlan[2]}` }
  return { part: '', message: problem }
}

/** A problem as a person reads it: "Stratum 2 (“cp”): quota must be …", from `strata[1].quota must be …`. */
export function planProblemText(problem: string, value: unknown): string {
  const place = locatePlanProblem(problem, value)
  if (place.stratum === undefined || !IN_STRATUM.test(problem)) return problem
  const strata = asRecord(value)?.strata
  const stratum = Array.isArray(strata) ? asRecord(strata[place.stratum]) : null
  const name = text(stratum?.label) ?? text(stratum?.id)
  const where = `Stratum ${place.stratum + 1}${name ? ` (“${name}”)` : ''}`
  if (place.filter !== undefined) return `${where}, filter ${place.filter + 1}: ${place.message}`
  return place.part ? `${where}: ${place.part} ${place.message}` : `${where}: ${place.message}`
}

/** A plan as its author writes it (what `readCustomPlan` reads back), without the fields the system adds. */
export function customPlanJson(plan: SamplingPlan): Record<string, unknown> {
  return {
    id: plan.id,
    label: plan.label,
    ...(plan.description ? { description: plan.description } : {}),
    ...(plan.balanceBy ? { balanceBy: plan.balanceBy } : {}),
    ...(plan.excludeAuditedWithinDays !== undefined ? { excludeAuditedWithinDays: plan.excludeAuditedWithinDays } : {}),
    strata: plan.strata.map(stratum => ({
      id: stratum.id,
      label: stratum.label,
      lists: stratum.lists,
      quota: stratum.quota,
      filters: stratum.filters,
    })),
  }
}
