import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import {
  createAnnexAValidator,
  createIndicatorAccumulator,
  type IsoDate,
  type ListSummary,
  type SchemaVersion,
  type SheetValidator,
  type ValueMapping,
} from '../../domain/annex-a/index.js'
import type { ReadEvent } from '../spreadsheets/types.js'
import { actorUserId, type RequestContext } from '../context.js'
import type { AuditService, Executor } from '../platform/auditService.js'
import { createBatchWriter } from './batchWriter.js'
import { compareCounts, type ComparisonCounts } from './compareRuns.js'

export interface ImportInput {
  readonly events: AsyncIterable<ReadEvent>
  /** The file name as the person gave it (shown on the run page); never a path. */
  readonly sourceName: string
  readonly sourceKind: string
  readonly referenceDate: IsoDate
  readonly schema?: SchemaVersion | 'auto'
  /** Children aged 0–17, for per-10,000 indicators. */
  readonly population?: number | undefined
  readonly reappliedFromRunId?: string
  /** Told what the import is doing, every few thousand rows and at each phase; must be quick and must not throw. */
  readonly onProgress?: (progress: ImportProgress) => void
  /** Aborted, the import stops at its next check (every 256 rows, and before saving) with ImportCancelledError. */
  readonly signal?: AbortSignal
  /** Runs inside the import's transaction just before it commits (a background job marks itself done here). */
  readonly beforeCommit?: (trx: Executor, result: ImportResult) => Promise<void>
}

/** `reading`: rows are read, checked and written as they come; `validating`: cross-list checks; `writing`: the rest. */
export interface ImportProgress {
  phase: 'reading' | 'validating' | 'writing'
  rows: number
  issues: number
}

const PROGRESS_EVERY_ROWS = 2000
/**
 * Node sends queued COPY data, and reads PostgreSQL's replies, only between turns of its event loop; reading a file
 * from the page cache, validation can hold the thread for thousands of rows, and PostgreSQL sat waiting for data for
 * a third of a million-row import. A turn every 256 rows keeps it fed, at a cost too small to measure.
 */
const YIELD_EVERY_ROWS = 256
const nextTurn = () => new Promise<void>(resolve => setImmediate(resolve))

/** The import was cancelled: thrown inside its transaction, which rolls back, so nothing of it is stored. */
export class ImportCancelledError extends Error {
  constructor() {
    super('The import was cancelled')
  }
}

export interface ImportResult {
  runId: string
  schema: { version: SchemaVersion; reason: string }
  referenceDate: IsoDate
  lists: readonly ListSummary[]
  summary: { rows: number; errors: number; warnings: number; queries: number }
  comparedWith: string | null
  comparison: ComparisonCounts | null
}

interface SheetRecord {
  name: string
  list: number | null
  headerRow: number | null
  headerCells: unknown[] | null
}

/**
 * Streams one upload into a new test run inside the caller's transaction: rows and issues are written in batches
 * as they are validated, so memory stays bounded, and nothing is visible to anyone until the transaction commits.
 * Issue statuses (accepted with a reason, owner, note) carry over from the previous run where the issue persists.
 */
