import {
  IMPORT_LIMITS,
  interpretPlanRows,
  looksLikeHeaderRow,
  mapPlanColumns,
  PLAN_FIELDS,
  PlanImportError,
  type ColumnMapping,
  type PlanField,
  type SourceRow,
} from '../../domain/workspace/index.js'
import { authorise, type RequestContext } from '../context.js'
import { ValidationError } from '../errors.js'
import { openSpreadsheet, SpreadsheetError } from '../spreadsheets/index.js'
import type { PlanService } from './planService.js'
import type { PlanKind } from './planTypes.js'

export const MAX_PLAN_FILE_BYTES = 10 * 1024 * 1024

/** A file that cannot become a plan: the message says why and what to do, and nothing was stored. */
export class PlanFileError extends Error {}

export interface ImportPlanOptions {
  title?: string | undefined
  kind?: PlanKind | undefined
  /** The file's own name (an upload's temporary file has none). */
  sourceName: string
  mapping?: ColumnMapping | undefined
  /** The row holding the headers, as the person confirmed it on the column-mapping page. */
  headerRowNumber?: number | undefined
}

/** The first sheet's rows (type decided by content, never by name); a SpreadsheetError says why not. */
async function readPlanRows(filePath: string, sourceName: string): Promise<SourceRow[]> {
  const opened = await openSpreadsheet(filePath, { displayName: sourceName, maxFileBytes: MAX_PLAN_FILE_BYTES })
  if (opened.kind !== 'csv' && opened.kind !== 'xlsx')
    throw new PlanFileError(`${sourceName} is not a CSV or Excel (.xlsx) file`)
  const rows: SourceRow[] = []
  let sheets = 0
  for await (const event of opened.events) {
    if (event.type === 'sheet') {
      sheets += 1
      if (sheets > 1) break
      continue
    }
    rows.push({ rowNumber: event.rowNumber, cells: event.cells })
  }
  return rows
}

const cellText = (value: unknown) =>
  (value instanceof Date ? value.toISOString().slice(0, 10) : String(value ?? ''))
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim()

export interface PlanFilePreview {
  headerRowNumber: number
  /** True when a header row was recognised; otherwise the first row stands in and the person maps it. */
  recognised: boolean
  columns: { index: number; header: string; sample: string }[]
  mapping: ColumnMapping
}

/**
 * What the column-mapping page shows: the header row (the one the import would find, else the first row), each
 * column with a sample value, and the automatic mapping to pre-fill the choices.
 */
export async function previewPlanFile(
  context: RequestContext,
  filePath: string,
  sourceName: string,
): Promise<PlanFilePreview> {
  authorise(context, 'workspace:edit')
  let rows: SourceRow[]
  try {
    rows = await readPlanRows(filePath, sourceName)
  } catch (error) {
    if (error instanceof SpreadsheetError) throw new PlanFileError(error.message)
    throw error
  }
  const blank = (row: SourceRow) => row.cells.every(cell => cellText(cell) === '')
  const searched = rows.slice(0, IMPORT_LIMITS.headerSearchRows)
  const found = searched.find(row => looksLikeHeaderRow(row.cells))
  const header = found ?? searched.find(row => !blank(row))
  if (!header) throw new PlanFileError(`${sourceName} has no rows with anything in them`)
  const below = rows.filter(row => row.rowNumber > header.rowNumber).slice(0, 20)
  const width = Math.min(Math.max(header.cells.length, ...below.map(row => row.cells.length)), 60)
  const columns = Array.from({ length: width }, (_, index) => ({
    index,
    header: cellText(header.cells[index]).slice(0, 80),
    sample: (below.map(row => cellText(row.cells[index])).find(text => text !== '') ?? '').slice(0, 80),
  })).filter(column => column.header !== '' || column.sample !== '')
  return {
    headerRowNumber: header.rowNumber,
    recognised: found !== undefined,
    columns,
    mapping: mapPlanColumns(header.cells).mapping,
  }
}

/** Every field mapped, for a person's explicit choice: a field left out is "not in this file". */
export function completeMapping(chosen: ColumnMapping): ColumnMapping {
  return Object.fromEntries(PLAN_FIELDS.map(field => [field, chosen[field] ?? -1])) as Record<PlanField, number>
}

/**
 * Reads a CSV or XLSX plan (type decided by content, never by name), interprets it, and stores it in one
 * transaction. Only the first sheet of a workbook is read: plans are one table.
 */
export async function importPlanFile(
  service: PlanService,
  context: RequestContext,
  filePath: string,
  options: ImportPlanOptions,
) {
  authorise(context, 'workspace:edit')
  let imported
  try {
    const all = await readPlanRows(filePath, options.sourceName)
    // A confirmed header row is the first row the interpreter sees, so it is taken as the header.
    const rows =
      options.headerRowNumber === undefined ? all : all.filter(row => row.rowNumber >= options.headerRowNumber!)
    imported = interpretPlanRows(rows, options.mapping)
  } catch (error) {
    if (error instanceof SpreadsheetError || error instanceof PlanImportError) throw new PlanFileError(error.message)
    throw error
  }
  const title = options.title?.trim() || options.sourceName.replace(/\.[^.]+$/, '').slice(0, 200) || 'Imported plan'
  try {
    return {
      ...(await service.saveImport(context, {
        title,
        kind: options.kind ?? 'improvement',
        sourceName: options.sourceName,
        imported,
      })),
      mapping: imported.mapping,
      unmapped: imported.unmapped,
    }
  } catch (error) {
    if (error instanceof ValidationError) throw new PlanFileError(error.message)
    throw error
  }
}
