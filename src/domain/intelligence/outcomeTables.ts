import { findFramework } from '../frameworks/index.js'
import { JUDGEMENT_ALIASES, normaliseLabel, parseOutcomeCell, type ParsedGrade } from './gradeLabels.js'
import type { OutcomeRecord, OutcomeWarning, RecordedGrade } from './types.js'

/**
 * Simple outcome tables as councils keep them (seed 004, Annex 1): one row per authority, a column per
 * judgement, cells like "Good (Adoption: Outstanding)". Rows come from a markdown table or a CSV.
 */

export interface TableRow {
  /** 1-based line (markdown) or record (CSV) number, for messages. */
  row: number
  cells: string[]
}

/** The pipe tables in a text, each with its rows (separator lines dropped). */
export function markdownTables(text: string): { header: TableRow; rows: TableRow[] }[] {
  const tables: { header: TableRow; rows: TableRow[] }[] = []
  let current: TableRow[] = []
  const flush = () => {
    const [header, ...rows] = current
    if (header && rows.length > 0) tables.push({ header, rows })
    current = []
  }
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim()
    if (!trimmed.startsWith('|')) return flush()
    if (/^\|[\s:|-]+\|?$/.test(trimmed)) return
    const cells = trimmed
      .replace(/^\|/, '')
      .replace(/\|$/, '')
      .split('|')
      .map(cell => cell.trim())
    current.push({ row: index + 1, cells })
  })
  flush()
  return tables
}

interface ColumnPlan {
  authority: number
  judgements: { index: number; judgement: string | 'overall'; header: string }[]
}

const AUTHORITY_HEADER = /^(local authority|authority|la|la name|local authority name|council)$/

/** Which column is the authority and which hold judgements; undefined when the header is not an outcomes table. */
export function planColumns(header: readonly string[], framework: string): ColumnPlan | undefined {
  const aliases = JUDGEMENT_ALIASES[framework] ?? {}
  const authority = header.findIndex(cell => AUTHORITY_HEADER.test(normaliseLabel(cell)))
  if (authority < 0) return undefined
  const judgements: ColumnPlan['judgements'] = []
  header.forEach((cell, index) => {
    if (index === authority) return
    const key = normaliseLabel(cell).replace(/&/g, 'and')
    if (/overall/.test(key)) judgements.push({ index, judgement: 'overall-effectiveness', header: cell })
    else if (/\b(lscb|lcsb)\b|safeguarding children board/.test(key))
      judgements.push({ index, judgement: 'lscb', header: cell })
    else if (aliases[key]) judgements.push({ index, judgement: aliases[key], header: cell })
  })
  return judgements.length > 0 ? { authority, judgements } : undefined
}

/** A table names its framework by its columns: an LSCB column means the single inspection framework (2013–2017). */
export function guessTableFramework(header: readonly string[]): string | undefined {
  return header.some(cell => /\b(lscb|lcsb)\b/i.test(cell)) ? 'sif-2013' : undefined
}

function toRecorded(judgement: string, label: string, grade: ParsedGrade): RecordedGrade {
  return { judgement, grade: grade.grade, originalLabel: label, originalGrade: grade.originalGrade, scale: grade.scale }
}

function labelWithoutLeftover(text: string, grade: ParsedGrade): string {
  const head = text.split('(')[0]!.replace(/\s+/g, ' ').trim()
  return grade.leftover ? head.slice(0, head.length - grade.leftover.length).trim() : head
}

/**
 * Outcome records from a table. A cell's bracketed exceptions become grades of the judgements they name;
 * judgements a cell does not mention are left unrecorded (never assumed equal to the main grade).
 */
export function recordsFromTable(
  table: { header: TableRow; rows: TableRow[] },
  framework: string,
  sheet: string,
): { records: OutcomeRecord[]; warnings: OutcomeWarning[] } {
  const definition = findFramework(framework)
  const scale = definition?.scales[0]?.id ?? 'inspection-2013'
  const plan = planColumns(table.header.cells, framework)
  if (!plan) {
    return {
      records: [],
      warnings: [
        {
          message: `${sheet}: no 'Local Authority' column with judgement columns beside it`,
          origin: { sheet, row: table.header.row },
        },
      ],
    }
  }
  const aliases = JUDGEMENT_ALIASES[framework] ?? {}
  const records: OutcomeRecord[] = []
  const warnings: OutcomeWarning[] = []
  for (const { row, cells } of table.rows) {
    const authority = (cells[plan.authority] ?? '').trim()
    if (authority === '' || /^totals?$/i.test(authority)) continue
    const grades = new Map<string, RecordedGrade>()
    for (const column of plan.judgements) {
      const text = (cells[column.index] ?? '').trim()
      if (text === '') continue
      const parsed = parseOutcomeCell(text, scale, aliases)
      for (const problem of parsed.problems)
        warnings.push({ origin: { sheet, row }, message: `${authority}, ${column.header.trim()}: ${problem}` })
      if (parsed.main)
        grades.set(column.judgement, toRecorded(column.judgement, labelWithoutLeftover(text, parsed.main), parsed.main))
      for (const exception of parsed.exceptions) {
        grades.set(exception.judgement, toRecorded(exception.judgement, exception.label, exception.grade))
      }
    }
    records.push({
      authority,
      authorityCode: null,
      region: null,
      framework,
      type: null,
      inspectionDate: null,
      publicationDate: null,
      grades: [...grades.values()],
      theme: null,
      origin: { sheet, row },
    })
  }
  return { records, warnings }
}
