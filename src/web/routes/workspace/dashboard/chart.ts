import type { ChartSeries } from '../../../../domain/workspace/dashboard.js'

/** Horizontal bars, one per row of a series; every bar carries its word and count, and a table repeats them. */

export const DASHBOARD_CHART = { width: 480, barHeight: 24, gap: 10, labelWidth: 130, right: 50 }

/** GOV.UK palette; the word beside each bar says what it is, so colour is never the only signal. */
const FILLS: Record<string, string> = {
  red: '#d4351c',
  amber: '#b35a00',
  green: '#00703c',
  complete: '#1d70b8',
  'not-met': '#d4351c',
  'partly-met': '#b35a00',
  'not-assessed': '#505a5f',
  met: '#00703c',
  stale: '#b35a00',
}

export interface ChartBar {
  label: string
  value: number
  y: number
  width: number
  fill: string
}

export function barChart(series: ChartSeries) {
  const { width, barHeight, gap, labelWidth, right } = DASHBOARD_CHART
  const plotWidth = width - labelWidth - right
  const max = Math.max(1, ...series.rows.map(row => row.value))
  const bars: ChartBar[] = series.rows.map((row, index) => ({
    label: row.label,
    value: row.value,
    y: index * (barHeight + gap) + gap,
    // A zero still shows a sliver, so the row is visibly there and labelled "0".
    width: Math.max(1, Math.round((row.value / max) * plotWidth * 10) / 10),
    fill: FILLS[row.key] ?? '#505a5f',
  }))
  return {
    title: series.title,
    total: series.rows.reduce((sum, row) => sum + row.value, 0),
    bars,
    height: bars.length * (barHeight + gap) + gap,
    size: DASHBOARD_CHART,
  }
}
