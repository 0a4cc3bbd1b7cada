import { addMonths, type IsoDate, type ListNumber } from '../annex-a/index.js'
import type { CaseFilter, PopulationRow, Stratum } from './types.js'

/** Which lists each child appears on: built once per draw, for `childOnList` filters. */
export type ListsByChild = ReadonlyMap<string, ReadonlySet<ListNumber>>

export function listsByChild(population: readonly PopulationRow[]): ListsByChild {
  const index = new Map<string, Set<ListNumber>>()
  for (const row of population) {
    let lists = index.get(row.childId)
    if (!lists) index.set(row.childId, (lists = new Set()))
    lists.add(row.list)
  }
  return index
}

export interface FilterContext {
  readonly referenceDate: IsoDate
  readonly listsByChild: ListsByChild
}

export function matchesFilter(row: PopulationRow, filter: CaseFilter, context: FilterContext): boolean {
  if ('childOnList' in filter)
    return (context.listsByChild.get(row.childId)?.has(filter.childOnList) ?? false) === filter.present
  const value = row.data[filter.column] ?? null
  if ('in' in filter) return value !== null && filter.in.includes(String(value))
  if ('notIn' in filter) return value === null || !filter.notIn.includes(String(value))
  if ('blank' in filter) return (value === null || value === '') === filter.blank
  if ('atLeast' in filter) return typeof value === 'number' && value >= filter.atLeast
  // withinMonths: a date in the months up to and including the reference date.
  if (typeof value !== 'string') return false
  return value > addMonths(context.referenceDate, -filter.withinMonths) && value <= context.referenceDate
}

export function matchesStratum(row: PopulationRow, stratum: Stratum, context: FilterContext): boolean {
  return stratum.lists.includes(row.list) && stratum.filters.every(filter => matchesFilter(row, filter, context))
}

/** Lists 3–9 carry the allocated team and worker; contacts and early help rows do not. */
export function teamOf(row: PopulationRow): string | null {
  return textOrNull(row.data.allocatedTeam)
}

export function workerOf(row: PopulationRow): string | null {
  return textOrNull(row.data.allocatedWorker)
}

function textOrNull(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null
}