export async function importIntoRun(
  trx: Executor,
  context: RequestContext,
  audit: AuditService,
  input: ImportInput & { valueMappings: readonly ValueMapping[] },
): Promise<ImportResult> {
  const organisationId = context.actor.organisationId
  const runId = randomUUID()
  const previous = await trx
    .selectFrom('annex_a_run')
    .select('run_id')
    .where('organisation_id', '=', organisationId)
    .where('purged_at', 'is', null)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  const comparedWith = input.reappliedFromRunId ?? previous?.run_id ?? null

  await trx
    .insertInto('annex_a_run')
    .values({
      organisation_id: organisationId,
      run_id: runId,
      reference_date: input.referenceDate,
      schema_version: 'pending',
      schema_reason: '',
      source_name: input.sourceName.slice(0, 255),
      source_kind: input.sourceKind,
      population: input.population ?? null,
      created_by_user_id: actorUserId(context.actor),
      created_by_label: context.actor.label,
      reapplied_from_run_id: input.reappliedFromRunId ?? null,
    })
    .execute()

  const validator = createAnnexAValidator({
    referenceDate: input.referenceDate,
    schema: input.schema ?? 'auto',
    valueMappings: input.valueMappings,
  })
  const indicators = createIndicatorAccumulator({
    referenceDate: input.referenceDate,
    ...(input.population ? { population: input.population } : {}),
  })
  const writer = createBatchWriter(trx, organisationId, runId)
  try {
    const sheets: SheetRecord[] = []
    let session: SheetValidator | null = null
    let rowsRead = 0
    let issuesFound = 0
    const progress = (phase: ImportProgress['phase']) =>
      input.onProgress?.({ phase, rows: rowsRead, issues: issuesFound })
    progress('reading')

    const endSheet = async () => {
      if (session) {
        const ended = session.end()
        issuesFound += ended.length
        await writer.addIssues(ended, sheets.length - 1)
      }
      session = null
    }
    for await (const event of input.events) {
      if (event.type === 'sheet') {
        await endSheet()
        sheets.push({ name: event.name, list: null, headerRow: null, headerCells: null })
        session = validator.beginSheet(event.name)
        continue
      }
      if (!session) continue
      const sheetIndex = sheets.length - 1
      const result = (session as SheetValidator).addRow(event.cells, event.rowNumber)
      const outcome = result.outcome
      if (outcome.kind === 'header') {
        const sheet = sheets[sheetIndex]!
        sheet.list = outcome.list
        sheet.headerRow = event.rowNumber
        sheet.headerCells = event.cells.map(cell => cell ?? null)
      } else if (outcome.kind === 'data') {
        rowsRead += 1
        if (rowsRead % YIELD_EVERY_ROWS === 0) {
          await nextTurn()
          if (input.signal?.aborted) throw new ImportCancelledError()
        }
        if (rowsRead % PROGRESS_EVERY_ROWS === 0) progress('reading')
        indicators.add(outcome.list, outcome.row)
        const waiting = writer.addRow({
          sheetIndex,
          list: outcome.list,
          rowNumber: outcome.rowNumber,
          cells: event.cells,
          row: outcome.row,
        })
        if (waiting) await waiting
      }
      if (result.issues.length > 0) {
        issuesFound += result.issues.length
        const waiting = writer.addIssues(result.issues, sheetIndex)
        if (waiting) await waiting
      }
    }
    await endSheet()
    if (input.signal?.aborted) throw new ImportCancelledError()
    progress('validating')
    const finished = validator.finish()
    issuesFound += finished.finalIssues.length
    progress('writing')
    await writer.addIssues(finished.finalIssues, null)
    await writer.flush()
    if (input.signal?.aborted) throw new ImportCancelledError()

    if (sheets.length > 0) {
      await trx
        .insertInto('annex_a_sheet')
        .values(
          sheets.map((sheet, index) => ({
            organisation_id: organisationId,
            run_id: runId,
            sheet_index: index,
            name: sheet.name.slice(0, 255),
            list: sheet.list,
            header_row: sheet.headerRow,
            header_cells: sheet.headerCells ? JSON.stringify(sheet.headerCells) : null,
          })),
        )
        .execute()
    }
    await trx
      .updateTable('annex_a_run')
      .set({
        schema_version: finished.schema.version,
        schema_reason: finished.schema.reason,
        row_count: finished.summary.rows,
        error_count: finished.summary.errors,
        warning_count: finished.summary.warnings,
        query_count: finished.summary.queries,
        lists: JSON.stringify(finished.lists),
        indicators: JSON.stringify(indicators.finish()),
      })
      .where('organisation_id', '=', organisationId)
      .where('run_id', '=', runId)
      .execute()

    let comparison: ComparisonCounts | null = null
    if (comparedWith) {
      await carryStatusesOver(trx, organisationId, comparedWith, runId)
      comparison = await compareCounts(trx, organisationId, comparedWith, runId)
    }
    await audit.record(trx, context, {
      action: 'annex-a.run.imported',
      subjectType: 'annex-a-run',
      subjectId: runId,
      details: {
        sourceKind: input.sourceKind,
        referenceDate: input.referenceDate,
        rows: finished.summary.rows,
        issues: finished.summary.errors + finished.summary.warnings + finished.summary.queries,
        ...(input.reappliedFromRunId ? { reappliedFrom: input.reappliedFromRunId } : {}),
      },
    })
    return {
      runId,
      schema: { version: finished.schema.version, reason: finished.schema.reason },
      referenceDate: input.referenceDate,
      lists: finished.lists,
      summary: finished.summary,
      comparedWith,
      comparison,
    }
  } catch (error) {
    // Nothing may reach the database after this import's transaction rolls back (see abandon()).
    await writer.abandon()
    throw error
  }
}

/**
 * Persisting issues keep their owner and note; "accepted" (with its reason) carries over too. An issue marked
 * fixed that is still there is open again: the data says it was not fixed.
 */
async function carryStatusesOver(trx: Executor, organisationId: string, fromRunId: string, toRunId: string) {
  await sql`
    WITH prev AS (
      SELECT fingerprint, row_number() OVER (PARTITION BY fingerprint ORDER BY issue_seq) AS n,
             status, status_reason, owner, note
      FROM annex_a_issue WHERE organisation_id = ${organisationId} AND run_id = ${fromRunId}
    ), cur AS (
      SELECT issue_seq, fingerprint, row_number() OVER (PARTITION BY fingerprint ORDER BY issue_seq) AS n
      FROM annex_a_issue WHERE organisation_id = ${organisationId} AND run_id = ${toRunId}
    )
    UPDATE annex_a_issue AS target
    SET status = CASE WHEN prev.status = 'accepted' THEN 'accepted' ELSE 'open' END,
        status_reason = CASE WHEN prev.status = 'accepted' THEN prev.status_reason END,
        owner = prev.owner,
        note = prev.note
    FROM cur JOIN prev USING (fingerprint, n)
    WHERE target.organisation_id = ${organisationId} AND target.run_id = ${toRunId}
      AND target.issue_seq = cur.issue_seq
      AND (prev.status <> 'open' OR prev.owner IS NOT NULL OR prev.note IS NOT NULL)`.execute(trx)
}
