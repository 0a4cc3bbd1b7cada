import { randomBytes, randomUUID } from 'node:crypto'
import type { Writable } from 'node:stream'
import { sql } from 'kysely'
import { z } from 'zod'
import type { Db } from '../../db/connect.js'
import {
  LIST_NUMBERS,
  type CellValue,
  type IndicatorValue,
  type ListNumber,
  type ListSummary,
  type ValueMapping,
} from '../../domain/annex-a/index.js'
import { authorise, type RequestContext } from '../context.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { AuditService, Executor } from '../platform/auditService.js'
import type { ReadEvent } from '../spreadsheets/types.js'
import { comparedIssues, compareCounts, type ComparisonCategory } from './compareRuns.js'
import { writeIssuesCsv, writeIssuesWorkbook, writeListsWorkbook } from './exportWorkbooks.js'
import { importIntoRun, type ImportInput, type ImportResult } from './importRun.js'
import { createPseudonymiser } from './pseudonymise.js'
import { cursorOf, pageOfListRows, sheetsOfList, storedCells, storedRow, type RowCursor } from './storedRows.js'

export interface RunSummary {
  runId: string
  referenceDate: string
  schemaVersion: string
  sourceName: string
  sourceKind: string
  createdAt: Date
  createdBy: string
  rows: number
  errors: number
  warnings: number
  queries: number
  lists: ListSummary[]
  purged: boolean
  reappliedFromRunId: string | null
}

export interface IssueFilter {
  list?: number | undefined
  severity?: string | undefined
  code?: string | undefined
  childId?: string | undefined
  page?: number | undefined
  pageSize?: number | undefined
}

export interface IssueRow {
  issueSeq: number
  code: string
  severity: string
  list: number | null
  rowNumber: number | null
  childId: string | null
  column: string | null
  value: string | null
  message: string
  status: string
  statusReason: string | null
  owner: string | null
  note: string | null
}

export const ISSUE_STATUSES = ['open', 'fixed', 'accepted'] as const

export const issueStatusSchema = z
  .object({
    status: z.enum(ISSUE_STATUSES, { message: 'Select a status' }),
    reason: z.string().trim().max(1000, 'Reason must be 1,000 characters or fewer').default(''),
    owner: z.string().trim().max(200, 'Owner must be 200 characters or fewer').default(''),
    note: z.string().trim().max(2000, 'Note must be 2,000 characters or fewer').default(''),
  })
  .refine(value => value.status !== 'accepted' || value.reason.length > 0, {
    message: 'Enter why the issue is accepted',
    path: ['reason'],
  })

export const valueMappingSchema = z.object({
  list: z.union([z.literal(''), z.coerce.number().int().min(1, 'Select a list').max(11, 'Select a list')]).default(''),
  column: z.string().trim().min(1, 'Enter the column key, for example gender').max(100, 'Column key is too long'),
  from: z.string().trim().min(1, 'Enter the value as it appears in your files').max(500, 'Value is too long'),
  to: z.string().trim().min(1, 'Enter the Annex A code it should become').max(500, 'Code is too long'),
})

export const retentionSchema = z.object({
  retentionMonths: z.coerce
    .number({ message: 'Enter a number of months' })
    .int('Enter a whole number of months')
    .min(1, 'Keep child-level rows for at least 1 month')
    .max(120, 'Keep child-level rows for at most 120 months'),
})

const MAX_PAGE_SIZE = 200

