import { sql } from 'kysely'
import { packRow, type CellValue, type CleanRow, type Issue, type ListNumber } from '../../domain/annex-a/index.js'
import type { Executor } from '../platform/auditService.js'
import { issueFingerprint } from './issueFingerprint.js'

const BATCH_SIZE = 2000

export interface StoredRowInput {
  sheetIndex: number
  list: ListNumber
  rowNumber: number
  cells: readonly CellValue[]
  row: CleanRow
}

/**
 * Collects rows and issues and writes them in multi-row INSERTs (the whole batch as one jsonb array, expanded by
 * jsonb_array_elements, so a batch is one statement whatever its size). One batch is in flight while the next is
 * being read; nothing else is kept, so memory is bounded by two batches whatever the size of the file.
 *
 * `addRow` and `addIssues` return a promise only when they had to wait for the batch in flight, so the caller
 * awaits once a batch rather than once a row; and each row becomes its JSON text at once, so the row's cells and
 * values die young instead of living on with the batch (at a million rows, both showed in the garbage collector).
 */
export function createBatchWriter(executor: Executor, organisationId: string, runId: string) {
  let rows: string[] = []
  let issues: { issue: Issue; sheetIndex: number | null }[] = []
  let rowSeq = 0
  let issueSeq = 0
  let inFlight: Promise<unknown> = Promise.resolve()

  // Each batch travels as ONE jsonb parameter: JSON.stringify is native and fast, whereas array parameters are
  // escaped element by element in JavaScript and parsed twice by PostgreSQL (array literal, then jsonb).
  const writeRows = (batch: string[]) =>
    sql`
      INSERT INTO annex_a_row (organisation_id, run_id, row_seq, sheet_index, list, row_number, child_id, cells, data)
      SELECT ${organisationId}::uuid, ${runId}::uuid, (e->>0)::int, (e->>1)::int, (e->>2)::smallint, (e->>3)::int,
        e->>4, e->5, e->6
      FROM jsonb_array_elements(${`[${batch.join(',')}]`}::jsonb) AS e`.execute(executor)

  const writeIssues = (batch: { issue: Issue; sheetIndex: number | null }[]) => {
    const first = issueSeq
    issueSeq += batch.length
    const payload = JSON.stringify(
      batch.map(({ issue, sheetIndex }, index) => [
        first + index + 1,
        issueFingerprint(issue),
        issue.code,
        issue.severity,
        issue.list,
        sheetIndex,
        issue.row,
        issue.childId,
        issue.column,
        issue.value,
        issue.message,
      ]),
    )
    return sql`
      INSERT INTO annex_a_issue (organisation_id, run_id, issue_seq, fingerprint, code, severity, list, sheet_index,
        row_number, child_id, column_name, value, message)
      SELECT ${organisationId}::uuid, ${runId}::uuid, (e->>0)::int, e->>1, e->>2, e->>3, (e->>4)::smallint,
        (e->>5)::int, (e->>6)::int, e->>7, e->>8, e->>9, e->>10
      FROM jsonb_array_elements(${payload}::jsonb) AS e`.execute(executor)
  }

  const send = async (work: () => Promise<unknown>) => {
    await inFlight
    inFlight = work()
    // Surface a failure at the next await even if nothing else is sent.
    inFlight.catch(() => undefined)
  }

  return {
    addRow(row: StoredRowInput): Promise<void> | undefined {
      rowSeq += 1
      rows.push(
        JSON.stringify([
          rowSeq,
          row.sheetIndex,
          row.list,
          row.rowNumber,
          personOf(row.row),
          row.cells,
          packRow(row.list, row.row),
        ]),
      )
      if (rows.length < BATCH_SIZE) return undefined
      const batch = rows
      rows = []
      return send(() => writeRows(batch))
    },
    addIssues(found: readonly Issue[], sheetIndex: number | null): Promise<void> | undefined {
      for (const issue of found) issues.push({ issue, sheetIndex })
      if (issues.length < BATCH_SIZE) return undefined
      const batch = issues
      issues = []
      return send(() => writeIssues(batch))
    },
    async flush(): Promise<void> {
      if (rows.length > 0) {
        const batch = rows
        rows = []
        await send(() => writeRows(batch))
      }
      if (issues.length > 0) {
        const batch = issues
        issues = []
        await send(() => writeIssues(batch))
      }
      await inFlight
    },
  }
}

function personOf(row: CleanRow): string | null {
  const id = row.childId ?? row.adopterId
  return id === null || id === undefined ? null : String(id)
}
