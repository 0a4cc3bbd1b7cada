import type { ThemeFinding } from './findings.js'

/** Which audits a report or a set of plan items is about: one sample's audits, or those completed in a period. */
export type AuditRound =
  | { readonly kind: 'sample'; readonly sampleId: string }
  | { readonly kind: 'period'; readonly from: string; readonly to: string }

export function roundKey(round: AuditRound): string {
  return round.kind === 'sample' ? `sample:${round.sampleId}` : `period:${round.from}..${round.to}`
}

export function roundLabel(round: AuditRound): string {
  return round.kind === 'sample'
    ? `sample ${round.sampleId.slice(0, 8)}`
    : `audits completed ${round.from} to ${round.to}`
}

/**
 * The marker a plan item carries in its source reference: it links the item back to the round and theme it came
 * from, and is how a second run knows the item is already there (so no duplicates are created).
 */
export function themeItemMarker(round: AuditRound, themeId: string): string {
  return `[audit-theme ${roundKey(round)} ${themeId}]`
}

const MARKER = /\[audit-theme (sample:[0-9a-f-]{36}|period:\d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2}) ([a-z0-9-]+)\]/

/** The round and theme a plan item's source reference points back to, if it came from audit themes. */
export function readThemeItemMarker(sourceReference: string): { round: AuditRound; themeId: string } | null {
  const match = MARKER.exec(sourceReference)
  if (!match) return null
  const [, key, themeId] = match as unknown as [string, string, string]
  const round: AuditRound = key.startsWith('sample:')
    ? { kind: 'sample', sampleId: key.slice('sample:'.length) }
    : { kind: 'period', from: key.slice(7, 17), to: key.slice(19, 29) }
  return { round, themeId }
}

export interface PlanItemDraft {
  readonly themeId: string
  readonly marker: string
  readonly sectionTitle: string
  readonly ref: string
  readonly issue: string
  readonly action: string
  readonly sourceReference: string
}

export const THEMES_SECTION_TITLE = 'Themes from case audits'

const GRADE_WORDS: Record<string, string> = {
  outstanding: 'outstanding',
  good: 'good',
  'requires-improvement': 'requires improvement',
  inadequate: 'inadequate',
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`
}

/**
 * Improvement-plan items from thematic findings: "all themes and practice issues picked up from audits … to be
 * included in the department's improvement action plan" (seed 003, Appendix 1 3.12). One item per theme chosen,
 * its issue saying what the audits found and its source reference linking back to the round and theme.
 */
export function planItemsFromThemes(input: {
  round: AuditRound
  findings: readonly ThemeFinding[]
  totalAudits: number
  /** Theme ids to turn into items; all the findings when omitted. */
  themeIds?: readonly string[]
  /** Markers already in the plan: those themes are skipped. */
  existingMarkers?: readonly string[]
  /** The number of the first new item's reference (CA1, CA2, …). */
  firstRef?: number
}): { drafts: PlanItemDraft[]; skipped: string[] } {
  const chosen = input.themeIds ? new Set(input.themeIds) : null
  const existing = new Set(input.existingMarkers ?? [])
  const drafts: PlanItemDraft[] = []
  const skipped: string[] = []
  let next = input.firstRef ?? 1
  for (const finding of input.findings) {
    if (chosen && !chosen.has(finding.themeId)) continue
    const marker = themeItemMarker(input.round, finding.themeId)
    if (existing.has(marker)) {
      skipped.push(finding.themeId)
      continue
    }
    const grades = Object.entries(finding.grades)
      .filter(([, count]) => count > 0)
      .map(([grade, count]) => `${count} ${GRADE_WORDS[grade] ?? grade}`)
      .join(', ')
    // Only the theme, counts and grades: the auditors' own words describe children's cases, and a plan is read
    // (and exported to committee papers) by people without access to child-level data. The words stay in the
    // audits and the 20-day update, both of which record a child-data view.
    const issue =
      `${finding.label}: tagged in ${finding.audits} of ${input.totalAudits} audits (${roundLabel(input.round)})` +
      (grades ? `; overall grades ${grades}.` : '.') +
      (finding.areasForImprovement.length > 0
        ? ` ${counted(finding.areasForImprovement.length, 'area')} for improvement recorded: see the audits or the 20-day update.`
        : '')
    const action = `Agree and carry out actions on ${finding.label.toLowerCase()} found by the case audits${
      finding.actions.length > 0 ? ` (${counted(finding.actions.length, 'action')} proposed by auditors)` : ''
    }`
    drafts.push({
      themeId: finding.themeId,
      marker,
      sectionTitle: THEMES_SECTION_TITLE,
      ref: `CA${next}`,
      issue: clip(issue, 4000),
      action: clip(action, 4000),
      sourceReference: `${clip(`Case audits, ${roundLabel(input.round)}: theme “${finding.label}”`, 380)} ${marker}`,
    })
    next += 1
  }
  return { drafts, skipped }
}

const counted = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`
