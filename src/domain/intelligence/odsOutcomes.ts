import {
  findFramework,
  matchHeaderRow,
  normaliseHeader,
  OUTCOME_LAYOUTS,
  outcomesFromRow,
  parsePublishedDate,
  type ColumnIndex,
  type OutcomeLayout,
} from '../frameworks/index.js'
import { parseGradeLabel } from './gradeLabels.js'
import type { OutcomeRecord, OutcomeWarning, RecordedGrade } from './types.js'

/**
 * Ofsted's published-outcome sheets as outcome records. The frameworks module knows the ILACS history and
 * the SIF/ILACS columns of the 2009–2023 history; this adds the sheets it does not read (latest judgements,
 * in-year visits) and the 2009–2013 frameworks (SLAC, CPI, TLAC), in the same layout shape, and keeps each
 * grade's printed label beside its normalised value.
 */

const ILACS_HISTORY = OUTCOME_LAYOUTS.find(layout => layout.id === 'ods-2025-ilacs-history')

function ilacs2025Sheet(id: string, sheet: string, date: string, type?: string): OutcomeLayout[] {
  const versions = ILACS_HISTORY?.groups[0]?.versions ?? []
  return [
    {
      id,
      sheet,
      source: 'ODS-2025 (frameworks.md §5.1)',
      groups: [{ label: 'ILACS inspection', date, ...(type ? { type } : {}), versions }],
    },
  ]
}

const PRE_SIF_PREFIX = 'safeguarding & looked after children (slac) inspection'
const single = (framework: string, label: string, date: string, grades: Record<string, string>) => ({
  label,
  date,
  versions: [{ framework, grades }],
})

/** The 2009–2013 columns of `LA_inspections_2009-2023` (frameworks.md §5.2). CPI and TLAC are not in the registry. */
const PRE_SIF_LAYOUT: OutcomeLayout = {
  id: 'ods-2023-pre-sif',
  sheet: 'LA_inspections_2009-2023',
  source: 'ODS-2023 (frameworks.md §5.2)',
  groups: [
    single('slac-2009', 'SLAC inspection', `${PRE_SIF_PREFIX} publication date`, {
      'safeguarding-overall-effectiveness': 'slac safeguarding overall effectiveness (oe)',
      'lac-overall-effectiveness': 'slac looked after children overall effectiveness (oe)',
    }),
    single('slac-2009', 'SLAC re-inspection of safeguarding', 'slac re-inspection of safeguarding publication date', {
      'safeguarding-overall-effectiveness': 'slac re-inspection safeguarding oe',
    }),
    single(
      'slac-2009',
      'SLAC re-inspection of services for children looked after',
      'slac re-inspection of services for children looked after publication date',
      { 'lac-overall-effectiveness': 'slac re-inspection of services children looked after oe' },
    ),
    single('cpi-2012', 'Child protection inspection', 'child protection inspections (cpi) publication date', {
      'overall-effectiveness': 'cpi overall effectiveness (oe)',
    }),
    single('cpi-2012', 'Child protection re-inspection', 'child protection re-inspection (cpri) publication date', {
      'overall-effectiveness': 'cpri overall effectiveness (oe)',
    }),
    single(
      'tlac-2012',
      'Targeted looked after children inspection',
      'targeted looked after children (tlac) inspection publication date',
      {
        'overall-effectiveness': 'tlac overall effectiveness (oe)',
      },
    ),
  ],
}

export const EXTRA_LAYOUTS: readonly OutcomeLayout[] = [
  ...ilacs2025Sheet('ods-2025-latest', 'Inspections_as_at_31_March', 'inspection date'),
  ...ilacs2025Sheet('ods-2025-in-year', 'In-year_inspections', 'inspection/visit date', 'inspection/visit type'),
  PRE_SIF_LAYOUT,
]

/** Frameworks not in the registry were graded on the 2009 scale ("adequate"), which Ofsted's data prints as RI. */
export function scaleOf(framework: string): string {
  return findFramework(framework)?.scales[0]?.id ?? 'inspection-2009'
}

export const OUTCOME_SHEETS: readonly string[] = [
  ...new Set([...OUTCOME_LAYOUTS, ...EXTRA_LAYOUTS].map(layout => layout.sheet)),
]

export interface SheetTable {
  layouts: OutcomeLayout[]
  columns: ColumnIndex
}

function headersPresent(layout: OutcomeLayout, columns: ColumnIndex): OutcomeLayout | undefined {
  const groups = layout.groups.filter(group =>
    [group.date, ...(group.type ? [group.type] : []), ...group.versions.flatMap(v => Object.values(v.grades))].every(
      header => columns.has(header),
    ),
  )
  return groups.length > 0 ? { ...layout, groups } : undefined
}

