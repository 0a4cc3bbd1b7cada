import { sql } from 'kysely'
import { unpackRow, type CellValue, type CleanRow, type ListNumber } from '../../domain/annex-a/index.js'
import type { Executor } from '../platform/auditService.js'

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

/** Where a page of rows ended: the primary key after (organisation, run) (migration 0015). */
export interface RowCursor {
  sheetIndex: number
  rowNumber: number
  rowSeq: number
}

/** The sheets a list was read from (usually one): the way in to its rows, as the table has no index on `list`. */
export async function sheetsOfList(
  executor: Executor,
  key: { organisationId: string; runId: string },
  list: ListNumber,
): Promise<number[]> {
  const sheets = await executor
    .selectFrom('annex_a_sheet')
    .select('sheet_index')
    .where('organisation_id', '=', key.organisationId)
    .where('run_id', '=', key.runId)
    .where('list', '=', list)
    .execute()
  return sheets.map(sheet => sheet.sheet_index)
}

/**
 * One page of a list's rows in the order of its sheets, then their rows, keyset-paged on the primary key, so every
 * page is an index range scan however deep into a million-row run it is.
 */
export async function pageOfListRows(
  executor: Executor,
  key: { organisationId: string; runId: string },
  list: ListNumber,
  sheets: readonly number[],
  after: RowCursor | null,
  limit: number,
) {
  if (sheets.length === 0) return []
  let query = executor
    .selectFrom('annex_a_row')
    .select(['sheet_index', 'row_number', 'row_seq', 'child_id', 'data'])
    .where('organisation_id', '=', key.organisationId)
    .where('run_id', '=', key.runId)
    .where('sheet_index', 'in', sheets)
    .where('list', '=', list)
  if (after)
    query = query.where(
      sql<boolean>`(sheet_index, row_number, row_seq) > (${after.sheetIndex}, ${after.rowNumber}, ${after.rowSeq})`,
    )
  return query.orderBy('sheet_index').orderBy('row_number').orderBy('row_seq').limit(limit).execute()
}

export function cursorOf(row: { sheet_index: number; row_number: number; row_seq: number }): RowCursor {
  return { sheetIndex: row.sheet_index, rowNumber: row.row_number, rowSeq: row.row_seq }
}
