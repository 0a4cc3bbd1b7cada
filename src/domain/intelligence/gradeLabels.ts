import { crosswalkGrade, type CommonGrade } from '../frameworks/index.js'
import type { RecordedGrade } from './types.js'

/**
 * Reads grade labels as people and Ofsted print them ("Requires Improvement", "Requires improvement to be good",
 * "Adequate") onto a framework's own scale, then onto the common scale through the frameworks crosswalk, so the
 * mapping between 2009's "adequate" and 2013's "requires improvement" lives in one place.
 */

/** Longest first, so "requires improvement to be good" wins over "requires improvement". */
const LABELS: readonly { text: string; grade: string }[] = [
  { text: 'requires improvement to be good', grade: 'requires-improvement' },
  { text: 'requires improvement', grade: 'requires-improvement' },
  { text: 'outstanding', grade: 'outstanding' },
  { text: 'inadequate', grade: 'inadequate' },
  { text: 'adequate', grade: 'adequate' },
  { text: 'good', grade: 'good' },
  { text: 'ri', grade: 'requires-improvement' },
]

export function normaliseLabel(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase()
}

export interface ParsedGrade {
  grade: CommonGrade
  originalGrade: string
  scale: string
  /** Text after the grade that was not understood (e.g. 'CIC' in 'Good CIC'); empty when none. */
  leftover: string
}

/**
 * A grade at the start of `text` on the given scale. Ofsted's data prints the 2009–2012 "adequate" as
 * "Requires improvement to be good" (SOURCES.md, ofsted/), so on that scale the label reads as adequate.
 */
export function parseGradeLabel(text: string, scale: string): ParsedGrade | undefined {
  const normalised = normaliseLabel(text).replace(/[.;:]+$/, '')
  for (const label of LABELS) {
    if (!normalised.startsWith(label.text)) continue
    const rest = normalised.slice(label.text.length)
    if (rest !== '' && !/^[\s,(]/.test(rest)) continue
    const originalGrade =
      scale === 'inspection-2009' && label.grade === 'requires-improvement' ? 'adequate' : label.grade
    const crosswalk = crosswalkGrade(scale, originalGrade)
    if (!crosswalk) return undefined
    return { grade: crosswalk.common, originalGrade, scale, leftover: rest.trim() }
  }
  return undefined
}

export function recordedGrade(judgement: string, label: string, scale: string): RecordedGrade | undefined {
  const parsed = parseGradeLabel(label, scale)
  if (!parsed || parsed.leftover) return undefined
  return { judgement, grade: parsed.grade, originalLabel: label.trim(), originalGrade: parsed.originalGrade, scale }
}

/** The names tables use for sub-judgements, per framework (seed 004 Annex 1 writes "Adoption", "CIC", "Care Leavers"). */
export const JUDGEMENT_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'sif-2013': {
    'overall effectiveness': 'overall-effectiveness',
    overall: 'overall-effectiveness',
    adoption: 'adoption-performance',
    'adoption performance': 'adoption-performance',
    'care leavers': 'care-leavers',
    'children in care': 'looked-after-and-permanence',
    cic: 'looked-after-and-permanence',
    'children looked after': 'looked-after-and-permanence',
    'looked after children': 'looked-after-and-permanence',
    cla: 'looked-after-and-permanence',
    'children looked after and achieving permanence': 'looked-after-and-permanence',
    'child protection': 'help-and-protection',
    'help and protection': 'help-and-protection',
    'children who need help and protection': 'help-and-protection',
    'leadership and management': 'leadership-management-governance',
    'leadership, management and governance': 'leadership-management-governance',
    leadership: 'leadership-management-governance',
    lscb: 'lscb',
    lcsb: 'lscb',
    'lscb effectiveness': 'lscb',
    'lcsb effectiveness': 'lscb',
  },
  'ilacs-2018': {
    'overall effectiveness': 'overall-effectiveness',
    overall: 'overall-effectiveness',
    'impact of leaders': 'impact-of-leaders',
    leaders: 'impact-of-leaders',
    'help and protection': 'help-and-protection',
    'children in care and care leavers': 'children-in-care-and-care-leavers',
    'children in care': 'children-in-care-and-care-leavers',
  },
  'ilacs-2023': {
    'overall effectiveness': 'overall-effectiveness',
    overall: 'overall-effectiveness',
    'impact of leaders': 'impact-of-leaders',
    leaders: 'impact-of-leaders',
    'help and protection': 'help-and-protection',
    'children in care': 'children-in-care',
    'care leavers': 'care-leavers',
  },
}

