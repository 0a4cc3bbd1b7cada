import { makeIssue } from '../validate/issueCodes.js'
import { cellText, looseKey } from '../parse/normaliseText.js'
import type { CellValue, ColumnSpec, Issue, ListSpec } from '../types.js'
import { HEADER_INDEX } from './headerIndex.js'

export interface MappedColumn {
  /** 0-based position of the column in the sheet's rows. */
  readonly index: number
  /** The header as the user's file spells it, for messages. */
  readonly header: string
  readonly spec: ColumnSpec
}

export interface ColumnMapping {
  readonly columns: readonly MappedColumn[]
  readonly issues: readonly Issue[]
}

/**
 * Maps a header row onto a list's columns. Unknown and repeated columns are reported and ignored; missing
 * columns are reported (required ones as errors), and their cells are then read as blank.
 */
export function mapColumns(headerCells: readonly CellValue[], spec: ListSpec, headerRowNumber: number): ColumnMapping {
  const index = HEADER_INDEX[spec.list]
  const specByKey = new Map(spec.columns.map(column => [column.key, column]))
  const columns: MappedColumn[] = []
  const issues: Issue[] = []
  const seen = new Map<string, string>()
  const where = { list: spec.list, row: headerRowNumber }

  headerCells.forEach((cell, position) => {
    const header = cellText(cell)
    if (header === '') return
    const known = index.byKey.get(looseKey(header))
    const column = known === undefined ? undefined : specByKey.get(known.key)
    if (column === undefined) {
      issues.push(
        makeIssue(
          'column-unknown',
          { ...where, column: header },
          `List ${spec.list} has a column "${header}" that is not in the template; it was ignored. Remove or rename it if it should be one of the template's columns.`,
        ),
      )
      return
    }
    const earlier = seen.get(column.key)
    if (earlier !== undefined) {
      issues.push(
        makeIssue(
          'column-repeated',
          { ...where, column: header },
          `List ${spec.list} has "${header}" twice (also as "${earlier}"); only the first was read. Delete the extra column.`,
        ),
      )
      return
    }
    seen.set(column.key, header)
    columns.push({ index: position, header, spec: column })
  })

  for (const column of spec.columns) {
    if (seen.has(column.key)) continue
    issues.push(
      column.required
        ? makeIssue(
            'column-missing',
            { ...where, column: column.header },
            `List ${spec.list} has no "${column.header}" column, which is required. Add the column with its values.`,
          )
        : makeIssue(
            'column-missing-optional',
            { ...where, column: column.header },
            `List ${spec.list} has no "${column.header}" column. Add it (it may be left blank where the guidance allows).`,
          ),
    )
  }
  return { columns, issues }
}
