import { benchmark, type BenchmarkResult } from './benchmark.js'
import type { IndicatorSeries } from './benchmarkSeries.js'
import type { IndicatorDefinition } from './dfeIndicators.js'

/**
 * The organisation's own indicator values beside the published DfE ones: typed in, or taken from an Annex A test
 * run. Which Annex A indicators correspond to which DfE indicators is data, with each mapping's caveats, so a
 * reader can judge how far the two are comparable.
 */

export type OwnValueSource = 'typed' | 'annex-a'

export interface OwnValue {
  indicator: string
  year: number
  value: number
  source: OwnValueSource
  annexARunId: string | null
  annexAIndicator: string | null
  annexAReferenceDate: string | null
  note: string | null
  version: number
  updatedBy: string
  updatedAt: Date
}

export interface AnnexAMapping {
  /** Annex A indicator id (src/domain/annex-a/indicators/definitions.ts). */
  annexA: string
  /** DfE indicator id (dfeIndicators.ts). */
  dfe: string
  caveats: string[]
}

const WINDOW =
  'Annex A covers the six months (or twelve, for List 8) before its reference date; the DfE figure covers a reporting year ending 31 March.'

export const ANNEX_A_TO_DFE: readonly AnnexAMapping[] = [
  {
    annexA: 're-referrals-within-12-months-rate',
    dfe: 'cin-rereferrals',
    caveats: [
      WINDOW,
      'Annex A counts referrals whose child had a referral in the previous 12 months; DfE counts referrals within 12 months of a previous referral: the same idea, differently recorded.',
    ],
  },
  {
    annexA: 'cp-plans-second-or-subsequent-rate',
    dfe: 'cpp-subsequent',
    caveats: [WINDOW, 'Annex A counts plans that started in its six-month window only.'],
  },
  {
    annexA: 'cla-per-10k',
    dfe: 'cla-rate',
    caveats: [
      'Children in care on the reference date, not on 31 March.',
      'The rate needs the 0–17 population given with the Annex A run; without it there is no value.',
    ],
  },
  {
    annexA: 'cla-3-plus-placements-rate',
    dfe: 'cla-three-placements',
    caveats: ['Placements in the 12 months before the reference date, not in the year to 31 March.'],
  },
  {
    annexA: 'cla-long-term-stability-rate',
    dfe: 'cla-long-term-stability',
    caveats: ['Measured on the reference date, not on 31 March.'],
  },
  {
    annexA: 'care-leavers-suitable-accommodation-rate',
    dfe: 'care-leavers-suitable-accommodation',
    caveats: [
      'Annex A List 9 holds care leavers of every age it covers (17 and over); the DfE figure is for those aged 19 to 21.',
    ],
  },
]

/** Annex A indicators left unmapped on purpose, and why. */
export const ANNEX_A_NOT_MAPPED: readonly { annexA: string; dfe: string; reason: string }[] = [
  {
    annexA: 'cp-plans-lasting-2-years-plus-rate',
    dfe: 'cpp-two-years',
    reason:
      'Annex A measures plans that ended lasting 2 years or more; the DfE figure is plans open on 31 March that had lasted 2 years or more: different groups of children.',
  },
]

export function mappingForDfe(dfeId: string): AnnexAMapping | undefined {
  return ANNEX_A_TO_DFE.find(mapping => mapping.dfe === dfeId)
}

/**
 * The DfE reporting year an Annex A reference date falls in: DfE years end on 31 March (time_period 2025 is
 * April 2024 to March 2025), so 30 September 2025 belongs to 2026 and 31 March 2025 to 2025.
 */
export function dfeYearOf(referenceDate: string): number {
  const [year, month] = referenceDate.split('-').map(Number) as [number, number]
  return month <= 3 ? year : year + 1
}

export interface AnnexAIndicatorFigure {
  id: string
  value: number | null
  numerator: number
  denominator: number
}