/** Annex A test runs: import, issues log, comparison, indicators, value mappings, exports and retention. */
export function createAnnexAService({ db, audit, clock }: { db: Db; audit: AuditService; clock: () => Date }) {
  const organisationOf = (context: RequestContext) => context.actor.organisationId

  async function requireRun(executor: Executor, context: RequestContext, runId: string) {
    if (!z.string().uuid().safeParse(runId).success) throw new NotFoundError('No such test run')
    const row = await executor
      .selectFrom('annex_a_run')
      .selectAll()
      .where('organisation_id', '=', organisationOf(context))
      .where('run_id', '=', runId)
      .executeTakeFirst()
    if (!row) throw new NotFoundError('No such test run')
    return row
  }

  const toSummary = (row: Awaited<ReturnType<typeof requireRun>>): RunSummary => ({
    runId: row.run_id,
    referenceDate: row.reference_date,
    schemaVersion: row.schema_version,
    sourceName: row.source_name,
    sourceKind: row.source_kind,
    createdAt: row.created_at,
    createdBy: row.created_by_label,
    rows: row.row_count,
    errors: row.error_count,
    warnings: row.warning_count,
    queries: row.query_count,
    lists: row.lists as ListSummary[],
    purged: row.purged_at !== null,
    reappliedFromRunId: row.reapplied_from_run_id,
  })

  async function valueMappingsOf(executor: Executor, organisationId: string): Promise<ValueMapping[]> {
    const rows = await executor
      .selectFrom('annex_a_value_mapping')
      .select(['list', 'column_key', 'from_value', 'to_value'])
      .where('organisation_id', '=', organisationId)
      .execute()
    return rows.map(row => ({
      ...(row.list ? { list: row.list as ListNumber } : {}),
      column: row.column_key,
      from: row.from_value,
      to: row.to_value,
    }))
  }

  async function settingsOf(executor: Executor, organisationId: string) {
    const existing = await executor
      .selectFrom('annex_a_setting')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst()
    if (existing) return existing
    await executor
      .insertInto('annex_a_setting')
      .values({
        organisation_id: organisationId,
        retention_months: 24,
        pseudonym_secret: randomBytes(32).toString('base64url'),
      })
      .onConflict(conflict => conflict.column('organisation_id').doNothing())
      .execute()
    return executor
      .selectFrom('annex_a_setting')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .executeTakeFirstOrThrow()
  }

  return {
    /** One upload becomes one test run, in one transaction: all of it is stored, or none of it. */
    async importRun(context: RequestContext, input: ImportInput): Promise<ImportResult> {
      authorise(context, 'child-data:import')
      return db.transaction().execute(async trx => {
        const valueMappings = await valueMappingsOf(trx, organisationOf(context))
        const result = await importIntoRun(trx, context, audit, { ...input, valueMappings })
        if (input.beforeCommit) await input.beforeCommit(trx, result)
        return result
      })
    },

    /** Aggregate information only: viewers may see it. */
    async listRuns(context: RequestContext, options: { limit?: number } = {}): Promise<RunSummary[]> {
      authorise(context, 'workspace:read')
      const rows = await db
        .selectFrom('annex_a_run')
        .selectAll()
        .where('organisation_id', '=', organisationOf(context))
        .orderBy('created_at', 'desc')
        .limit(Math.min(Math.max(options.limit ?? 100, 1), 500))
        .execute()
      return rows.map(toSummary)
    },

    async getRun(
      context: RequestContext,
      runId: string,
    ): Promise<RunSummary & { issueCodes: { code: string; severity: string; count: number }[] }> {
      authorise(context, 'workspace:read')
      const run = toSummary(await requireRun(db, context, runId))
      const codes = await db
        .selectFrom('annex_a_issue')
        .select(['code', 'severity', sql<number>`count(*)::int`.as('count')])
        .where('organisation_id', '=', organisationOf(context))
        .where('run_id', '=', runId)
        .groupBy(['code', 'severity'])
        .orderBy('count', 'desc')
        .execute()
      return { ...run, issueCodes: codes }
    },

    /** The issues log: child-level, so it needs child-data:read and leaves an audit event. */
    async listIssues(
      context: RequestContext,
      runId: string,
      filter: IssueFilter = {},
    ): Promise<{ issues: IssueRow[]; total: number; page: number; pageSize: number }> {
      authorise(context, 'child-data:read')
      await requireRun(db, context, runId)
      const pageSize = Math.min(Math.max(filter.pageSize ?? 50, 1), MAX_PAGE_SIZE)
      let query = db
        .selectFrom('annex_a_issue')
        .where('organisation_id', '=', organisationOf(context))
        .where('run_id', '=', runId)
      if (filter.list) query = query.where('list', '=', filter.list)
      if (filter.severity) query = query.where('severity', '=', filter.severity)
      if (filter.code) query = query.where('code', '=', filter.code)
      if (filter.childId) query = query.where('child_id', '=', filter.childId)
      const { total } = await query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow()
      const lastPage = Math.max(1, Math.ceil(total / pageSize))
      const page = Math.min(Math.max(filter.page ?? 1, 1), lastPage)
      const rows = await query
        .selectAll()
        .orderBy('list', order => order.asc().nullsFirst())
        .orderBy('row_number', order => order.asc().nullsFirst())
        .orderBy('issue_seq')
        .limit(pageSize)
        .offset((page - 1) * pageSize)
        .execute()
      await audit.recordChildDataAccess(context, 'view', {
        type: 'annex-a-run',
        id: runId,
        details: { what: 'issues', shown: rows.length, page },
      })
      return { issues: rows.map(toIssueRow), total, page, pageSize }
    },

    /** One issue with the row it is about, cell by cell under the file's own headers. */
    async getIssue(context: RequestContext, runId: string, issueSeq: number) {
      authorise(context, 'child-data:read')
      await requireRun(db, context, runId)
      const issue = await db
        .selectFrom('annex_a_issue')
        .selectAll()
        .where('organisation_id', '=', organisationOf(context))
        .where('run_id', '=', runId)
        .where('issue_seq', '=', issueSeq)
        .executeTakeFirst()
      if (!issue) throw new NotFoundError('No such issue')
      let row: { header: string; value: unknown }[] | null = null
      if (issue.sheet_index !== null && issue.row_number !== null) {
        const stored = await db
          .selectFrom('annex_a_row')
          .innerJoin('annex_a_sheet', join =>
            join
              .onRef('annex_a_sheet.organisation_id', '=', 'annex_a_row.organisation_id')
              .onRef('annex_a_sheet.run_id', '=', 'annex_a_row.run_id')
              .onRef('annex_a_sheet.sheet_index', '=', 'annex_a_row.sheet_index'),
          )
          .select(['annex_a_row.cells', 'annex_a_sheet.header_cells'])
          .where('annex_a_row.organisation_id', '=', organisationOf(context))
          .where('annex_a_row.run_id', '=', runId)
          .where('annex_a_row.sheet_index', '=', issue.sheet_index)
          .where('annex_a_row.row_number', '=', issue.row_number)
          .executeTakeFirst()
        if (stored) {
          const headers = (stored.header_cells ?? []) as unknown[]
          row = storedCells(stored.cells).map((value, index) => ({
            header: String(headers[index] ?? `Column ${index + 1}`),
            value,
          }))
        }
      }
      await audit.recordChildDataAccess(context, 'view', {
        type: 'annex-a-issue',
        id: `${runId}/${issueSeq}`,
        details: { what: 'issue with its row' },
      })
      return { issue: toIssueRow(issue), row }
    },

    async updateIssueStatus(
      context: RequestContext,
      runId: string,
      issueSeq: number,
      input: z.input<typeof issueStatusSchema>,
    ): Promise<void> {
      authorise(context, 'child-data:read')
      authorise(context, 'workspace:edit')
      const parsed = issueStatusSchema.safeParse(input)
      if (!parsed.success)
        throw new ValidationError(
          Object.fromEntries(parsed.error.issues.map(issue => [String(issue.path[0]), issue.message])),
        )
      await db.transaction().execute(async trx => {
        await requireRun(trx, context, runId)
        const updated = await trx
          .updateTable('annex_a_issue')
          .set({
            status: parsed.data.status,
            status_reason: parsed.data.status === 'accepted' ? parsed.data.reason : null,
            owner: parsed.data.owner || null,
            note: parsed.data.note || null,
            status_changed_at: clock(),
          })
          .where('organisation_id', '=', organisationOf(context))
          .where('run_id', '=', runId)
          .where('issue_seq', '=', issueSeq)
          .executeTakeFirst()
        if (Number(updated.numUpdatedRows) === 0) throw new NotFoundError('No such issue')
        await audit.record(trx, context, {
          action: 'annex-a.issue.status-changed',
          subjectType: 'annex-a-issue',
          subjectId: `${runId}/${issueSeq}`,
          details: { status: parsed.data.status },
        })
      })
    },

    /** Counts are aggregate (anyone who can read the workspace); the issues themselves need child-data:read. */
    async compareRuns(
      context: RequestContext,
      earlierRunId: string,
      laterRunId: string,
      options: { category?: ComparisonCategory; limit?: number; offset?: number; withIssues?: boolean } = {},
    ) {
      authorise(context, 'workspace:read')
      const earlier = toSummary(await requireRun(db, context, earlierRunId))
      const later = toSummary(await requireRun(db, context, laterRunId))
      const counts = await compareCounts(db, organisationOf(context), earlierRunId, laterRunId)
      if (!options.withIssues) return { earlier, later, counts, issues: null }
      authorise(context, 'child-data:read')
      const issues = await comparedIssues(db, organisationOf(context), earlierRunId, laterRunId, {
        category: options.category,
        limit: Math.min(Math.max(options.limit ?? 50, 1), 1000),
        offset: Math.max(options.offset ?? 0, 0),
      })
      await audit.recordChildDataAccess(context, 'view', {
        type: 'annex-a-run',
        id: laterRunId,
        details: { what: 'comparison', with: earlierRunId, shown: issues.length },
      })
      return { earlier, later, counts, issues }
    },

    async indicators(
      context: RequestContext,
      runId: string,
    ): Promise<{ run: RunSummary; indicators: IndicatorValue[] }> {
      authorise(context, 'workspace:read')
      const row = await requireRun(db, context, runId)
      return { run: toSummary(row), indicators: row.indicators as IndicatorValue[] }
    },

    /**
     * One child across the run: their rows on every list (cell by cell under the file's own headers) and every issue
     * about them. Child-level, so child-data:read and a child-data.view audit event (which never names the child).
     */
    async getChild(context: RequestContext, runId: string, childId: string) {
      authorise(context, 'child-data:read')
      const run = toSummary(await requireRun(db, context, runId))
      if (childId.length === 0 || childId.length > 100) throw new NotFoundError('No such child in this test run')
      const rows = await db
        .selectFrom('annex_a_row')
        .innerJoin('annex_a_sheet', join =>
          join
            .onRef('annex_a_sheet.organisation_id', '=', 'annex_a_row.organisation_id')
            .onRef('annex_a_sheet.run_id', '=', 'annex_a_row.run_id')
            .onRef('annex_a_sheet.sheet_index', '=', 'annex_a_row.sheet_index'),
        )
        .select([
          'annex_a_row.list',
          'annex_a_row.row_number',
          'annex_a_row.cells',
          'annex_a_sheet.name as sheet_name',
          'annex_a_sheet.header_cells',
        ])
        .where('annex_a_row.organisation_id', '=', organisationOf(context))
        .where('annex_a_row.run_id', '=', runId)
        .where('annex_a_row.child_id', '=', childId)
        .orderBy('annex_a_row.list')
        .orderBy('annex_a_row.row_number')
        .limit(1000)
        .execute()
      const issues = await db
        .selectFrom('annex_a_issue')
        .selectAll()
        .where('organisation_id', '=', organisationOf(context))
        .where('run_id', '=', runId)
        .where('child_id', '=', childId)
        .orderBy('list')
        .orderBy('row_number')
        .orderBy('issue_seq')
        .limit(1000)
        .execute()
      if (rows.length === 0 && issues.length === 0) throw new NotFoundError('No such child in this test run')
      await audit.recordChildDataAccess(context, 'view', {
        type: 'annex-a-run',
        id: runId,
        details: { what: 'child across lists', rows: rows.length, issues: issues.length },
      })
      const lists = LIST_NUMBERS.map(list => ({
        list,
        rows: rows
          .filter(row => row.list === list)
          .map(row => {
            const headers = (row.header_cells ?? []) as unknown[]
            return {
              sheetName: row.sheet_name,
              rowNumber: row.row_number,
              cells: storedCells(row.cells).map((value, index) => ({
                header: String(headers[index] ?? `Column ${index + 1}`),
                value,
              })),
            }
          }),
      })).filter(entry => entry.rows.length > 0)
      return { run, childId, lists, issues: issues.map(toIssueRow) }
    },

    /** Cleaned rows of one list, for case sampling and row views: a page at a time, `after` the last one's cursor. */
    async listRows(
      context: RequestContext,
      runId: string,
      list: ListNumber,
      options: { limit?: number; after?: RowCursor } = {},
    ) {
      authorise(context, 'child-data:read')
      await requireRun(db, context, runId)
      const key = { organisationId: organisationOf(context), runId }
      const rows = await pageOfListRows(
        db,
        key,
        list,
        await sheetsOfList(db, key, list),
        options.after ?? null,
        Math.min(Math.max(options.limit ?? 100, 1), 5000),
      )
      await audit.recordChildDataAccess(context, 'view', {
        type: 'annex-a-run',
        id: runId,
        details: { what: 'rows', list, shown: rows.length },
      })
      return rows.map(row => ({
        cursor: cursorOf(row),
        rowNumber: row.row_number,
        childId: row.child_id,
        data: storedRow(list, row.data),
      }))
    },

    /** Writes an XLSX (or, for issues, CSV) export to `target`; pseudonymised unless identifiable data is asked for. */
    async exportRun(
      context: RequestContext,
      runId: string,
      what: 'issues' | 'lists',
      target: Writable,
      options: { identifiable?: boolean; format?: 'xlsx' | 'csv' } = {},
    ): Promise<number> {
      const format = options.format ?? 'xlsx'
      if (format === 'csv' && what !== 'issues') throw new ValidationError({ format: 'Only the issues log is a CSV' })
      authorise(context, 'child-data:export')
      const run = await requireRun(db, context, runId)
      if (run.purged_at)
        throw new ValidationError({ run: 'The child-level rows of this run were purged under the retention setting' })
      const settings = await settingsOf(db, organisationOf(context))
      const pseudonymiser = options.identifiable ? null : createPseudonymiser(settings.pseudonym_secret)
      // Recorded before the file goes out: an export that fails half-way has still shown data.
      await audit.recordChildDataAccess(context, 'export', {
        type: 'annex-a-run',
        id: runId,
        details: { what, format, pseudonymised: pseudonymiser !== null },
      })
      const ref = { organisationId: organisationOf(context), runId, schemaVersion: run.schema_version }
      if (format === 'csv') return writeIssuesCsv(db, target, ref, pseudonymiser)
      return what === 'issues'
        ? writeIssuesWorkbook(db, target, ref, pseudonymiser)
        : writeListsWorkbook(db, target, ref, pseudonymiser)
    },

    async listValueMappings(context: RequestContext) {
      authorise(context, 'workspace:read')
      const rows = await db
        .selectFrom('annex_a_value_mapping')
        .selectAll()
        .where('organisation_id', '=', organisationOf(context))
        .orderBy('column_key')
        .orderBy('from_value')
        .execute()
      return rows.map(row => ({
        mappingId: row.mapping_id,
        list: row.list,
        column: row.column_key,
        from: row.from_value,
        to: row.to_value,
        updatedBy: row.updated_by_label,
        updatedAt: row.updated_at,
      }))
    },

    async saveValueMapping(context: RequestContext, input: z.input<typeof valueMappingSchema>): Promise<string> {
      authorise(context, 'child-data:import')
      const parsed = valueMappingSchema.safeParse(input)
      if (!parsed.success)
        throw new ValidationError(
          Object.fromEntries(parsed.error.issues.map(issue => [String(issue.path[0]), issue.message])),
        )
      const mappingId = randomUUID()
      return db.transaction().execute(async trx => {
        const list = parsed.data.list === '' ? null : parsed.data.list
        // Saving the same value again replaces what it maps to.
        await sql`
          DELETE FROM annex_a_value_mapping
          WHERE organisation_id = ${organisationOf(context)} AND coalesce(list, 0) = ${list ?? 0}
            AND column_key = ${parsed.data.column} AND lower(from_value) = lower(${parsed.data.from})`.execute(trx)
        await trx
          .insertInto('annex_a_value_mapping')
          .values({
            organisation_id: organisationOf(context),
            mapping_id: mappingId,
            list,
            column_key: parsed.data.column,
            from_value: parsed.data.from,
            to_value: parsed.data.to,
            updated_by_label: context.actor.label,
          })
          .execute()
        await audit.record(trx, context, {
          action: 'annex-a.value-mapping.saved',
          subjectType: 'annex-a-value-mapping',
          subjectId: mappingId,
        })
        return mappingId
      })
    },

    async deleteValueMapping(context: RequestContext, mappingId: string): Promise<void> {
      authorise(context, 'child-data:import')
      if (!z.string().uuid().safeParse(mappingId).success) throw new NotFoundError('No such mapping')
      await db.transaction().execute(async trx => {
        const deleted = await trx
          .deleteFrom('annex_a_value_mapping')
          .where('organisation_id', '=', organisationOf(context))
          .where('mapping_id', '=', mappingId)
          .executeTakeFirst()
        if (Number(deleted.numDeletedRows) === 0) throw new NotFoundError('No such mapping')
        await audit.record(trx, context, {
          action: 'annex-a.value-mapping.deleted',
          subjectType: 'annex-a-value-mapping',
          subjectId: mappingId,
        })
      })
    },

    /**
     * Validates a stored run again with today's value mappings, as a new run (the original stays as it was). The
     * rows come from the database, so the original file is not needed.
     */
    async reapplyMappings(context: RequestContext, runId: string): Promise<ImportResult> {
      authorise(context, 'child-data:import')
      const run = await requireRun(db, context, runId)
      if (run.purged_at)
        throw new ValidationError({
          run: 'The child-level rows of this run were purged, so it cannot be validated again',
        })
      return db.transaction().execute(async trx => {
        const valueMappings = await valueMappingsOf(trx, organisationOf(context))
        return importIntoRun(trx, context, audit, {
          events: storedEvents(trx, organisationOf(context), runId),
          sourceName: run.source_name,
          sourceKind: 'reapplied',
          referenceDate: run.reference_date,
          schema: 'auto',
          population: run.population ?? undefined,
          reappliedFromRunId: runId,
          valueMappings,
        })
      })
    },

    async getSettings(context: RequestContext) {
      authorise(context, 'workspace:read')
      const settings = await settingsOf(db, organisationOf(context))
      return { retentionMonths: settings.retention_months }
    },

    /** Administrators decide how long child-level rows are kept. */
    async setRetention(context: RequestContext, input: { retentionMonths: unknown }): Promise<void> {
      authorise(context, 'users:manage')
      const parsed = retentionSchema.safeParse(input)
      if (!parsed.success)
        throw new ValidationError({ retentionMonths: parsed.error.issues[0]?.message ?? 'Enter a number of months' })
      await db.transaction().execute(async trx => {
        await settingsOf(trx, organisationOf(context))
        await trx
          .updateTable('annex_a_setting')
          .set({ retention_months: parsed.data.retentionMonths, updated_at: clock() })
          .where('organisation_id', '=', organisationOf(context))
          .execute()
        await audit.record(trx, context, {
          action: 'annex-a.retention.changed',
          subjectType: 'organisation',
          subjectId: organisationOf(context),
          details: { retentionMonths: parsed.data.retentionMonths },
        })
      })
    },

    /**
     * Deletes the child-level rows and issues of runs older than the retention period. The run itself stays with
     * its counts and indicators (aggregate, not child-level), marked purged. One audit event per purged run.
     */
    async purgeExpired(context: RequestContext): Promise<{ purgedRuns: string[] }> {
      authorise(context, 'users:manage')
      return db.transaction().execute(async trx => {
        const settings = await settingsOf(trx, organisationOf(context))
        const cutoff = new Date(clock())
        cutoff.setUTCMonth(cutoff.getUTCMonth() - settings.retention_months)
        const expired = await trx
          .selectFrom('annex_a_run')
          .select('run_id')
          .where('organisation_id', '=', organisationOf(context))
          .where('purged_at', 'is', null)
          .where('created_at', '<', cutoff)
          .execute()
        for (const { run_id: runId } of expired) {
          for (const table of ['annex_a_row', 'annex_a_issue', 'annex_a_sheet'] as const) {
            await trx
              .deleteFrom(table)
              .where('organisation_id', '=', organisationOf(context))
              .where('run_id', '=', runId)
              .execute()
          }
          await trx
            .updateTable('annex_a_run')
            .set({ purged_at: clock() })
            .where('organisation_id', '=', organisationOf(context))
            .where('run_id', '=', runId)
            .execute()
          await audit.record(trx, context, {
            action: 'annex-a.run.purged',
            subjectType: 'annex-a-run',
            subjectId: runId,
            details: { retentionMonths: settings.retention_months },
          })
        }
        return { purgedRuns: expired.map(row => row.run_id) }
      })
    },

    listNumbers: LIST_NUMBERS,
  }
}

