import { replayOutcomes, type RuleReplay } from './checkRecordedOutcome.js'
import type { GradeInputs } from './judge.js'
import { getFramework } from './registry.js'

/**
 * How Ofsted's published-outcome spreadsheets map onto our frameworks: which sheet, which column holds
 * which judgement. Headers are matched after normalising (lower case, single spaces), so a stray
 * leading space or a line break inside a header cell does not matter. See frameworks.md §5.
 */

export interface OutcomeVersion {
  framework: string
  /** This version applies when the row holds a grade for this judgement (e.g. the separate care leavers one). */
  whenGraded?: string
  /** Judgement id → header. */
  grades: Readonly<Record<string, string>>
}

export interface OutcomeGroup {
  label: string
  date: string
  type?: string
  /** Tried in order; the first that applies to the row is used. */
  versions: readonly OutcomeVersion[]
}

export interface OutcomeLayout {
  id: string
  sheet: string
  source: string
  groups: readonly OutcomeGroup[]
}

const ILACS_2025_PREFIX = 'the experiences and progress of'

const sif = (prefix: string, withLscb: boolean): OutcomeVersion => ({
  framework: 'sif-2013',
  grades: {
    'overall-effectiveness': `${prefix} overall judgement (oe)`,
    'help-and-protection': `${prefix} children who need help and protection`,
    'looked-after-and-permanence': `${prefix} children looked after and achieving permanence`,
    'adoption-performance': `${prefix} cla sub: adoption performance`,
    'care-leavers': `${prefix} cla sub: experiences and progress of care leavers`,
    'leadership-management-governance': `${prefix} leadership, management and governance`,
    ...(withLscb ? { lscb: 'lscb overall effectiveness' } : {}),
  },
})

/** Before 2023 the care leavers judgement was part of "children in care"; Ofsted's files keep it in that column. */
const ilacs = (headers: {
  overall: string
  leaders: string
  helpAndProtection: string
  childrenInCare: string
  careLeavers?: string
}): OutcomeVersion[] => {
  const common = {
    'overall-effectiveness': headers.overall,
    'impact-of-leaders': headers.leaders,
    'help-and-protection': headers.helpAndProtection,
  }
  const versions: OutcomeVersion[] = []
  if (headers.careLeavers) {
    versions.push({
      framework: 'ilacs-2023',
      whenGraded: 'care-leavers',
      grades: { ...common, 'children-in-care': headers.childrenInCare, 'care-leavers': headers.careLeavers },
    })
  }
  versions.push({
    framework: 'ilacs-2018',
    grades: { ...common, 'children-in-care-and-care-leavers': headers.childrenInCare },
  })
  return versions
}

/** 'first' and 'second' head the main table; the table of predecessor authorities has one unnumbered ILACS group. */
const ilacsIn2023File = (ordinal: 'first' | 'second' | 'only'): OutcomeGroup => {
  const prefix = ordinal === 'only' ? 'ilacs framework' : `${ordinal} ilacs framework`
  return {
    label: { first: 'First ILACS inspection', second: 'Second ILACS inspection', only: 'ILACS inspection' }[ordinal],
    date: `${prefix} publication date`,
    type: `${prefix} inspection type`,
    versions: ilacs({
      overall: `${prefix} overall effectiveness`,
      leaders: `${prefix} impact of leaders`,
      helpAndProtection: `${prefix} experiences and progress of children who need help and protection`,
      childrenInCare:
        ordinal === 'second'
          ? `${prefix} experiences and progress of children in care`
          : `${prefix} experiences and progress of children in care and care leavers`,
      ...(ordinal === 'second' ? { careLeavers: `${prefix} experiences and progress of care leavers` } : {}),
    }),
  }
}

export const OUTCOME_LAYOUTS: readonly OutcomeLayout[] = [
  {
    id: 'ods-2025-ilacs-history',
    sheet: 'ILACS_inspection_history',
    source: 'ODS-2025 (frameworks.md §5.1)',
    groups: [
      {
        label: 'ILACS inspection',
        date: 'inspection date',
        type: 'inspection type',
        versions: ilacs({
          overall: 'overall effectiveness',
          leaders: 'the impact of leaders on social work practice with children and families',
          helpAndProtection: `${ILACS_2025_PREFIX} children who need help and protection`,
          childrenInCare: `${ILACS_2025_PREFIX} children in care`,
          careLeavers: `${ILACS_2025_PREFIX} care leavers`,
        }),
      },
    ],
  },
  {
    id: 'ods-2023-la-inspections',
    sheet: 'LA_inspections_2009-2023',
    source: 'ODS-2023 (frameworks.md §5.2)',
    groups: [
      {
        label: 'First SIF inspection',
        date: "single inspection of la children's services (sif) first sif publication date",
        versions: [sif('first sif', true)],
      },
      {
        label: 'SIF re-inspection',
        date: "single inspection of la children's services (sif) sif re-inspection publication date",
        versions: [sif('sif re-inspection', false)],
      },
      ilacsIn2023File('first'),
      ilacsIn2023File('second'),
      ilacsIn2023File('only'),
    ],
  },
]

export function normaliseHeader(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase()
}

function headersOf(group: OutcomeGroup): string[] {
  return [
    group.date,
    ...(group.type ? [group.type] : []),
    ...group.versions.flatMap(version => Object.values(version.grades)),
  ]
}