/** Every layout this row heads (the 2023 sheet is read by two: ours for SLAC/CPI/TLAC, the frameworks one for SIF/ILACS). */
export function matchOutcomeHeader(sheet: string, cells: readonly unknown[]): SheetTable | undefined {
  const found = matchHeaderRow(sheet, cells)
  const columns: Map<string, number> = new Map(found?.columns ?? [])
  if (!found) {
    cells.forEach((cell, index) => {
      if (typeof cell === 'string' && !columns.has(normaliseHeader(cell))) columns.set(normaliseHeader(cell), index)
    })
  }
  const layouts = [
    ...(found ? [found.layout] : []),
    ...EXTRA_LAYOUTS.filter(layout => layout.sheet === sheet)
      .map(layout => headersPresent(layout, columns))
      .filter((layout): layout is OutcomeLayout => layout !== undefined),
  ]
  return layouts.length > 0 ? { layouts, columns } : undefined
}

function text(cell: unknown): string | null {
  if (typeof cell === 'string') return cell.trim() === '' ? null : cell.trim()
  if (typeof cell === 'number') return String(cell)
  return null
}

/** The inspections (and ungraded visits) one data row records, with the printed label of every grade. */
export function recordsFromOdsRow(
  table: SheetTable,
  sheet: string,
  row: number,
  cells: readonly unknown[],
): { records: OutcomeRecord[]; warnings: OutcomeWarning[] } {
  const at = (header: string) => {
    const index = table.columns.get(header)
    return index === undefined ? null : (cells[index] ?? null)
  }
  const authority = text(at('local authority name'))
  if (!authority) return { records: [], warnings: [] }
  const base = {
    authority,
    authorityCode: text(at('local authority area code')),
    region: text(at('ofsted region')) ?? text(at('region')) ?? text(at('la region')),
  }
  const records: OutcomeRecord[] = []
  const warnings: OutcomeWarning[] = []
  for (const layout of table.layouts) {
    const found = outcomesFromRow(layout, table.columns, sheet, row, cells)
    for (const problem of found.problems) {
      warnings.push({ origin: { sheet, row, column: problem.column }, message: problem.message })
    }
    for (const outcome of found.outcomes) {
      const group = layout.groups.find(candidate => candidate.label === outcome.group)
      const version = group?.versions.find(candidate => candidate.framework === outcome.framework)
      if (!group || !version) continue
      const scale = scaleOf(outcome.framework)
      const grades: RecordedGrade[] = []
      for (const judgement of Object.keys(outcome.grades)) {
        const label = text(at(version.grades[judgement]!))
        const parsed = label ? parseGradeLabel(label, scale) : undefined
        if (!label || !parsed) continue
        grades.push({
          judgement,
          grade: parsed.grade,
          originalLabel: label,
          originalGrade: parsed.originalGrade,
          scale,
        })
      }
      records.push({
        ...base,
        ...datesOf(group.date, outcome.date, at),
        framework: outcome.framework,
        type: outcome.type ?? outcome.group,
        grades,
        theme: null,
        origin: { sheet, row },
      })
    }
    const visit = ungradedVisit(layout, at)
    if (found.outcomes.length === 0 && visit) records.push({ ...base, ...visit, origin: { sheet, row } })
  }
  return { records, warnings }
}

function datesOf(dateHeader: string, date: string | null, at: (header: string) => unknown) {
  if (dateHeader.includes('publication')) return { inspectionDate: null, publicationDate: date }
  return { inspectionDate: date, publicationDate: parsePublishedDate(at('publication date')) }
}

/** Focused and monitoring visits have a type and a theme but no grades. */
function ungradedVisit(layout: OutcomeLayout, at: (header: string) => unknown) {
  const group = layout.groups[0]
  if (!group?.type) return undefined
  const type = text(at(group.type))
  if (!type || !/visit/i.test(type)) return undefined
  const date = parsePublishedDate(at(group.date))
  return {
    framework: date && date < '2023-01-01' ? 'ilacs-2018' : 'ilacs-2023',
    type,
    inspectionDate: date,
    publicationDate: parsePublishedDate(at('publication date')),
    grades: [],
    theme: text(at('visit theme')),
  }
}

export function frameworkFamily(framework: string): string {
  return framework.replace(/-\d{4}$/, '')
}

/** The same inspection often appears on several sheets (latest, in-year, history): keep its first appearance. */
export function dedupeRecords(
  records: readonly OutcomeRecord[],
  keyOf: (record: OutcomeRecord) => string,
): OutcomeRecord[] {
  const seen = new Set<string>()
  const kept: OutcomeRecord[] = []
  for (const record of records) {
    const key = [
      keyOf(record),
      frameworkFamily(record.framework),
      record.inspectionDate ?? record.publicationDate ?? '',
      record.grades.length > 0 ? 'graded' : (record.type ?? ''),
    ].join('|')
    if (seen.has(key)) continue
    seen.add(key)
    kept.push(record)
  }
  return kept
}
