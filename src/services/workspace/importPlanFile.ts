import { interpretPlanRows, PlanImportError, type ColumnMapping, type SourceRow } from '../../domain/workspace/index.js'
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
    const opened = await openSpreadsheet(filePath, {
      displayName: options.sourceName,
      maxFileBytes: MAX_PLAN_FILE_BYTES,
    })
    if (opened.kind !== 'csv' && opened.kind !== 'xlsx')
      throw new PlanFileError(`${options.sourceName} is not a CSV or Excel (.xlsx) file`)
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
