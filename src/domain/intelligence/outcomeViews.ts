import {
  checkRecordedOutcome,
  findFramework,
  forecastFor,
  type CommonGrade,
  type NextInspection,
} from '../frameworks/index.js'
import {
  COMMON_GRADES,
  countGrades,
  emptyCounts,
  matchesFramework,
  notYetGoodShareOf,
  type GradeCounts,
} from './summariseOutcomes.js'
import type { OutcomeRecord } from './types.js'

/** Analyses over outcome records: pure, dates as 'YYYY-MM-DD'. `keyOf` says which records belong to one authority. */

export type AuthorityKeyOf = (record: OutcomeRecord) => string

export function dateOf(record: OutcomeRecord): string | null {
  return record.inspectionDate ?? record.publicationDate
}

function byDate(a: OutcomeRecord, b: OutcomeRecord): number {
  return (dateOf(a) ?? '').localeCompare(dateOf(b) ?? '')
}

/** One authority's inspections, oldest first, graded and ungraded. */
export function authorityHistory(
  records: readonly OutcomeRecord[],
  key: string,
  keyOf: AuthorityKeyOf,
): OutcomeRecord[] {
  return records.filter(record => keyOf(record) === key).sort(byDate)
}

/** Each authority's most recent graded inspection (optionally within a framework family). */
export function latestPerAuthority(
  records: readonly OutcomeRecord[],
  keyOf: AuthorityKeyOf,
  framework?: string,
): OutcomeRecord[] {
  const latest = new Map<string, OutcomeRecord>()
  for (const record of records) {
    if (record.grades.length === 0 || (framework && !matchesFramework(record.framework, framework))) continue
    const key = keyOf(record)
    const current = latest.get(key)
    if (!current || byDate(current, record) < 0) latest.set(key, record)
  }
  return [...latest.values()]
}

export interface OverallView {
  label: string
  authorities: number
  counts: GradeCounts
  notYetGoodShare: number
}

/** Counts of one judgement across a set of latest inspections (national, one region, a neighbour group). */
export function viewOf(
  label: string,
  latest: readonly OutcomeRecord[],
  judgement = 'overall-effectiveness',
): OverallView {
  const counts = countGrades(latest, false)[judgement] ?? emptyCounts()
  return { label, authorities: latest.length, counts, notYetGoodShare: notYetGoodShareOf(counts) }
}

/** Whole calendar months from `from` to `to` (a month counts once its day of month is reached). */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number]
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0)
}

export interface SinceLastInspection {
  last: OutcomeRecord
  months: number
  forecast: NextInspection | undefined
}

/** Months since the last graded inspection and the framework's forecast window for the next (calendar module). */
export function sinceLastInspection(history: readonly OutcomeRecord[], today: string): SinceLastInspection | undefined {
  const graded = history.filter(record => record.grades.length > 0 && dateOf(record))
  const last = graded[graded.length - 1]
  if (!last) return undefined
  const date = dateOf(last)!
  const framework = findFramework(last.framework)
  const overall = last.grades.find(grade => grade.judgement === 'overall-effectiveness')
  const forecast = framework
    ? forecastFor(framework, { date, ...(overall ? { grade: overall.originalGrade } : {}) }, today)
    : undefined
  return { last, months: monthsBetween(date, today), forecast }
}

export type TransitionMatrix = Record<CommonGrade, GradeCounts>

/** From one graded inspection to the next of the same authority, on the common scale (across frameworks). */
export function transitions(
  records: readonly OutcomeRecord[],
  keyOf: AuthorityKeyOf,
  judgement = 'overall-effectiveness',
): TransitionMatrix {
  const matrix = Object.fromEntries(COMMON_GRADES.map(grade => [grade, emptyCounts()])) as TransitionMatrix
  const byAuthority = new Map<string, OutcomeRecord[]>()
  for (const record of records) {
    if (!record.grades.some(grade => grade.judgement === judgement)) continue
    const list = byAuthority.get(keyOf(record)) ?? []
    list.push(record)
    byAuthority.set(keyOf(record), list)
  }
  for (const list of byAuthority.values()) {
    const ordered = list.sort(byDate).map(record => record.grades.find(grade => grade.judgement === judgement)!.grade)
    for (let index = 1; index < ordered.length; index += 1) matrix[ordered[index - 1]!][ordered[index]!] += 1
  }
  return matrix
}

export interface CyclePace {
  inspected: number
  population: number
  share: number
  months: number
  /** Months to inspect every authority at this pace; null before any inspection. */
  projectedMonths: number | null
  projectedEnd: string | null
}

/** Seed 004 §5: "22% … inspected since it was launched. If this pace continues … 3.5 - 4 years". */
export function cyclePace(inspected: number, population: number, start: string, asAt: string): CyclePace {
  const months = Math.max(monthsBetween(start, asAt), 1)
  const share = population === 0 ? 0 : inspected / population
  const projectedMonths = share === 0 ? null : Math.round((months / share) * 10) / 10
  return {
    inspected,
    population,
    share: Math.round(share * 10_000) / 10_000,
    months,
    projectedMonths,
    projectedEnd: projectedMonths === null ? null : addMonths(start, Math.ceil(projectedMonths)),
  }
}

function addMonths(date: string, months: number): string {
  const [y, m] = date.split('-').map(Number) as [number, number]
  const index = y * 12 + (m - 1) + months
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}-01`
}

/** Whether a recorded set of grades is consistent with its framework's rules (the judgement engine). */
export function consistencyOf(record: OutcomeRecord): { consistent: boolean; broken: string[] } | undefined {
  const framework = findFramework(record.framework)
  if (!framework || record.grades.length === 0) return undefined
  const grades = Object.fromEntries(record.grades.map(grade => [grade.judgement, grade.originalGrade]))
  try {
    const check = checkRecordedOutcome(framework, grades)
    return {
      consistent: check.consistent,
      broken: check.checks.filter(item => item.status === 'disagrees').map(item => item.rule),
    }
  } catch {
    // A judgement the framework does not define (a table naming something else): no verdict rather than a wrong one.
    return undefined
  }
}