export type AnnexAService = ReturnType<typeof createAnnexAService>

function toIssueRow(row: {
  issue_seq: number
  code: string
  severity: string
  list: number | null
  row_number: number | null
  child_id: string | null
  column_name: string | null
  value: string | null
  message: string
  status: string
  status_reason: string | null
  owner: string | null
  note: string | null
}): IssueRow {
  return {
    issueSeq: row.issue_seq,
    code: row.code,
    severity: row.severity,
    list: row.list,
    rowNumber: row.row_number,
    childId: row.child_id,
    column: row.column_name,
    value: row.value,
    message: row.message,
    status: row.status,
    statusReason: row.status_reason,
    owner: row.owner,
    note: row.note,
  }
}

/** A stored run as reader events: each sheet's header row, then its data rows in order. */
async function* storedEvents(executor: Executor, organisationId: string, runId: string): AsyncGenerator<ReadEvent> {
  const sheets = await executor
    .selectFrom('annex_a_sheet')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('run_id', '=', runId)
    .orderBy('sheet_index')
    .execute()
  for (const sheet of sheets) {
    yield { type: 'sheet', name: sheet.name }
    if (sheet.header_row === null || !sheet.header_cells) continue
    yield { type: 'row', rowNumber: sheet.header_row, cells: sheet.header_cells as CellValue[] }
    // In key order (migration 0015): row number, then the order read, which differs only where a malformed file
    // repeated a row number.
    for (let after: { rowNumber: number; rowSeq: number } | null = null; ;) {
      let query = executor
        .selectFrom('annex_a_row')
        .select(['row_seq', 'row_number', 'cells'])
        .where('organisation_id', '=', organisationId)
        .where('run_id', '=', runId)
        .where('sheet_index', '=', sheet.sheet_index)
      if (after) query = query.where(sql<boolean>`(row_number, row_seq) > (${after.rowNumber}, ${after.rowSeq})`)
      const rows = await query.orderBy('row_number').orderBy('row_seq').limit(5000).execute()
      if (rows.length === 0) break
      for (const row of rows) yield { type: 'row', rowNumber: row.row_number, cells: storedCells(row.cells) }
      const last = rows[rows.length - 1]!
      after = { rowNumber: last.row_number, rowSeq: last.row_seq }
    }
  }
}