export interface OwnValueFromAnnexA {
  indicator: string
  year: number
  value: number
  annexAIndicator: string
  numerator: number
  denominator: number
}

/** Mapped values from one Annex A run; indicators without a value (no rows, no population) are named, not guessed. */
export function ownValuesFromAnnexA(
  referenceDate: string,
  figures: readonly AnnexAIndicatorFigure[],
): { values: OwnValueFromAnnexA[]; skipped: string[] } {
  const year = dfeYearOf(referenceDate)
  const values: OwnValueFromAnnexA[] = []
  const skipped: string[] = []
  for (const mapping of ANNEX_A_TO_DFE) {
    const figure = figures.find(candidate => candidate.id === mapping.annexA)
    if (!figure) skipped.push(`${mapping.annexA}: not in this run`)
    else if (figure.value === null || !Number.isFinite(figure.value))
      skipped.push(`${mapping.annexA}: no value (no rows to count, or no population for a rate)`)
    else
      values.push({
        indicator: mapping.dfe,
        year,
        value: figure.value,
        annexAIndicator: mapping.annexA,
        numerator: figure.numerator,
        denominator: figure.denominator,
      })
  }
  return { values, skipped }
}

/** Whether a typed value is possible for the indicator's unit; a message when not. */
export function checkOwnValue(definition: IndicatorDefinition, value: number): string | undefined {
  if (!Number.isFinite(value)) return 'Enter the value as a number, like 21.5'
  if (value < 0) return 'The value cannot be negative'
  if (definition.unit === 'percent' && value > 100) return 'A percentage must be between 0 and 100'
  if (value > 1_000_000) return 'The value must be 1,000,000 or less'
  return undefined
}

export interface OwnBenchmark {
  own: OwnValue
  /** The published year it is compared with: the same year, else the latest before it (null when none). */
  comparedWithYear: number | null
  /** The authority's published (DfE) value that year, if any. */
  published: number | null
  /** The comparison with the own value in place of the published one; null without a published year. */
  result: BenchmarkResult | null
}

/**
 * Our value against the published figures: the authority's own DfE value is replaced by ours, so rank and band say
 * where ours would sit among every authority. A year not yet published is compared with the latest published year.
 */
export function benchmarkOwnValue(
  series: IndicatorSeries,
  authority: { oldCode: string; region: string | null; neighbours: readonly string[] },
  own: OwnValue,
): OwnBenchmark {
  const comparedWithYear = [...series.years].reverse().find(year => year <= own.year) ?? null
  const current = comparedWithYear === null ? undefined : series.byYear.get(comparedWithYear)
  if (comparedWithYear === null || !current) return { own, comparedWithYear: null, published: null, result: null }
  const published = current.authorities.get(authority.oldCode) ?? null
  const authorities = new Map(current.authorities)
  authorities.set(authority.oldCode, own.value)
  // The trend compares ours with the authority's published value of the year before ours.
  const previous = series.byYear.get(own.year - 1)?.authorities.get(authority.oldCode)
  const result = benchmark({
    polarity: series.definition.polarity,
    authority: authority.oldCode,
    region: authority.region?.toLowerCase() ?? null,
    neighbours: authority.neighbours.filter(code => code !== authority.oldCode),
    year: own.year,
    current: { ...current, authorities },
    ...(previous === undefined ? {} : { previous: { year: own.year - 1, value: previous } }),
  })
  return { own, comparedWithYear, published, result }
}

/** "typed in", "Annex A run 1a2b3c4d (reference date 2025-09-30)" or "DfE". */
export function ownSourceLabel(own: Pick<OwnValue, 'source' | 'annexARunId' | 'annexAReferenceDate'>): string {
  if (own.source === 'typed') return 'typed in'
  return `Annex A run ${(own.annexARunId ?? '').slice(0, 8)}${own.annexAReferenceDate ? ` (reference date ${own.annexAReferenceDate})` : ''}`
}
