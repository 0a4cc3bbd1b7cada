import {
  COMMON_GRADES,
  countGrades,
  matchesFramework,
  notYetGoodShareOf,
  percentOf,
  totalOf,
} from './summariseOutcomes.js'
import type { GradeCounts } from './summariseOutcomes.js'
import {
  authorityHistory,
  consistencyOf,
  latestPerAuthority,
  sinceLastInspection,
  transitions,
  viewOf,
  type OverallView,
  type SinceLastInspection,
  type TransitionMatrix,
} from './outcomeViews.js'
import type { OutcomeRecord } from './types.js'

/** Everything the outcomes page shows, computed from records in one pass of plain functions. */

export interface CountRow {
  judgement: string
  counts: GradeCounts
  percents: Record<string, number>
  total: number
  notYetGoodShare: number
}

export interface OutcomesOverview {
  framework: string | null
  inspections: number
  rows: CountRow[]
  national: OverallView
  region: OverallView | null
  neighbours: OverallView | null
  history: OutcomeRecord[]
  since: SinceLastInspection | undefined
  transitions: TransitionMatrix
  inconsistent: { record: OutcomeRecord; broken: string[] }[]
}

export interface OverviewOptions {
  framework?: string | undefined
  judgement?: string
  today: string
  keyOf: (record: OutcomeRecord) => string
  /** The authority the page is about, with its region's and neighbours' keys. */
  authority?: {
    key: string
    region: string | null
    regionKeys: ReadonlySet<string>
    neighbourKeys: ReadonlySet<string>
  }
}

export function countRows(records: readonly OutcomeRecord[]): CountRow[] {
  return Object.entries(countGrades(records, false)).map(([judgement, counts]) => {
    const total = totalOf(counts)
    return {
      judgement,
      counts,
      total,
      percents: Object.fromEntries(COMMON_GRADES.map(grade => [grade, percentOf(counts[grade], total)])),
      notYetGoodShare: notYetGoodShareOf(counts),
    }
  })
}

export function outcomesOverview(records: readonly OutcomeRecord[], options: OverviewOptions): OutcomesOverview {
  const judgement = options.judgement ?? 'overall-effectiveness'
  const selected = records.filter(
    record => record.grades.length > 0 && (!options.framework || matchesFramework(record.framework, options.framework)),
  )
  const latest = latestPerAuthority(records, options.keyOf, options.framework)
  const authority = options.authority
  const history = authority ? authorityHistory(records, authority.key, options.keyOf) : []
  return {
    framework: options.framework ?? null,
    inspections: selected.length,
    rows: countRows(selected),
    national: viewOf('England', latest, judgement),
    region:
      authority?.region != null
        ? viewOf(
            authority.region,
            latest.filter(record => authority.regionKeys.has(options.keyOf(record))),
            judgement,
          )
        : null,
    neighbours: authority
      ? viewOf(
          'Statistical neighbours',
          latest.filter(record => authority.neighbourKeys.has(options.keyOf(record))),
          judgement,
        )
      : null,
    history,
    since: authority ? sinceLastInspection(history, options.today) : undefined,
    transitions: transitions(
      options.framework ? records.filter(record => matchesFramework(record.framework, options.framework!)) : records,
      options.keyOf,
      judgement,
    ),
    inconsistent: selected.flatMap(record => {
      const check = consistencyOf(record)
      return check && !check.consistent ? [{ record, broken: check.broken }] : []
    }),
  }
}
