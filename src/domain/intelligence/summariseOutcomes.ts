import type { CommonGrade } from '../frameworks/index.js'
import type { OutcomeRecord, OutcomeWarning, StatedTotal } from './types.js'

export const COMMON_GRADES: readonly CommonGrade[] = ['outstanding', 'good', 'requires-improvement', 'inadequate']
const NOT_YET_GOOD: ReadonlySet<CommonGrade> = new Set(['requires-improvement', 'inadequate'])

export type GradeCounts = Record<CommonGrade, number>

export interface OutcomeSummary {
  framework: string
  inspections: number
  judgements: Record<string, GradeCounts>
  notYetGoodShare: Record<string, number>
  warnings: string[]
}

/** `ilacs` selects every ILACS version; `ilacs-2023` only that one. */
export function matchesFramework(framework: string, wanted: string): boolean {
  return framework === wanted || framework.startsWith(`${wanted}-`)
}

export function emptyCounts(): GradeCounts {
  return { outstanding: 0, good: 0, 'requires-improvement': 0, inadequate: 0 }
}

export function totalOf(counts: GradeCounts): number {
  return COMMON_GRADES.reduce((sum, grade) => sum + counts[grade], 0)
}

export function notYetGoodCount(counts: GradeCounts): number {
  return COMMON_GRADES.filter(grade => NOT_YET_GOOD.has(grade)).reduce((sum, grade) => sum + counts[grade], 0)
}

/** Share of graded results below good; 0 when nothing was graded. Rounded to 4 places for stable output. */
export function notYetGoodShareOf(counts: GradeCounts): number {
  const total = totalOf(counts)
  if (total === 0) return 0
  return round4(notYetGoodCount(counts) / total)
}

export function percentOf(count: number, total: number): number {
  return total === 0 ? 0 : Math.round((count / total) * 1000) / 10
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000
}

/** Counts by judgement; keys carry the framework ('sif-2013/lscb') when the records span frameworks. */
export function countGrades(records: readonly OutcomeRecord[], qualify: boolean): Record<string, GradeCounts> {
  const judgements: Record<string, GradeCounts> = {}
  for (const record of records) {
    for (const grade of record.grades) {
      const key = qualify ? `${record.framework}/${grade.judgement}` : grade.judgement
      const counts = (judgements[key] ??= emptyCounts())
      counts[grade.grade] += 1
    }
  }
  return judgements
}

/** Where a source's stated counts or shares disagree with its own rows, one sentence each. */
export function checkStatedTotals(stated: readonly StatedTotal[], judgements: Record<string, GradeCounts>): string[] {
  const warnings: string[] = []
  const statedSums = new Map<string, number>()
  for (const total of stated) {
    const counts = judgements[total.judgement] ?? emptyCounts()
    const rows = totalOf(counts)
    if (total.percent) {
      const notYetGood = notYetGoodCount(counts)
      const computed = percentOf(notYetGood, rows)
      if (Math.round(computed) !== Math.round(total.value)) {
        warnings.push(
          `The text says ${total.value}% of ${total.judgement} results are not yet good ("${total.quote}"); the rows give ${computed}% (${notYetGood} of ${rows}).`,
        )
      }
      continue
    }
    const grade = total.grade as CommonGrade
    statedSums.set(total.judgement, (statedSums.get(total.judgement) ?? 0) + total.value)
    if (counts[grade] !== total.value) {
      warnings.push(
        `The text says ${total.value} ${total.judgement} results were ${grade} ("${total.quote}"); the rows give ${counts[grade]}.`,
      )
    }
  }
  for (const [judgement, sum] of statedSums) {
    const rows = totalOf(judgements[judgement] ?? emptyCounts())
    const gradesStated = new Set(stated.filter(t => t.judgement === judgement && !t.percent).map(t => t.grade))
    if (gradesStated.size === COMMON_GRADES.length && sum !== rows) {
      warnings.push(
        `The stated ${judgement} counts add up to ${sum}; the table has ${rows} rows graded for ${judgement}.`,
      )
    }
  }
  return warnings
}

export interface SummaryOptions {
  framework?: string | undefined
  stated?: readonly StatedTotal[]
  warnings?: readonly OutcomeWarning[]
}

/** The `outcomes summary` result: graded inspections only; ungraded visits are not inspections with judgements. */
export function summariseOutcomes(records: readonly OutcomeRecord[], options: SummaryOptions = {}): OutcomeSummary {
  const selected = records.filter(
    record => record.grades.length > 0 && (!options.framework || matchesFramework(record.framework, options.framework)),
  )
  const frameworks = [...new Set(selected.map(record => record.framework))]
  const qualify = !options.framework && frameworks.length > 1
  const judgements = countGrades(selected, qualify)
  const notYetGoodShare = Object.fromEntries(
    Object.entries(judgements).map(([id, counts]) => [id, notYetGoodShareOf(counts)]),
  )
  const warnings = [
    ...(options.warnings ?? []).map(formatWarning),
    ...checkStatedTotals(qualify ? [] : (options.stated ?? []), judgements),
  ]
  return {
    framework:
      options.framework ?? (frameworks.length === 1 ? frameworks[0]! : frameworks.length === 0 ? 'none' : 'all'),
    inspections: selected.length,
    judgements,
    notYetGoodShare,
    warnings,
  }
}

export function formatWarning(warning: OutcomeWarning): string {
  if (!warning.origin) return warning.message
  const column = warning.origin.column ? `, column ${warning.origin.column}` : ''
  return `${warning.origin.sheet} row ${warning.origin.row}${column}: ${warning.message}`
}
