import type { IsoDate } from './dates.js'
import {
  looksLikeHeaderRow,
  mapPlanColumns,
  normaliseHeader,
  type ColumnMapping,
  type PlanField,
} from './planColumns.js'
import { readPlanDate } from './planDates.js'
import type { ProgressStatus, Rag } from './rag.js'

export interface ImportedSection {
  ref: string
  title: string
  /** Where the theme comes from: the parenthesis in seed 001 ("key Haringey finding and Laming Recommendation 11, 15"). */
  sourceReference: string
  items: ImportedItem[]
}

export interface ImportedItem {
  ref: string
  issue: string
  area: string
  leadManager: string
  leadOfficer: string
  action: string
  milestoneDate: IsoDate | null
  targetDate: IsoDate | null
  status: ProgressStatus
  /** The source's progress text, kept as the first dated update. */
  progressText: string
  /** A RAG written in the source plan becomes an override, so the computed value is shown beside it. */
  ragOverride: Rag | null
  /** The source row, for messages. */
  rowNumber: number
}

export interface ImportWarning {
  rowNumber: number | null
  message: string
}

export interface PlanImportResult {
  headerRowNumber: number
  mapping: ColumnMapping
  unmapped: { index: number; header: string }[]
  sections: ImportedSection[]
  warnings: ImportWarning[]
}

export interface SourceRow {
  rowNumber: number
  cells: readonly unknown[]
}

export const IMPORT_LIMITS = { maxItems: 5000, maxTextChars: 4000, headerSearchRows: 30 } as const

export class PlanImportError extends Error {}

const NO_SECTION_TITLE = 'Imported items'

/** Control characters never belong in plan text; they are how hostile files try to break later exports. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g

/**
 * Turns the rows of a spreadsheet into plan sections and items. Pure: the caller streams rows in and stores the
 * result in one transaction, so an import is all or nothing.
 *
 * How seed 001's layout is read: a row with an issue but no action and no lead starts a section (a theme);
 * rows with an action are items; an item with no ref continues the last ref ("A1" → "A1.2"); header rows
 * repeated on each printed page, titles and page numbers are skipped.
 */
export function interpretPlanRows(rows: Iterable<SourceRow>, chosen: ColumnMapping = {}): PlanImportResult {
  const warnings: ImportWarning[] = []
  const sections: ImportedSection[] = []
  let header:
    | { rowNumber: number; mapping: ColumnMapping; unmapped: { index: number; header: string }[]; key: string }
    | undefined
  let section: ImportedSection | undefined
  let lastRef = ''
  let continuation = 0
  let lastIssue = ''
  let itemCount = 0
  let seen = 0

  for (const row of rows) {
    seen += 1
    if (!header) {
      const hasChosen = Object.keys(chosen).length > 0
      if (
        looksLikeHeaderRow(row.cells) ||
        (hasChosen && chosen.action !== undefined && seen === 1 && !looksBlank(row.cells))
      ) {
        const { mapping, unmapped } = mapPlanColumns(row.cells, chosen)
        header = { rowNumber: row.rowNumber, mapping, unmapped, key: headerKey(row.cells) }
        continue
      }
      if (seen >= IMPORT_LIMITS.headerSearchRows) break
      continue
    }
    if (looksBlank(row.cells)) continue
    if (headerKey(row.cells) === header.key) continue
    const read = (field: PlanField) => cellText(row.cells, header!.mapping[field])
    const filled = Object.keys(header.mapping).filter(field => read(field as PlanField) !== '')
    if (filled.length === 0) continue
    const action = read('action')
    const issue = read('issue')
    const leadOfficer = read('leadOfficer')

    if (action === '' && leadOfficer === '' && read('leadManager') === '' && issue !== '') {
      const { title, sourceReference } = splitSource(issue)
      section = { ref: read('ref'), title: clip(title, warnings, row.rowNumber), sourceReference, items: [] }
      sections.push(section)
      lastRef = section.ref
      continuation = 0
      lastIssue = ''
      continue
    }
    if (action === '' && filled.length === 1 && filled[0] !== 'action') {
      warnings.push({
        rowNumber: row.rowNumber,
        message: `Row ${row.rowNumber} has only a ${filled[0]} and no action, so it was skipped`,
      })
      continue
    }
    if (!section) {
      section = { ref: '', title: NO_SECTION_TITLE, sourceReference: '', items: [] }
      sections.push(section)
    }
    itemCount += 1
    if (itemCount > IMPORT_LIMITS.maxItems)
      throw new PlanImportError(`The plan has more than ${IMPORT_LIMITS.maxItems} actions; split it into smaller plans`)

    const ownRef = read('ref')
    let ref: string
    if (ownRef !== '' && ownRef !== section.ref) {
      ref = ownRef
      lastRef = ownRef
      continuation = 1
    } else {
      continuation += 1
      const base = lastRef || section.ref || `${sections.length}`
      ref = `${base}.${continuation}`
    }
    if (issue !== '') lastIssue = issue
    const progressText = read('progress')
    const completionCell = cellText(row.cells, header.mapping.targetDate)
    const milestone = dateField(row, header.mapping.milestoneDate, 'milestone date', warnings)
    const target = /complet/i.test(completionCell)
      ? null
      : dateField(row, header.mapping.targetDate, 'completion date', warnings)
    let status = statusFromText(progressText)
    if (status === undefined) {
      warnings.push({
        rowNumber: row.rowNumber,
        message: `Row ${row.rowNumber}: progress "${shorten(progressText)}" is not a status we know, so the item is marked not started; the text is kept as its first update`,
      })
      status = 'not-started'
    }
    if (/complet/i.test(completionCell) || /complet/i.test(progressText)) status = 'complete'
    const ragText = read('rag')
    const ragOverride = ragFromText(ragText)
    if (ragText !== '' && ragOverride === null)
      warnings.push({
        rowNumber: row.rowNumber,
        message: `Row ${row.rowNumber}: RAG "${shorten(ragText)}" is not red, amber, green or complete, so it was ignored`,
      })
    if (action === '')
      warnings.push({
        rowNumber: row.rowNumber,
        message: `Row ${row.rowNumber} has no action text; it was imported so nothing is lost`,
      })

    section.items.push({
      ref: clip(ref, warnings, row.rowNumber, 40),
      issue: clip(issue || lastIssue, warnings, row.rowNumber),
      area: clip(cleanDash(read('area')), warnings, row.rowNumber),
      leadManager: clip(read('leadManager'), warnings, row.rowNumber),
      leadOfficer: clip(leadOfficer, warnings, row.rowNumber),
      action: clip(action || '(No action text in the source plan)', warnings, row.rowNumber),
      milestoneDate: milestone,
      targetDate: target,
      status,
      progressText: clip(progressText, warnings, row.rowNumber),
      ragOverride,
      rowNumber: row.rowNumber,
    })
  }

  if (!header)
    throw new PlanImportError(
      `No header row found in the first ${IMPORT_LIMITS.headerSearchRows} rows: a plan needs an "Action" column and at least two of Ref, Issue, Lead officer, Milestone date, Progress`,
    )
  const nonEmpty = sections.filter(candidate => candidate.items.length > 0 || candidate.title !== NO_SECTION_TITLE)
  if (itemCount === 0) throw new PlanImportError('The file has a header row but no actions under it')
  return {
    headerRowNumber: header.rowNumber,
    mapping: header.mapping,
    unmapped: header.unmapped,
    sections: nonEmpty,
    warnings,
  }
}

