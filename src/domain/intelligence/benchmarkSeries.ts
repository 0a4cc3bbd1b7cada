import { benchmark, type BenchmarkResult } from './benchmark.js'
import type { IndicatorDefinition, IndicatorValue } from './dfeIndicators.js'

/** Values of one indicator arranged by year, for repeated benchmarking (one pass over the values). */
export interface IndicatorSeries {
  definition: IndicatorDefinition
  years: number[]
  byYear: Map<number, { authorities: Map<string, number>; regions: Map<string, number>; england: number | null }>
}

export function seriesOf(definition: IndicatorDefinition, values: readonly IndicatorValue[]): IndicatorSeries {
  const byYear: IndicatorSeries['byYear'] = new Map()
  for (const value of values) {
    if (value.indicator !== definition.id) continue
    let year = byYear.get(value.year)
    if (!year) {
      year = { authorities: new Map(), regions: new Map(), england: null }
      byYear.set(value.year, year)
    }
    if (value.level === 'local') year.authorities.set(value.area, value.value)
    // Region names differ in case between files ('Yorkshire and The Humber'): compare them case-insensitively.
    else if (value.level === 'regional') year.regions.set(value.area.toLowerCase(), value.value)
    else year.england = value.value
  }
  return { definition, years: [...byYear.keys()].sort((a, b) => a - b), byYear }
}

/** One authority against its neighbours, region and England, for a year (the latest when not given). */
export function benchmarkAuthority(
  series: IndicatorSeries,
  authority: { oldCode: string; region: string | null; neighbours: readonly string[] },
  year = series.years[series.years.length - 1],
): BenchmarkResult | undefined {
  if (year === undefined) return undefined
  const current = series.byYear.get(year)
  if (!current) return undefined
  const previousValue = series.byYear.get(year - 1)?.authorities.get(authority.oldCode)
  return benchmark({
    polarity: series.definition.polarity,
    authority: authority.oldCode,
    region: authority.region?.toLowerCase() ?? null,
    neighbours: authority.neighbours,
    year,
    current,
    ...(previousValue === undefined ? {} : { previous: { year: year - 1, value: previousValue } }),
  })
}