function aliasKey(text: string): string {
  return normaliseLabel(text).replace(/&/g, 'and').replace(/\s+/g, ' ')
}

/** Splits "Children in Care, Leadership & Management" into judgement ids by longest alias first. */
export function judgementsNamed(
  list: string,
  aliases: Readonly<Record<string, string>>,
): { judgements: string[]; unknown: string } {
  const names = Object.keys(aliases).sort((a, b) => b.length - a.length)
  const judgements: string[] = []
  let rest = aliasKey(list)
  while (rest !== '') {
    const name = names.find(candidate => rest === candidate || new RegExp(`^${escape(candidate)}(?![a-z])`).test(rest))
    if (!name) return { judgements, unknown: rest }
    judgements.push(aliases[name]!)
    rest = rest
      .slice(name.length)
      .replace(/^\s*(,|and\b)?\s*/, '')
      .trim()
  }
  return { judgements, unknown: '' }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

export interface ParsedCell {
  main: ParsedGrade | undefined
  /** Grades stated as exceptions in brackets, one per judgement named. */
  exceptions: { judgement: string; label: string; grade: ParsedGrade }[]
  problems: string[]
}

/**
 * A cell like "Requires Improvement (Adoption: Good; Care Leavers: Inadequate)": the main grade, then
 * exceptions "JUDGEMENT[, JUDGEMENT]: GRADE" separated by semicolons. What cannot be read is named, never guessed.
 */
export function parseOutcomeCell(text: string, scale: string, aliases: Readonly<Record<string, string>>): ParsedCell {
  const problems: string[] = []
  const open = text.indexOf('(')
  const head = open >= 0 ? text.slice(0, open) : text
  const bracket = open >= 0 ? text.slice(open + 1).replace(/\)\s*$/, '') : ''
  if (open >= 0 && !/\)\s*$/.test(text)) problems.push(`'${clip(text)}' has an unclosed bracket`)
  const main = parseGradeLabel(head, scale)
  if (!main) problems.push(`'${clip(head)}' is not a grade`)
  else if (main.leftover) problems.push(`'${clip(main.leftover)}' after the grade in '${clip(head)}' was ignored`)
  const exceptions: ParsedCell['exceptions'] = []
  for (const part of bracket.split(';').map(item => item.trim())) {
    if (part === '') continue
    const colon = part.lastIndexOf(':')
    if (colon < 0) {
      problems.push(`'${clip(part)}' names no grade (expected "Judgement: Grade")`)
      continue
    }
    const gradeText = part.slice(colon + 1)
    const grade = parseGradeLabel(gradeText, scale)
    if (!grade) {
      problems.push(`'${clip(gradeText.trim())}' is not a grade`)
      continue
    }
    if (grade.leftover) problems.push(`'${clip(grade.leftover)}' after '${clip(gradeText.trim())}' was ignored`)
    const { judgements, unknown } = judgementsNamed(part.slice(0, colon), aliases)
    if (unknown) problems.push(`'${clip(unknown)}' is not a judgement we know`)
    const label = gradeText
      .trim()
      .slice(0, gradeText.trim().length - (grade.leftover ? grade.leftover.length : 0))
      .trim()
    for (const judgement of judgements) exceptions.push({ judgement, label, grade })
  }
  return { main, exceptions, problems }
}

function clip(text: string): string {
  const single = text.replace(/\s+/g, ' ').trim()
  return single.length > 80 ? `${single.slice(0, 77)}...` : single
}
