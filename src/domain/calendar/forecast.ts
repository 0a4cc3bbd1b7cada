import { addMonths, compareDates, daysBetween, type IsoDate } from './isoDate.js'
import type { Evidence } from './timeline.js'

/**
 * When the next inspection is due after the last one. A framework lists these in order; the first
 * whose `afterGrades` includes the last grade (or that has no `afterGrades`) applies.
 */
export type CycleRule =
  | {
      /** ILACS: "between six months before and six months after the three-year anniversary". */
      kind: 'window-around-anniversary'
      years: number
      monthsBefore: number
      monthsAfter: number
      afterGrades?: readonly string[]
      rule: string
      source: string
      evidence: Evidence
    }
  | {
      /** "At least once every three years", "in any 12-month period": due by, no earliest date. */
      kind: 'at-least-every'
      months: number
      afterGrades?: readonly string[]
      rule: string
      source: string
      evidence: Evidence
    }
  | {
      /** No date-driven next inspection, e.g. monitoring visits until Ofsted decides to re-inspect. */
      kind: 'no-fixed-cycle'
      afterGrades?: readonly string[]
      rule: string
      source: string
      evidence: Evidence
    }

export interface LastInspection {
  date: IsoDate
  /** The grade the cycle depends on (usually overall effectiveness), as a grade id. */
  grade?: string
}

export interface InspectionForecast {
  /** Null when the rule sets no earliest date. */
  earliest: IsoDate | null
  expected: IsoDate | null
  latest: IsoDate | null
  /** Undefined when no `today` was given or the rule has no latest date. */
  overdue?: boolean
  /** Days past `latest` (0 when not overdue). */
  daysOverdue?: number
  rule: string
  source: string
  evidence: Evidence
}

function applies(rule: CycleRule, grade: string | undefined): boolean {
  return rule.afterGrades === undefined || (grade !== undefined && rule.afterGrades.includes(grade))
}

/** Returns undefined when no rule of the framework covers the last grade. */
export function forecastNextInspection(
  rules: readonly CycleRule[],
  last: LastInspection,
  today?: IsoDate,
): InspectionForecast | undefined {
  const rule = rules.find(candidate => applies(candidate, last.grade))
  if (!rule) return undefined
  const base = { rule: rule.rule, source: rule.source, evidence: rule.evidence }
  let window: { earliest: IsoDate | null; expected: IsoDate | null; latest: IsoDate | null }
  switch (rule.kind) {
    case 'window-around-anniversary': {
      const anniversary = addMonths(last.date, rule.years * 12)
      window = {
        earliest: addMonths(anniversary, -rule.monthsBefore),
        expected: anniversary,
        latest: addMonths(anniversary, rule.monthsAfter),
      }
      break
    }
    case 'at-least-every': {
      const due = addMonths(last.date, rule.months)
      window = { earliest: null, expected: due, latest: due }
      break
    }
    case 'no-fixed-cycle':
      window = { earliest: null, expected: null, latest: null }
      break
  }
  const forecast: InspectionForecast = { ...window, ...base }
  if (today !== undefined && window.latest !== null) {
    const late = compareDates(today, window.latest) > 0
    forecast.overdue = late
    forecast.daysOverdue = late ? daysBetween(window.latest, today) : 0
  }
  return forecast
}
