import path from 'node:path'
import { OdsReadError, readOdsRows } from './readOds.js'
import { DEFAULT_READ_LIMITS, SpreadsheetError, type ReadEvent, type ReadLimits } from './types.js'

/** Adapts the shared ODS reader (readOds.ts) to the sheet/row event stream the Annex A import consumes. */
export async function* readOdsEvents(
  filePath: string,
  options: { label?: string; limits?: ReadLimits } = {},
): AsyncGenerator<ReadEvent> {
  const label = options.label ?? path.basename(filePath)
  const limits = options.limits ?? DEFAULT_READ_LIMITS
  let sheet: string | null = null
  try {
    for await (const row of readOdsRows(filePath, {
      maxColumns: limits.maxColumns,
      maxContentBytes: limits.maxEntryBytes,
    })) {
      if (row.sheet !== sheet) {
        sheet = row.sheet
        yield { type: 'sheet', name: row.sheet }
      }
      yield { type: 'row', rowNumber: row.row, cells: row.cells }
    }
  } catch (error) {
    if (error instanceof OdsReadError) throw new SpreadsheetError(`${label}: ${error.message}`)
    throw error
  }
}
