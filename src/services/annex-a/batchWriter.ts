import { sql } from 'kysely'
import type { CellValue, CleanRow, Issue, ListNumber } from '../../domain/annex-a/index.js'
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
 * Collects rows and issues and writes them in multi-row INSERTs (one array parameter per column, expanded by
 * unnest, so a batch is one statement whatever its size). One batch is in flight while the next is being read.
 */
export function createBatchWriter(executor: Executor, organisationId: string, runId: string) {
  let rows: StoredRowInput[] = []
  let issues: { issue: Issue; sheetIndex: number | null }[] = []
  let rowSeq = 0
  let issueSeq = 0
  let inFlight: Promise<unknown> = Promise.resolve()

  const writeRows = (batch: StoredRowInput[]) => {
    const first = rowSeq
    rowSeq += batch.length
    return sql`
      INSERT INTO annex_a_row (organisation_id, run_id, row_seq, sheet_index, list, row_number, child_id, cells, data)
      SELECT ${organisationId}::uuid, ${runId}::uuid, u.*
      FROM unnest(
        ${batch.map((_, index) => first + index + 1)}::int[], ${batch.map(item => item.sheetIndex)}::int[],
        ${batch.map(item => item.list)}::smallint[], ${batch.map(item => item.rowNumber)}::int[],
        ${batch.map(item => personOf(item.row))}::text[], ${batch.map(item => JSON.stringify(item.cells))}::jsonb[],
        ${batch.map(item => JSON.stringify(item.row))}::jsonb[]
      ) AS u`.execute(executor)
  }

  const writeIssues = (batch: { issue: Issue; sheetIndex: number | null }[]) => {
    const first = issueSeq
    issueSeq += batch.length
    const column = <T>(pick: (issue: Issue) => T) => batch.map(item => pick(item.issue))
    return sql`
      INSERT INTO annex_a_issue (organisation_id, run_id, issue_seq, fingerprint, code, severity, list, sheet_index,
        row_number, child_id, column_name, value, message)
      SELECT ${organisationId}::uuid, ${runId}::uuid, u.*
      FROM unnest(
        ${batch.map((_, index) => first + index + 1)}::int[], ${column(issueFingerprint)}::text[],
        ${column(issue => issue.code)}::text[], ${column(issue => issue.severity)}::text[],
        ${column(issue => issue.list)}::smallint[], ${batch.map(item => item.sheetIndex)}::int[],
        ${column(issue => issue.row)}::int[], ${column(issue => issue.childId)}::text[],
        ${column(issue => issue.column)}::text[], ${column(issue => issue.value)}::text[],
        ${column(issue => issue.message)}::text[]
      ) AS u`.execute(executor)
  }

  const send = async (work: () => Promise<unknown>) => {
    await inFlight
    inFlight = work()
    // Surface a failure at the next await even if nothing else is sent.
    inFlight.catch(() => undefined)
  }

  return {
    async addRow(row: StoredRowInput): Promise<void> {
      rows.push(row)
      if (rows.length >= BATCH_SIZE) {
        const batch = rows
        rows = []
        await send(() => writeRows(batch))
      }
    },
    async addIssues(found: readonly Issue[], sheetIndex: number | null): Promise<void> {
      for (const issue of found) issues.push({ issue, sheetIndex })
      if (issues.length >= BATCH_SIZE) {
        const batch = issues
        issues = []
        await send(() => writeIssues(batch))
      }
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
