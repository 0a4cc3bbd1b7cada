import { filterColumn, LIST_NAMES, listsText } from './columns.js'
import type { CaseFilter, SamplingPlan, Stratum } from './types.js'

const quoted = (values: readonly string[]) => values.map(value => `“${value}”`).join(' or ')

function columnName(column: string): string {
  return filterColumn(column)?.header ?? column
}

/** A filter in words, as the plan pages show it: "Referral NFA? is “b) No”". */
export function describeFilter(filter: CaseFilter): string {
  if ('childOnList' in filter)
    return `the child is ${filter.present ? '' : 'not '}also on list ${filter.childOnList} (${LIST_NAMES[filter.childOnList]})`
  const name = columnName(filter.column)
  if ('in' in filter) return `${name} is ${quoted(filter.in)}`
  if ('notIn' in filter) return `${name} is not ${quoted(filter.notIn)}`
  if ('blank' in filter) return `${name} is ${filter.blank ? 'blank' : 'not blank'}`
  if ('atLeast' in filter) return `${name} is at least ${filter.atLeast}`
  return `${name} is a date in the ${filter.withinMonths} months up to the reference date`
}

export function describeQuota(quota: Stratum['quota']): string {
  return quota === 'all' ? 'every eligible case' : `${quota} ${quota === 1 ? 'case' : 'cases'}`
}

export function describeBalance(plan: Pick<SamplingPlan, 'balanceBy'>): string {
  return plan.balanceBy === 'team' ? 'By team' : plan.balanceBy === 'worker' ? 'By worker' : 'Not balanced'
}

/** A stratum as the plan pages list it: its lists, quota and filters in words. */
export function describeStratum(stratum: Stratum) {
  return {
    id: stratum.id,
    label: stratum.label,
    lists: `${listsText(stratum.lists).replace(/^l/, 'L')} (${stratum.lists.map(list => LIST_NAMES[list]).join(', ')})`,
    quota: describeQuota(stratum.quota),
    filters: stratum.filters.map(describeFilter),
  }
}
