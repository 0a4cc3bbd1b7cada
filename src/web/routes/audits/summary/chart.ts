import { AUDIT_SCALES, type GradeCount } from '../../../../domain/audits/index.js'

/**
 * Server-rendered SVG for the audit summary: one stacked bar per team (or month) of overall grades, and one bar per
 * theme. The same figures are always in a table beside the chart; colour is never the only way to read them.
 */
export const SUMMARY_CHART = { width: 640, barHeight: 22, gap: 12, labelWidth: 190, right: 50 }

/** GOV.UK colours, each with at least 3:1 contrast against white. */
const GRADE_COLOURS: Record<string, string> = {
  outstanding: '#00703c',
  good: '#1d70b8',
  'requires-improvement': '#b58840',
  inadequate: '#d4351c',
}

export interface StackedBar {
  label: string
  y: number
  total: number
  segments: { x: number; width: number; fill: string; grade: string; label: string; count: number }[]
}

export function gradeBars(rows: readonly GradeCount[]) {
  const max = Math.max(1, ...rows.map(row => row.total))
  const plotWidth = SUMMARY_CHART.width - SUMMARY_CHART.labelWidth - SUMMARY_CHART.right
  const bars: StackedBar[] = rows.map((row, index) => {
    let x = SUMMARY_CHART.labelWidth
    const segments = AUDIT_SCALES['ofsted-4']
      .filter(grade => (row.grades[grade.id] ?? 0) > 0)
      .map(grade => {
        const count = row.grades[grade.id] ?? 0
        const width = Math.round((count / max) * plotWidth * 10) / 10
        const segment = {
          x,
          width,
          fill: GRADE_COLOURS[grade.id] ?? '#505a5f',
          grade: grade.id,
          label: grade.label,
          count,
        }
        x += width
        return segment
      })
    return {
      label: row.key,
      y: index * (SUMMARY_CHART.barHeight + SUMMARY_CHART.gap) + SUMMARY_CHART.gap,
      total: row.total,
      segments,
    }
  })
  return { bars, height: bars.length * (SUMMARY_CHART.barHeight + SUMMARY_CHART.gap) + SUMMARY_CHART.gap }
}

export function countBars(rows: readonly { label: string; count: number }[]) {
  const max = Math.max(1, ...rows.map(row => row.count))
  const plotWidth = SUMMARY_CHART.width - SUMMARY_CHART.labelWidth - SUMMARY_CHART.right
  const bars = rows.map((row, index) => ({
    label: row.label,
    count: row.count,
    y: index * (SUMMARY_CHART.barHeight + SUMMARY_CHART.gap) + SUMMARY_CHART.gap,
    width: Math.max(1, Math.round((row.count / max) * plotWidth * 10) / 10),
  }))
  return { bars, height: bars.length * (SUMMARY_CHART.barHeight + SUMMARY_CHART.gap) + SUMMARY_CHART.gap }
}

export const GRADE_LEGEND = AUDIT_SCALES['ofsted-4'].map(grade => ({
  label: grade.label,
  fill: GRADE_COLOURS[grade.id] ?? '#505a5f',
}))
