import { unpackRow, type CellValue, type CleanRow, type ListNumber } from '../../domain/annex-a/index.js'

/**
 * Rows of `annex_a_row` keep their cells and values as the JSON text the import wrote (migration 0013); these read
 * them back. Rows written before 0013 were jsonb, converted to the same text by the migration.
 */
export function storedCells(text: string): CellValue[] {
  return JSON.parse(text) as CellValue[]
}

export function storedRow(list: ListNumber, text: string): CleanRow {
  return unpackRow(list, JSON.parse(text))
}
