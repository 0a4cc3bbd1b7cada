/**
 * Indicator benchmarking as LAIT does it (frameworks.md §6, peers-and-annex-a.md §2.9): statistical-neighbour
 * mean (missing neighbours excluded) and median (the DfE Outcomes and Enablers dashboard's choice), national
 * rank with ties at the lowest rank, quartile band A–D from R's default (type 7) quantiles, by polarity.
 */

export type Polarity = 'high' | 'low' | null
export type QuartileBand = 'A' | 'B' | 'C' | 'D'

/** R's quantile type 7 over sorted values: linear interpolation between order statistics. */
export function quantileType7(sorted: readonly number[], probability: number): number {
  if (sorted.length === 0) return Number.NaN
  const position = (sorted.length - 1) * probability
  const lower = Math.floor(position)
  const upper = Math.ceil(position)
  const fraction = position - lower
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * fraction
}

export interface Quartiles {
  q1: number
  median: number
  q3: number
}

export function quartilesOf(values: readonly number[]): Quartiles {
  const sorted = [...values].sort((a, b) => a - b)
  return { q1: quantileType7(sorted, 0.25), median: quantileType7(sorted, 0.5), q3: quantileType7(sorted, 0.75) }
}

/** A is always the best quarter: for low polarity the lowest values, for high the highest. Null without polarity. */
export function quartileBand(value: number, quartiles: Quartiles, polarity: Polarity): QuartileBand | null {
  if (polarity === 'low') {
    if (value <= quartiles.q1) return 'A'
    if (value <= quartiles.median) return 'B'
    if (value <= quartiles.q3) return 'C'
    return 'D'
  }
  if (polarity === 'high') {
    if (value > quartiles.q3) return 'A'
    if (value > quartiles.median) return 'B'
    if (value > quartiles.q1) return 'C'
    return 'D'
  }
  return null
}

/** 1 = best; ties share the lowest rank (R's ties.method = "min"). Null without polarity, as LAIT shows "-". */
export function rankOf(value: number, values: readonly number[], polarity: Polarity): number | null {
  if (polarity === null) return null
  const better = values.filter(other => (polarity === 'high' ? other > value : other < value)).length
  return better + 1
}

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((sum, value) => sum + value, 0) / values.length
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  return quantileType7(
    [...values].sort((a, b) => a - b),
    0.5,
  )
}

export type TrendDirection = 'up' | 'down' | 'same'

export interface Trend {
  change: number
  direction: TrendDirection
  /** Whether the change is an improvement for the indicator's polarity; null without polarity or change. */
  improving: boolean | null
}

/** Change from the previous year, only when the years are consecutive (LAIT). */
export function trendOf(
  current: { year: number; value: number },
  previous: { year: number; value: number } | undefined,
  polarity: Polarity,
): Trend | null {
  if (!previous || previous.year !== current.year - 1) return null
  const change = roundTo(current.value - previous.value, 6)
  const direction: TrendDirection = change > 0 ? 'up' : change < 0 ? 'down' : 'same'
  const improving = polarity === null || direction === 'same' ? null : (polarity === 'high') === (direction === 'up')
  return { change, direction, improving }
}

function roundTo(value: number, places: number): number {
  const factor = 10 ** places
  return Math.round(value * factor) / factor
}

export interface IndicatorYear {
  /** LA old code → value, for every LA with a value that year (suppressed values left out). */
  authorities: ReadonlyMap<string, number>
  regions: ReadonlyMap<string, number>
  england: number | null
}

export interface BenchmarkInput {
  polarity: Polarity
  noQuartile?: boolean
  authority: string
  region: string | null
  neighbours: readonly string[]
  year: number
  current: IndicatorYear
  previous?: { year: number; value: number }
}

export interface BenchmarkResult {
  year: number
  value: number | null
  neighbourMean: number | null
  neighbourMedian: number | null
  neighboursWithData: number
  region: number | null
  england: number | null
  rank: number | null
  rankedAuthorities: number
  band: QuartileBand | null
  quartiles: Quartiles | null
  trend: Trend | null
}

export function benchmark(input: BenchmarkInput): BenchmarkResult {
  const values = [...input.current.authorities.values()]
  const value = input.current.authorities.get(input.authority) ?? null
  const neighbourValues = input.neighbours
    .map(code => input.current.authorities.get(code))
    .filter((found): found is number => found !== undefined)
  const quartiles = values.length > 0 && !input.noQuartile ? quartilesOf(values) : null
  return {
    year: input.year,
    value,
    neighbourMean: mean(neighbourValues),
    neighbourMedian: median(neighbourValues),
    neighboursWithData: neighbourValues.length,
    region: input.region === null ? null : (input.current.regions.get(input.region) ?? null),
    england: input.current.england,
    rank: value === null ? null : rankOf(value, values, input.polarity),
    rankedAuthorities: values.length,
    band: value === null || quartiles === null ? null : quartileBand(value, quartiles, input.polarity),
    quartiles,
    trend: value === null ? null : trendOf({ year: input.year, value }, input.previous, input.polarity),
  }
}