export function statusFromText(text: string): ProgressStatus | undefined {
  const value = text.trim().toLowerCase()
  if (value === '') return 'not-started'
  if (/complet|done|achieved|closed/.test(value)) return 'complete'
  if (/off[\s-]*(track|target)|behind|delayed|slipp|overdue|not on (track|target)/.test(value)) return 'off-track'
  if (/at[\s-]*risk/.test(value)) return 'at-risk'
  if (/on[\s-]*(target|track)|in progress|progressing/.test(value)) return 'on-track'
  if (/not[\s-]*started|not yet started/.test(value)) return 'not-started'
  return undefined
}

export function ragFromText(text: string): Rag | null {
  const value = text.trim().toLowerCase()
  if (/^(r|red)$/.test(value)) return 'red'
  if (/^(a|amber)$/.test(value)) return 'amber'
  if (/^(g|green)$/.test(value)) return 'green'
  if (/^(b|blue|complete|completed|c)$/.test(value)) return 'complete'
  return null
}

function dateField(
  row: SourceRow,
  index: number | undefined,
  label: string,
  warnings: ImportWarning[],
): IsoDate | null {
  if (index === undefined) return null
  const reading = readPlanDate(row.cells[index])
  if (reading.kind === 'blank') return null
  if (reading.kind === 'unreadable') {
    warnings.push({
      rowNumber: row.rowNumber,
      message: `Row ${row.rowNumber}: ${label} "${shorten(reading.text)}" is not a date we can read, so it was left blank`,
    })
    return null
  }
  if (reading.note)
    warnings.push({ rowNumber: row.rowNumber, message: `Row ${row.rowNumber}: ${label} ${reading.note}` })
  return reading.date
}

/** "Theme title (key Haringey finding and Laming Recommendation 11,15)" → title and source reference. */
function splitSource(text: string): { title: string; sourceReference: string } {
  const match = /^(.*?)\s*\((.+)\)\s*\)?\s*$/s.exec(text)
  if (!match || match[1]!.trim() === '') return { title: text, sourceReference: '' }
  return { title: match[1]!.trim(), sourceReference: match[2]!.trim() }
}

function cellText(cells: readonly unknown[], index: number | undefined): string {
  if (index === undefined) return ''
  const value = cells[index]
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)
  return String(value).replace(CONTROL_CHARACTERS, '').replace(/\s+/g, ' ').trim()
}

function cleanDash(text: string): string {
  return /^[-–—·.\s]*$/.test(text) ? '' : text
}

function looksBlank(cells: readonly unknown[]): boolean {
  return cells.every(cell => cell === null || cell === undefined || String(cell).trim() === '')
}

function headerKey(cells: readonly unknown[]): string {
  return cells.map(normaliseHeader).join('|')
}

function clip(
  text: string,
  warnings: ImportWarning[],
  rowNumber: number,
  max: number = IMPORT_LIMITS.maxTextChars,
): string {
  if (text.length <= max) return text
  warnings.push({ rowNumber, message: `Row ${rowNumber}: a cell was longer than ${max} characters and was cut short` })
  return text.slice(0, max)
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text
}
