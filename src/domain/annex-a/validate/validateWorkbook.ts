import type { CellValue, CleanRow, Issue, ListNumber } from '../types.js'
import type { ValidationSummary, ValidatorOptions } from './createValidator.js'
import { createAnnexAValidator } from './createValidator.js'

export interface SheetInput {
  readonly name: string
  /** Every row of the sheet, title rows included; the position is the row number minus one. */
  readonly rows: Iterable<readonly CellValue[]>
}

export interface WorkbookValidation extends ValidationSummary {
  /** Every issue, in the order found: sheet by sheet, row by row, then the final checks. */
  readonly issues: readonly Issue[]
  /** Cleaned rows by list, only when `keepRows` was asked for (tests, small files, indicators on a fixture). */
  readonly rows: ReadonlyMap<ListNumber, readonly CleanRow[]>
}

/**
 * Validates whole sheets held in memory: a convenience for tests, small uploads and the CLI's JSON output.
 * Large files should drive `createAnnexAValidator` row by row instead.
 */
export function validateWorkbook(
  sheets: readonly SheetInput[],
  options: ValidatorOptions & { readonly keepRows?: boolean },
): WorkbookValidation {
  const validator = createAnnexAValidator(options)
  const issues: Issue[] = []
  const rows = new Map<ListNumber, CleanRow[]>()
  for (const sheet of sheets) {
    const session = validator.beginSheet(sheet.name)
    let rowNumber = 0
    for (const cells of sheet.rows) {
      rowNumber += 1
      const result = session.addRow(cells, rowNumber)
      issues.push(...result.issues)
      if (options.keepRows === true && result.outcome.kind === 'data') {
        const list = rows.get(result.outcome.list) ?? []
        list.push(result.outcome.row)
        rows.set(result.outcome.list, list)
      }
    }
    issues.push(...session.end())
  }
  const summary = validator.finish()
  issues.push(...summary.finalIssues)
  return { ...summary, issues, rows }
}
