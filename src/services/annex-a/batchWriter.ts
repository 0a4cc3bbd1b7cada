import { copyField, copyIn, CopyLines } from '../../db/copy.js'
import { packRow, type CellValue, type CleanRow, type Issue, type ListNumber } from '../../domain/annex-a/index.js'
import type { Executor } from '../platform/auditService.js'
import { issueFingerprint } from './issueFingerprint.js'

const BATCH_SIZE = 2000
/**
 * Batches handed over at once. Kysely sends a transaction's statements one at a time, so one COPY is on the connection
 * while the others wait their turn; Node reads ahead meanwhile, and neither side idles when one batch happens to take
 * longer on the server (a checkpoint) or to read (a wide list).
 */
const MAX_QUEUED_BATCHES = 4

const COPY_ROWS = `COPY annex_a_row (organisation_id, run_id, row_seq, sheet_index, list, row_number, child_id, cells, data)
  FROM STDIN`
const COPY_ISSUES = `COPY annex_a_issue (organisation_id, run_id, issue_seq, fingerprint, code, severity, list, sheet_index,
  row_number, child_id, column_name, value, message) FROM STDIN`

export interface StoredRowInput {
  sheetIndex: number
  list: ListNumber
  rowNumber: number
  cells: readonly CellValue[]
  row: CleanRow
}

/**
 * Collects rows and issues and writes each batch with one `COPY … FROM STDIN` (PostgreSQL's bulk path; ADR 0008).
 * A few batches wait their turn while the next is being read; nothing else is kept, so memory is bounded by
 * a few batches whatever the size of the file.
 *
 * `addRow` and `addIssues` return a promise only when they had to wait for a queued batch, so the caller
 * awaits once a batch rather than once a row; and each row becomes its line of text at once, so the row's cells and
 * values die young instead of living on with the batch (at a million rows, both showed in the garbage collector).
 */
export function createBatchWriter(executor: Executor, organisationId: string, runId: string) {
  // Every line starts with the run's key; the ids are uuids, so they need no escaping.
  const key = `${organisationId}\t${runId}\t`
  const keyBytes = Buffer.from(key)
  const rows = new CopyLines()
  const issues = new CopyLines(64 * 1024)
  let rowSeq = 0
  let issueSeq = 0
  const queued: Promise<void>[] = []
  // Set by the first failed batch, or by abandon(): nothing more is sent after it.
  let stopped: { reason: unknown } | null = null

  const refuseIfStopped = () => {
    if (stopped) throw stopped.reason
  }

  const send = async (statement: string, lines: CopyLines) => {
    const batch = lines.take()
    refuseIfStopped()
    if (queued.length >= MAX_QUEUED_BATCHES) await queued.shift()
    refuseIfStopped()
    const sent = copyIn(executor, statement, batch)
    // A failure surfaces when that batch is awaited, at the latest in flush(); until then it must not go unhandled.
    sent.catch((error: unknown) => (stopped ??= { reason: error }))
    queued.push(sent)
  }

  return {
    addRow(row: StoredRowInput): Promise<void> | undefined {
      rowSeq += 1
      // Cells and values are JSON text (migration 0013): JSON.stringify never writes a raw tab or line break, so
      // only its backslashes need COPY's escaping.
      rows
        .bytes(keyBytes)
        .text(`${rowSeq}\t${row.sheetIndex}\t${row.list}\t${row.rowNumber}\t${copyField(personOf(row.row))}\t`)
        .text(jsonField(JSON.stringify(row.cells)))
        .tab()
        .text(jsonField(JSON.stringify(packRow(row.list, row.row))))
        .end()
      return rows.lines < BATCH_SIZE ? undefined : send(COPY_ROWS, rows)
    },
    addIssues(found: readonly Issue[], sheetIndex: number | null): Promise<void> | undefined {
      for (const issue of found) {
        issueSeq += 1
        issues.text(
          `${key}${issueSeq}\t${issueFingerprint(issue)}\t${copyField(issue.code)}\t${issue.severity}\t${copyField(
            issue.list,
          )}\t${copyField(sheetIndex)}\t${copyField(issue.row)}\t${copyField(issue.childId)}\t${copyField(
            issue.column,
          )}\t${copyField(issue.value)}\t${copyField(issue.message)}`,
        )
        issues.end()
      }
      return issues.lines < BATCH_SIZE ? undefined : send(COPY_ISSUES, issues)
    },
    async flush(): Promise<void> {
      refuseIfStopped()
      if (rows.lines > 0) await send(COPY_ROWS, rows)
      if (issues.lines > 0) await send(COPY_ISSUES, issues)
      // Every batch, in order: the first failure rejects here and the caller's transaction rolls back.
      while (queued.length > 0) await queued.shift()
      refuseIfStopped()
    },
    /**
     * The import failed: send nothing more, and wait until every batch already handed over has settled. Kysely sends
     * a transaction's statements one at a time, so batches still waiting their turn would otherwise go after the
     * ROLLBACK, each as a statement of its own outside the transaction. The caller rethrows once this resolves.
     */
    async abandon(): Promise<void> {
      stopped ??= { reason: new Error('The import stopped') }
      await Promise.allSettled(queued.splice(0))
    },
  }
}

/** JSON.stringify's output as a COPY field: it never holds a raw tab, line break or NUL, so only backslashes. */
function jsonField(json: string): string {
  return json.includes('\\') ? json.replaceAll('\\', '\\\\') : json
}

function personOf(row: CleanRow): string | null {
  const id = row.childId ?? row.adopterId
  return id === null || id === undefined ? null : String(id)
}
