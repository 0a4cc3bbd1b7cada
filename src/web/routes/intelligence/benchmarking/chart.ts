import type { BenchmarkResult } from '../../../../domain/intelligence/index.js'

/** Horizontal bars comparing one year's values; the same figures are in the table beside the chart. */

export interface ComparisonBar {
  label: string
  value: number
  y: number
  width: number
  text: string
  ours: boolean
}

export const BENCHMARK_CHART = { width: 640, barHeight: 22, gap: 12, labelWidth: 190, right: 70 }

export function comparisonBars(result: BenchmarkResult, authorityName: string, unit: string) {
  const candidates: [string, number | null, boolean][] = [
    [authorityName, result.value, true],
    ['Statistical neighbours (mean)', result.neighbourMean, false],
    ['Statistical neighbours (median)', result.neighbourMedian, false],
    ['Region', result.region, false],
    ['England', result.england, false],
  ]
  const present = candidates.filter((entry): entry is [string, number, boolean] => entry[1] !== null)
  const max = Math.max(...present.map(([, value]) => Math.abs(value)), unit === 'percent' ? 100 : 1)
  const plotWidth = BENCHMARK_CHART.width - BENCHMARK_CHART.labelWidth - BENCHMARK_CHART.right
  const bars: ComparisonBar[] = present.map(([label, value, ours], index) => ({
    label,
    value,
    ours,
    y: index * (BENCHMARK_CHART.barHeight + BENCHMARK_CHART.gap) + BENCHMARK_CHART.gap,
    width: Math.max(1, Math.round((Math.max(0, value) / max) * plotWidth * 10) / 10),
    text: formatValue(value, unit),
  }))
  return {
    bars,
    height: bars.length * (BENCHMARK_CHART.barHeight + BENCHMARK_CHART.gap) + BENCHMARK_CHART.gap,
    plotWidth,
  }
}

export function formatValue(value: number | null, unit: string): string {
  if (value === null) return '–'
  const rounded = Math.round(value * 10) / 10
  return unit === 'percent' ? `${rounded}%` : String(rounded)
}
