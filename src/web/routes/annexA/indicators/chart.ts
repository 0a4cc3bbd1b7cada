import type { IndicatorValue } from '../../../../domain/annex-a/index.js'

export interface ChartBar {
  label: string
  value: number
  y: number
  width: number
  text: string
}

export const CHART = { width: 640, labelWidth: 0, barHeight: 22, gap: 10, left: 8, right: 56 }

/** Percentages as horizontal bars on a 0–100 scale; the same numbers are in the table beside the chart. */
export function percentBars(indicators: readonly IndicatorValue[]): {
  bars: ChartBar[]
  height: number
  plotWidth: number
} {
  const plotWidth = CHART.width - CHART.left - CHART.right
  const bars = indicators
    .filter(indicator => indicator.unit === 'percent' && indicator.value !== null)
    .map((indicator, index) => {
      const value = Math.max(0, Math.min(100, indicator.value as number))
      return {
        label: indicator.label,
        value,
        y: index * (CHART.barHeight * 2 + CHART.gap) + CHART.barHeight,
        width: Math.round((value / 100) * plotWidth * 10) / 10,
        text: `${indicator.value}%`,
      }
    })
  return { bars, height: bars.length * (CHART.barHeight * 2 + CHART.gap) + CHART.gap, plotWidth }
}
