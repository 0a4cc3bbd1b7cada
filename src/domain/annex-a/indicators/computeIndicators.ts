import { addMonths } from '../parse/dates.js'
import type { CleanRow, IsoDate, ListNumber } from '../types.js'
import type { IndicatorDefinition, IndicatorUnit, MeasureContext } from './definitions.js'
import { INDICATORS } from './definitions.js'
import { createWorkingDayCalendar } from './workingDays.js'

export interface IndicatorPart {
  readonly key: string
  readonly value: number | null
  readonly numerator: number
  readonly denominator: number
}

export interface IndicatorValue {
  readonly id: string
  readonly label: string
  readonly unit: IndicatorUnit
  /** null when the denominator is zero, or for a per-10k rate without a population. */
  readonly value: number | null
  readonly numerator: number
  readonly denominator: number
  /** By Allocated Team for rates on lists that have one; by category for distributions. */
  readonly breakdown: readonly IndicatorPart[]
}

export interface IndicatorOptions {
  readonly referenceDate: IsoDate
  /** Children aged 0–17 in the authority, for rates per 10,000; omit and those rates are null. */
  readonly population?: number
  readonly bankHolidays?: readonly IsoDate[]
}

export interface IndicatorAccumulator {
  /** Feed every cleaned data row (the `row` of a `data` outcome). */
  add(list: ListNumber, row: CleanRow): void
  finish(): IndicatorValue[]
}

interface Tally {
  numerator: number
  denominator: number
}

const ratio = (unit: IndicatorUnit, numerator: number, denominator: number): number | null => {
  if (denominator === 0) return null
  const raw =
    unit === 'per-10k'
      ? (numerator / denominator) * 10_000
      : unit === 'percent'
        ? (numerator / denominator) * 100
        : numerator / denominator
  return Math.round(raw * 10) / 10
}

/** Streaming: keeps one tally per indicator and team, and the child-ID sets that contact → referral needs. */
export function createIndicatorAccumulator(options: IndicatorOptions): IndicatorAccumulator {
  const context: MeasureContext = {
    referenceDate: options.referenceDate,
    windowStart: addMonths(options.referenceDate, -6),
    calendar: createWorkingDayCalendar(options.bankHolidays),
  }
  const totals = new Map<string, Tally>()
  const parts = new Map<string, Map<string, Tally>>()
  const contactChildren = new Set<string>()
  const referredChildren = new Set<string>()
  const byList = new Map<ListNumber, IndicatorDefinition[]>()
  for (const definition of INDICATORS) byList.set(definition.list, [...(byList.get(definition.list) ?? []), definition])

  const bump = (id: string, part: string | null, numerator: number, denominator: number) => {
    const total = totals.get(id) ?? { numerator: 0, denominator: 0 }
    total.numerator += numerator
    total.denominator += denominator
    totals.set(id, total)
    if (part === null) return
    const byPart = parts.get(id) ?? new Map<string, Tally>()
    const tally = byPart.get(part) ?? { numerator: 0, denominator: 0 }
    tally.numerator += numerator
    tally.denominator += denominator
    byPart.set(part, tally)
    parts.set(id, byPart)
  }

  return {
    add(list, row) {
      const child = row['childId']
      if (typeof child === 'string') {
        if (list === 1) contactChildren.add(child)
        if (list === 3) referredChildren.add(child)
      }
      const team = typeof row['allocatedTeam'] === 'string' ? row['allocatedTeam'] : null
      for (const definition of byList.get(list) ?? []) {
        if (definition.categorise !== undefined) {
          const category = definition.categorise(row, context)
          if (category !== null) bump(definition.id, category, 1, 1)
        } else if (definition.measure !== undefined) {
          const measure = definition.measure(row, context)
          if (measure !== null)
            bump(definition.id, definition.unit === 'per-10k' ? null : team, measure.numerator, measure.denominator)
        }
      }
    },
    finish() {
      let referred = 0
      for (const child of contactChildren) if (referredChildren.has(child)) referred += 1
      totals.set('contacts-to-referral-rate', { numerator: referred, denominator: contactChildren.size })
      return INDICATORS.map(definition => {
        const total = totals.get(definition.id) ?? { numerator: 0, denominator: 0 }
        const denominator = definition.unit === 'per-10k' ? (options.population ?? 0) : total.denominator
        const breakdown = [...(parts.get(definition.id) ?? new Map<string, Tally>())]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, tally]) => ({
            key,
            numerator: tally.numerator,
            denominator: definition.categorise !== undefined ? total.denominator : tally.denominator,
            value:
              definition.categorise !== undefined
                ? ratio('percent', tally.numerator, total.denominator)
                : ratio(definition.unit, tally.numerator, tally.denominator),
          }))
        return {
          id: definition.id,
          label: definition.label,
          unit: definition.unit,
          value:
            definition.categorise !== undefined
              ? total.numerator
              : ratio(definition.unit, total.numerator, denominator),
          numerator: total.numerator,
          denominator,
          breakdown,
        }
      })
    },
  }
}

/** Convenience for rows already in memory (a fixture, a small file). */
export function computeIndicators(
  rowsByList: ReadonlyMap<ListNumber, readonly CleanRow[]>,
  options: IndicatorOptions,
): IndicatorValue[] {
  const accumulator = createIndicatorAccumulator(options)
  for (const [list, rows] of rowsByList) for (const row of rows) accumulator.add(list, row)
  return accumulator.finish()
}
