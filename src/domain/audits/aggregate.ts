import type { Answers } from './answers.js'

export interface CompletedAudit {
  readonly team: string | null
  /** The day the audit was submitted, `YYYY-MM-DD`. */
  readonly completedOn: string
  readonly overall: string | null
  readonly answers: Answers
  readonly themes: readonly string[]
}

export interface GradeCount {
  readonly key: string
  readonly total: number
  readonly grades: Readonly<Record<string, number>>
}

export type AggregateBy = 'team' | 'month' | 'question'

/**
 * Grades counted by team or month (the overall grade) or by question (each answer), so findings are aggregated
 * and used (seed 004 §3.7). Keys are sorted so reports and tests read the same way every time.
 */
export function aggregateGrades(audits: readonly CompletedAudit[], by: AggregateBy): GradeCount[] {
  const table = new Map<string, Map<string, number>>()
  const add = (key: string, grade: string) => {
    let grades = table.get(key)
    if (!grades) table.set(key, (grades = new Map()))
    grades.set(grade, (grades.get(grade) ?? 0) + 1)
  }
  for (const audit of audits) {
    if (by === 'question') {
      for (const [question, answer] of Object.entries(audit.answers)) add(question, answer.grade)
    } else if (audit.overall !== null) {
      add(by === 'team' ? (audit.team ?? 'No team recorded') : audit.completedOn.slice(0, 7), audit.overall)
    }
  }
  return [...table.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, grades]) => ({
      key,
      total: [...grades.values()].reduce((sum, count) => sum + count, 0),
      grades: Object.fromEntries([...grades.entries()].sort(([a], [b]) => (a < b ? -1 : 1))),
    }))
}

/** How often each theme was tagged, most frequent first: the thematic findings of a "20-day update" (seed 003 3.2). */
export function themeCounts(audits: readonly CompletedAudit[]): { theme: string; audits: number }[] {
  const counts = new Map<string, number>()
  for (const audit of audits) for (const theme of new Set(audit.themes)) counts.set(theme, (counts.get(theme) ?? 0) + 1)
  return [...counts.entries()]
    .map(([theme, count]) => ({ theme, audits: count }))
    .sort((a, b) => b.audits - a.audits || (a.theme < b.theme ? -1 : 1))
}
