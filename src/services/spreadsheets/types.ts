import type { CellValue } from '../../domain/annex-a/index.js'

/**
 * What every reader yields: a flat stream of sheet starts and rows. Flat, because ODS and zip readers meet sheet
 * boundaries in the middle of one stream; consumers start a new sheet on each `sheet` event.
 */
export type ReadEvent =
  | { readonly type: 'sheet'; readonly name: string }
  | { readonly type: 'row'; readonly rowNumber: number; readonly cells: CellValue[] }

export type SpreadsheetKind = 'xlsx' | 'ods' | 'csv' | 'zip'

/** A file we cannot read at all. The message names the problem and what to do; it never holds cell contents. */
export class SpreadsheetError extends Error {}

export interface ReadLimits {
  /** Largest uncompressed size of one part of a zip-based file (a worksheet, a CSV in a zip). */
  readonly maxEntryBytes: number
  /** Most cells one row may have; beyond it the row is cut off (protects memory from a hostile file). */
  readonly maxColumns: number
  /** Largest single CSV record, in characters. */
  readonly maxRecordChars: number
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxEntryBytes: 2 * 1024 * 1024 * 1024,
  maxColumns: 512,
  maxRecordChars: 1024 * 1024,
}