/** Column positions of a layout's headers, keyed by normalised header. */
export type ColumnIndex = ReadonlyMap<string, number>

/**
 * The layout this row is the header of, narrowed to the groups whose every header is present (the
 * 2023 file's second table has a single ILACS group); undefined when the row is no layout's header.
 */
export function matchHeaderRow(
  sheet: string,
  cells: readonly unknown[],
): { layout: OutcomeLayout; columns: ColumnIndex } | undefined {
  const positions = new Map<string, number>()
  cells.forEach((cell, index) => {
    if (typeof cell === 'string' && !positions.has(normaliseHeader(cell))) positions.set(normaliseHeader(cell), index)
  })
  for (const layout of OUTCOME_LAYOUTS) {
    if (layout.sheet !== sheet) continue
    const groups = layout.groups.filter(group => headersOf(group).every(header => positions.has(header)))
    if (groups.length > 0) return { layout: { ...layout, groups }, columns: positions }
  }
  return undefined
}

const PUBLISHED_GRADES: Record<string, string> = {
  outstanding: 'outstanding',
  good: 'good',
  'requires improvement to be good': 'requires-improvement',
  'requires improvement': 'requires-improvement',
  inadequate: 'inadequate',
}
const NOT_GRADED = new Set(['', '-', 'n/a', 'na', 'not applicable', 'not graded', 'x', '.', 'z'])

/** A published grade label as a grade id: null when the cell is blank or says "not applicable", undefined when unreadable. */
export function parsePublishedGrade(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null
  if (typeof value !== 'string') return undefined
  const text = normaliseHeader(value)
  if (NOT_GRADED.has(text)) return null
  return PUBLISHED_GRADES[text]
}

/** Dates come typed ('2019-02-18') from a spreadsheet, or as text ('18/02/2019'). */
export function parsePublishedDate(value: unknown): string | null {
  if (typeof value !== 'string') return null
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(value)
  if (iso?.[1]) return iso[1]
  const uk = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value.trim())
  return uk ? `${uk[3]}-${uk[2]!.padStart(2, '0')}-${uk[1]!.padStart(2, '0')}` : null
}

export interface PublishedOutcome {
  framework: string
  group: string
  row: number
  date: string | null
  type: string | null
  grades: GradeInputs
}

export interface CellProblem {
  sheet: string
  row: number
  /** The spreadsheet column letter, e.g. 'K'. */
  column: string
  value: string
  message: string
}

export function columnLetter(index: number): string {
  let letters = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters
  return letters
}

/**
 * The inspections one data row records: one per group with at least one grade (a row of the 2023 file
 * can hold a first SIF, a SIF re-inspection and two ILACS inspections). Unreadable grades are reported
 * and left out; the rest of the row still counts.
 */
export function outcomesFromRow(
  layout: OutcomeLayout,
  columns: ColumnIndex,
  sheet: string,
  row: number,
  cells: readonly unknown[],
): { outcomes: PublishedOutcome[]; problems: CellProblem[] } {
  const outcomes: PublishedOutcome[] = []
  const problems: CellProblem[] = []
  const cellAt = (header: string) => {
    const index = columns.get(header)
    return index === undefined ? { index: -1, value: null } : { index, value: cells[index] ?? null }
  }
  const gradeAt = (header: string): string | null => {
    const { index, value } = cellAt(header)
    const grade = parsePublishedGrade(value)
    if (grade !== undefined) return grade
    problems.push({
      sheet,
      row,
      column: columnLetter(index),
      value: String(value).slice(0, 100),
      message: `'${String(value).slice(0, 100)}' is not a published grade; expected Outstanding, Good, Requires improvement to be good, Inadequate or blank`,
    })
    return null
  }
  for (const group of layout.groups) {
    const version =
      group.versions.find(candidate => {
        if (!candidate.whenGraded) return true
        const header = candidate.grades[candidate.whenGraded]
        return header !== undefined && parsePublishedGrade(cellAt(header).value)
      }) ?? group.versions[group.versions.length - 1]
    if (!version) continue
    const grades: Record<string, string> = {}
    for (const [judgement, header] of Object.entries(version.grades)) {
      const grade = gradeAt(header)
      if (grade !== null) grades[judgement] = grade
    }
    if (Object.keys(grades).length === 0) continue
    const typeValue = group.type ? cellAt(group.type).value : null
    outcomes.push({
      framework: version.framework,
      group: group.label,
      row,
      date: parsePublishedDate(cellAt(group.date).value),
      type: typeof typeValue === 'string' ? typeValue.trim() : null,
      grades,
    })
  }
  return { outcomes, problems }
}

export interface FrameworkReplay {
  framework: string
  inspections: number
  rules: RuleReplay[]
}

/** Replays every outcome through its framework's rules, one summary per framework, in the order first met. */
export function replayPublishedOutcomes(outcomes: readonly PublishedOutcome[]): FrameworkReplay[] {
  const byFramework = new Map<string, GradeInputs[]>()
  for (const outcome of outcomes) {
    const records = byFramework.get(outcome.framework) ?? []
    records.push(outcome.grades)
    byFramework.set(outcome.framework, records)
  }
  return [...byFramework].map(([id, records]) => ({
    framework: id,
    inspections: records.length,
    rules: replayOutcomes(getFramework(id), records),
  }))
}
