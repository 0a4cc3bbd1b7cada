import { findFramework } from '../frameworks/index.js'
import { authorityHistory, cyclePace, dateOf, sinceLastInspection, type CyclePace } from './outcomeViews.js'
import type { OutcomeRecord } from './types.js'

/**
 * Where a framework's cycle stands (seed 004 §5: the share of authorities inspected since it began, and when the
 * cycle ends at that pace) and, per authority, months since its last graded inspection and the forecast window
 * for the next (the calendar module's cycle rules, through the frameworks module).
 */

export interface CycleAuthority {
  key: string
  name: string
  region: string | null
}

export interface CycleRow {
  authority: CycleAuthority
  last: OutcomeRecord | null
  lastDate: string | null
  months: number | null
  overall: string | null
  earliest: string | null
  latest: string | null
  overdue: boolean | null
  /** A graded inspection under the chosen framework version since it came into force. */
  inspectedThisCycle: boolean
}

export interface CycleOverview {
  framework: string
  frameworkLabel: string
  start: string
  pace: CyclePace
  rows: CycleRow[]
}

/** Framework versions with graded records, newest first by their latest inspection. */
export function cycleFrameworks(records: readonly OutcomeRecord[]): string[] {
  const latest = new Map<string, string>()
  for (const record of records) {
    const date = dateOf(record)
    if (record.grades.length === 0 || !date || !findFramework(record.framework)) continue
    if ((latest.get(record.framework) ?? '') < date) latest.set(record.framework, date)
  }
  return [...latest.entries()].sort((a, b) => b[1].localeCompare(a[1])).map(([framework]) => framework)
}

export function inspectionCycle(
  records: readonly OutcomeRecord[],
  options: {
    framework: string
    today: string
    keyOf: (record: OutcomeRecord) => string
    /** Every authority the pace counts (England's 153), and the rows shown. */
    population: readonly CycleAuthority[]
    shown?: ReadonlySet<string>
  },
): CycleOverview | undefined {
  const framework = findFramework(options.framework)
  if (!framework) return undefined
  const start = framework.inForce.from
  const end = framework.inForce.to ?? options.today
  const inCycle = new Set<string>()
  for (const record of records) {
    const date = dateOf(record)
    if (record.framework !== framework.id || record.grades.length === 0 || !date) continue
    if (date >= start && date <= end) inCycle.add(options.keyOf(record))
  }
  const populationKeys = new Set(options.population.map(authority => authority.key))
  const inspected = [...inCycle].filter(key => populationKeys.has(key)).length
  const asAt = end < options.today ? end : options.today
  const rows = options.population
    .filter(authority => !options.shown || options.shown.has(authority.key))
    .map(authority => {
      const since = sinceLastInspection(authorityHistory(records, authority.key, options.keyOf), options.today)
      const overall = since?.last.grades.find(grade => grade.judgement === 'overall-effectiveness')
      return {
        authority,
        last: since?.last ?? null,
        lastDate: since ? dateOf(since.last) : null,
        months: since?.months ?? null,
        overall: overall?.grade ?? null,
        earliest: since?.forecast?.earliest ?? null,
        latest: since?.forecast?.latest ?? null,
        overdue: since?.forecast?.overdue ?? null,
        inspectedThisCycle: inCycle.has(authority.key),
      }
    })
    .sort(
      (a, b) =>
        (a.latest ?? '9999').localeCompare(b.latest ?? '9999') || a.authority.name.localeCompare(b.authority.name),
    )
  return {
    framework: framework.id,
    frameworkLabel: framework.label,
    start,
    pace: cyclePace(inspected, options.population.length, start, asAt),
    rows,
  }
}
