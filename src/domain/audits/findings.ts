import type { ThemeRule } from '../intelligence/themes.js'
import { aggregateGrades, type CompletedAudit, type GradeCount } from './aggregate.js'
import type { Agreement } from './moderation.js'
import { agreementRates } from './moderation.js'
import { OVERALL_GRADES } from './templates.js'

/** A completed audit with the auditor's own words, as the thematic reports read it. */
export interface AuditFinding extends CompletedAudit {
  readonly strengths: string
  readonly areasForImprovement: string
  readonly actions: string
  readonly safeguardingConcern: boolean
}

export interface ThemeFinding {
  readonly themeId: string
  readonly label: string
  /** Audits tagged with the theme. */
  readonly audits: number
  /** Of all audits in the set, as a percentage to one decimal. */
  readonly share: number
  /** Overall grades of the tagged audits, in scale order, best first. */
  readonly grades: Readonly<Record<string, number>>
  readonly strengths: readonly string[]
  readonly areasForImprovement: readonly string[]
  readonly actions: readonly string[]
}

export interface ExcerptOptions {
  /** Examples of each kind of text kept per theme. */
  readonly examples?: number
  /** Characters kept of each example. */
  readonly length?: number
}

/** One line of an auditor's text, whitespace collapsed and cut at `length` characters. */
export function excerpt(text: string, length = 300): string {
  const flat = text.trim().replace(/\s+/g, ' ')
  return flat.length <= length ? flat : `${flat.slice(0, length - 1).trimEnd()}…`
}

function examplesOf(texts: readonly string[], count: number, length: number): string[] {
  const kept: string[] = []
  for (const text of texts) {
    if (kept.length >= count) break
    const line = excerpt(text, length)
    if (line !== '' && !kept.includes(line)) kept.push(line)
  }
  return kept
}

export function gradeDistribution(overalls: readonly (string | null)[]): Record<string, number> {
  const counts: Record<string, number> = Object.fromEntries(OVERALL_GRADES.map(grade => [grade, 0]))
  for (const grade of overalls) if (grade !== null && grade in counts) counts[grade] = counts[grade]! + 1
  return counts
}

/**
 * The thematic findings of a set of audits: each theme tagged at least once, with how many audits, their overall
 * grades and examples of the auditors' strengths, areas for improvement and actions; most frequent first.
 * Audits are read in completion order, so the examples are the same every time.
 */
export function themeFindings(
  audits: readonly AuditFinding[],
  taxonomy: readonly Pick<ThemeRule, 'id' | 'label'>[],
  options: ExcerptOptions = {},
): ThemeFinding[] {
  const examples = options.examples ?? 3
  const length = options.length ?? 300
  const ordered = [...audits].sort((a, b) =>
    a.completedOn < b.completedOn ? -1 : a.completedOn > b.completedOn ? 1 : 0,
  )
  const labels = new Map(taxonomy.map(theme => [theme.id, theme.label]))
  const tagged = new Map<string, AuditFinding[]>()
  for (const audit of ordered)
    for (const theme of new Set(audit.themes)) tagged.set(theme, [...(tagged.get(theme) ?? []), audit])
  return [...tagged.entries()]
    .map(([themeId, items]) => ({
      themeId,
      label: labels.get(themeId) ?? themeId,
      audits: items.length,
      share: Math.round((items.length / audits.length) * 1000) / 10,
      grades: gradeDistribution(items.map(item => item.overall)),
      strengths: examplesOf(
        items.map(item => item.strengths),
        examples,
        length,
      ),
      areasForImprovement: examplesOf(
        items.map(item => item.areasForImprovement),
        examples,
        length,
      ),
      actions: examplesOf(
        items.map(item => item.actions),
        examples,
        length,
      ),
    }))
    .sort((a, b) => b.audits - a.audits || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0))
}

export interface CaseworkProgress {
  /** Audits assigned whose due date falls in the period. */
  readonly due: number
  readonly completed: number
  readonly signedOff: number
  /** Assigned, not yet submitted, past their due date. */
  readonly overdue: number
  /** Assigned, not yet submitted, not yet due. */
  readonly inProgress: number
}

export interface TwentyDayUpdate {
  readonly period: { readonly from: string; readonly to: string }
  readonly progress: CaseworkProgress
  /** Audits completed in the period. */
  readonly audits: number
  readonly overallGrades: Readonly<Record<string, number>>
  readonly byTeam: readonly GradeCount[]
  readonly themes: readonly ThemeFinding[]
  readonly safeguardingConcerns: number
  readonly moderation: ReturnType<typeof agreementRates>
}

/**
 * The "20-day update report … on progress and thematic findings regarding casework and inspection readiness"
 * (seed 003, Appendix 1 3.2): progress of the audit programme and what the audits completed in the period found.
 */
export function buildTwentyDayUpdate(input: {
  period: { from: string; to: string }
  audits: readonly AuditFinding[]
  progress: CaseworkProgress
  moderations: readonly Agreement[]
  taxonomy: readonly Pick<ThemeRule, 'id' | 'label'>[]
  options?: ExcerptOptions
}): TwentyDayUpdate {
  const inPeriod = input.audits.filter(
    audit => audit.completedOn >= input.period.from && audit.completedOn <= input.period.to,
  )
  return {
    period: input.period,
    progress: input.progress,
    audits: inPeriod.length,
    overallGrades: gradeDistribution(inPeriod.map(audit => audit.overall)),
    byTeam: aggregateGrades(inPeriod, 'team'),
    themes: themeFindings(inPeriod, input.taxonomy, input.options),
    safeguardingConcerns: inPeriod.filter(audit => audit.safeguardingConcern).length,
    moderation: agreementRates(input.moderations),
  }
}

/** The 20 days to and including `today`: the default period of a 20-day update. */
export function twentyDayPeriod(today: string): { from: string; to: string } {
  const from = new Date(Date.parse(`${today}T00:00:00Z`) - 19 * 86_400_000).toISOString().slice(0, 10)
  return { from, to: today }
}
