import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { sql, type Selectable } from 'kysely'
import { z } from 'zod'
import type { AnnexAImportJobTable } from '../../db/annexASchema.js'
import type { Db } from '../../db/connect.js'
import type { IsoDate, SchemaVersion } from '../../domain/annex-a/index.js'
import { can, isRole } from '../../domain/platform/roles.js'
import { actorUserId, authorise, type RequestContext } from '../context.js'
import { NotFoundError } from '../errors.js'
import type { AuditService } from '../platform/auditService.js'
import { SpreadsheetError } from '../spreadsheets/index.js'
import { createAnnexAService } from './annexAService.js'
import { chainEvents, describeSources, kindOf, openAll, type SourceFile } from './importFile.js'
import { ImportCancelledError, type ImportProgress } from './importRun.js'

export const IMPORT_JOB_STATUSES = [
  'queued',
  'reading',
  'validating',
  'writing',
  'done',
  'failed',
  'cancelled',
] as const
export type ImportJobStatus = (typeof IMPORT_JOB_STATUSES)[number]
const RUNNING = ['reading', 'validating', 'writing'] as const
const FINISHED: readonly ImportJobStatus[] = ['done', 'failed', 'cancelled']

/** A job whose worker has not said anything for this long is taken to be dead (its process stopped). */
export const STALE_AFTER_MS = 60_000
const HEARTBEAT_MS = 5_000
/** Progress is written at most this often (on its own connection, outside the import's transaction). */
const PROGRESS_EVERY_MS = 1_000
/** A job that was running when its process died is queued once more; after that it fails. */
const MAX_ATTEMPTS = 2

export interface ImportJobOptions {
  referenceDate: IsoDate
  schema: SchemaVersion | 'auto'
  population?: number | undefined
  maxFileBytes?: number | undefined
}

export interface ImportJobView {
  jobId: string
  status: ImportJobStatus
  sourceName: string
  files: string[]
  referenceDate: string
  rowsRead: number
  issuesFound: number
  runId: string | null
  error: string | null
  createdAt: Date
  startedAt: Date | null
  finishedAt: Date | null
  requestedBy: string
  cancelledBy: string | null
  /** Queued or running: a person who can import may still cancel it. */
  cancellable: boolean
}

const GENERIC_FAILURE = 'The import stopped because of a problem on our side. Nothing was stored. Try again.'
const DIED =
  'The service restarted while this import was running, twice. Nothing was stored. Upload the files again, or ask your administrator to check the server.'
const FILES_GONE = 'The uploaded files were no longer on the server when the import started. Upload them again.'
const NO_LONGER_ALLOWED =
  'The import did not run: the person who queued it can no longer import Annex A data (their role changed or their account was disabled). Nothing was stored.'

class RequesterNoLongerAllowed extends Error {}

/** A job that has already ended (done, failed or cancelled) cannot be cancelled. */
export class ImportJobFinishedError extends Error {}

type ImportJobRow = Selectable<AnnexAImportJobTable>

function toView(row: ImportJobRow): ImportJobView {
  const status = row.status as ImportJobStatus
  return {
    jobId: row.job_id,
    status,
    sourceName: row.source_name,
    files: row.files.map(file => file.name),
    referenceDate: row.options.referenceDate,
    rowsRead: row.rows_read,
    issuesFound: row.issues_found,
    runId: row.run_id,
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at as Date | null,
    finishedAt: row.finished_at as Date | null,
    requestedBy: row.requested_by_label,
    cancelledBy: row.cancelled_by_label,
    cancellable: !FINISHED.includes(status),
  }
}

/**
 * Background imports: the web upload of a large file queues a job and returns at once; a worker in the web process
 * claims queued jobs (FOR UPDATE SKIP LOCKED, so several processes never take the same one) and imports each as one
 * test run in one transaction, writing its progress (phase and counts) on a separate connection as it goes. The job
 * is marked done inside the run's transaction, so a run never exists without its job saying so, and a job never
 * says done without its run. A job left running by a process that died is queued again once, then failed.
 */
export function createAnnexAImportJobs({
  db,
  audit,
  clock = () => new Date(),
  log = () => undefined,
  dataDir,
}: {
  db: Db
  audit: AuditService
  clock?: () => Date
  log?: (message: string) => void
  /** Where queued files wait (`<dataDir>/annex-a-jobs/<job>`), so a restart that empties /tmp can still run them. */
  dataDir?: string | undefined
}) {
  const jobsRoot = dataDir ? path.join(dataDir, 'annex-a-jobs') : undefined

  /** Moves the uploaded files into the job's own folder under the data directory (without one, they stay put). */
  async function keepForJob<T extends { path: string }>(jobId: string, files: readonly T[]): Promise<T[]> {
    if (!jobsRoot) return [...files]
    const folder = path.join(jobsRoot, jobId)
    await fs.mkdir(folder, { recursive: true, mode: 0o700 })
    return Promise.all(
      files.map(async (file, index) => {
        const target = path.join(folder, String(index))
        await fs.rename(file.path, target).catch(async (error: NodeJS.ErrnoException) => {
          if (error.code !== 'EXDEV') throw error
          // Another file system (a tmpfs /tmp): copy, then delete the original.
          await fs.copyFile(file.path, target)
          await fs.rm(file.path, { force: true })
        })
        return { ...file, path: target }
      }),
    )
  }

  const annexA = createAnnexAService({ db, audit, clock })
  let current: Promise<void> = Promise.resolve()
  let busy = false
  let kicked = false
  let timer: NodeJS.Timeout | undefined
  let stopped = false

  async function enqueue(
    context: RequestContext,
    files: readonly (SourceFile & { size?: number })[],
    options: ImportJobOptions,
  ): Promise<string> {
    authorise(context, 'child-data:import')
    const jobId = randomUUID()
    const { actor } = context
    files = await keepForJob(jobId, files)
    const kept = files
    await db
      .transaction()
      .execute(async trx => {
        await trx
          .insertInto('annex_a_import_job')
          .values({
            organisation_id: actor.organisationId,
            job_id: jobId,
            source_name: describeSources(files),
            files: JSON.stringify(files.map(file => ({ path: file.path, name: file.name }))),
            options: JSON.stringify({
              referenceDate: options.referenceDate,
              schema: options.schema,
              population: options.population ?? null,
              maxFileBytes: options.maxFileBytes ?? null,
            }),
            total_bytes: files.reduce((total, file) => total + (file.size ?? 0), 0),
            requested_by_user_id: actorUserId(actor),
            requested_by_role: actor.kind === 'user' ? actor.role : null,
            requested_by_label: actor.label,
          })
          .execute()
        await audit.record(trx, context, {
          action: 'annex-a.import.queued',
          subjectType: 'annex-a-import-job',
          subjectId: jobId,
          details: { files: files.length, referenceDate: options.referenceDate },
        })
      })
      .catch(async (error: unknown) => {
        // No job row, so nothing will ever run or delete them: the kept files go now.
        await removeFiles(kept)
        throw error
      })
    return jobId
  }

  /** Status and counts only (no child-level data): the person who can import can follow it. */
  async function getJob(context: RequestContext, jobId: string): Promise<ImportJobView> {
    authorise(context, 'child-data:import')
    if (!z.string().uuid().safeParse(jobId).success) throw new NotFoundError('No such import')
    const row = await db
      .selectFrom('annex_a_import_job')
      .selectAll()
      .where('organisation_id', '=', context.actor.organisationId)
      .where('job_id', '=', jobId)
      .executeTakeFirst()
    if (!row) throw new NotFoundError('No such import')
    return toView(row)
  }

  /** The organisation's background imports, newest first: status and counts only, like getJob. */
  async function listJobs(context: RequestContext, options: { limit?: number } = {}): Promise<ImportJobView[]> {
    authorise(context, 'child-data:import')
    const rows = await db
      .selectFrom('annex_a_import_job')
      .selectAll()
      .where('organisation_id', '=', context.actor.organisationId)
      .orderBy('created_at', 'desc')
      .limit(Math.min(Math.max(options.limit ?? 50, 1), 500))
      .execute()
    return rows.map(toView)
  }

  /**
   * Cancels a queued or running import. A queued one never starts; a running one is marked cancelled here and its
   * worker, at its next progress write (within a second or two), stops and rolls back. Either way the files go now,
   * whether or not a worker is still alive to do it (a worker still reading keeps its open file until it stops).
   * Marking is locked against the worker's own "done", so exactly one of them wins: an import that committed first is
   * done and can no longer be cancelled.
   */
  async function cancelJob(context: RequestContext, jobId: string): Promise<ImportJobView> {
    authorise(context, 'child-data:import')
    if (!z.string().uuid().safeParse(jobId).success) throw new NotFoundError('No such import')
    const row = await db.transaction().execute(async trx => {
      const current = await trx
        .selectFrom('annex_a_import_job')
        .select(['status'])
        .where('organisation_id', '=', context.actor.organisationId)
        .where('job_id', '=', jobId)
        .forUpdate()
        .executeTakeFirst()
      if (!current) throw new NotFoundError('No such import')
      if (FINISHED.includes(current.status as ImportJobStatus))
        throw new ImportJobFinishedError(`This import has already ${current.status === 'done' ? 'finished' : 'ended'}`)
      const updated = await trx
        .updateTable('annex_a_import_job')
        .set({
          status: 'cancelled',
          error: `Cancelled by ${context.actor.label}. Nothing was stored.`,
          cancelled_by_label: context.actor.label,
          finished_at: clock(),
        })
        .where('organisation_id', '=', context.actor.organisationId)
        .where('job_id', '=', jobId)
        .returningAll()
        .executeTakeFirstOrThrow()
      await audit.record(trx, context, {
        action: 'annex-a.import.cancelled',
        subjectType: 'annex-a-import-job',
        subjectId: jobId,
        details: { was: current.status },
      })
      return updated
    })
    await removeFiles(row.files)
    return toView(row)
  }

  /** Jobs whose worker went quiet: queued again (first time) or failed; their files are deleted when failed. */
  async function recoverStale(now = clock()): Promise<{ requeued: number; failed: number }> {
    const staleBefore = new Date(now.getTime() - STALE_AFTER_MS)
    const { rows: stale } = await sql<{ status: string; files: { path: string }[] }>`
      UPDATE annex_a_import_job
      SET status = CASE WHEN attempts < ${MAX_ATTEMPTS} THEN 'queued' ELSE 'failed' END,
          error = CASE WHEN attempts < ${MAX_ATTEMPTS} THEN NULL ELSE ${DIED} END,
          finished_at = CASE WHEN attempts < ${MAX_ATTEMPTS} THEN NULL ELSE ${now}::timestamptz END,
          heartbeat_at = NULL
      WHERE status IN ('reading', 'validating', 'writing') AND (heartbeat_at IS NULL OR heartbeat_at < ${staleBefore})
      RETURNING status, files`.execute(db)
    for (const job of stale.filter(job => job.status === 'failed')) await removeFiles(job.files)
    return {
      requeued: stale.filter(job => job.status === 'queued').length,
      failed: stale.filter(job => job.status === 'failed').length,
    }
  }

  /** Claims the oldest queued job (skipping any another worker holds) and imports it. False when none is queued. */
  async function processNext(): Promise<boolean> {
    const claimed = await sql<{
      organisation_id: string
      job_id: string
      attempts: number
      files: { path: string; name: string }[]
      options: { referenceDate: string; schema: string; population: number | null; maxFileBytes: number | null }
      requested_by_user_id: string | null
      requested_by_role: string | null
      requested_by_label: string
    }>`
      UPDATE annex_a_import_job AS job
      SET status = 'reading', started_at = ${clock()}, heartbeat_at = ${clock()}, attempts = job.attempts + 1,
          rows_read = 0, issues_found = 0
      FROM (
        SELECT organisation_id, job_id FROM annex_a_import_job
        WHERE status = 'queued' ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED
      ) AS next
      WHERE job.organisation_id = next.organisation_id AND job.job_id = next.job_id
      RETURNING job.organisation_id, job.job_id, job.attempts, job.files, job.options, job.requested_by_user_id,
        job.requested_by_role, job.requested_by_label`.execute(db)
    const job = claimed.rows[0]
    if (!job) return false
    await runJob(job)
    return true
  }

  async function runJob(job: {
    organisation_id: string
    job_id: string
    attempts: number
    files: { path: string; name: string }[]
    options: { referenceDate: string; schema: string; population: number | null; maxFileBytes: number | null }
    requested_by_user_id: string | null
    requested_by_role: string | null
    requested_by_label: string
  }): Promise<void> {
    const key = { organisation_id: job.organisation_id, job_id: job.job_id }
    // The job runs as its requester as they are now, not as they were when they queued it: a role taken away or an
    // account disabled while the job waited stops it.
    const requester = job.requested_by_user_id
      ? await db
          .selectFrom('app_user')
          .select(['role', 'disabled_at'])
          .where('organisation_id', '=', job.organisation_id)
          .where('user_id', '=', job.requested_by_user_id)
          .executeTakeFirst()
      : undefined
    const currentRole = requester && requester.disabled_at === null && isRole(requester.role) ? requester.role : null
    const context: RequestContext =
      job.requested_by_user_id && currentRole
        ? {
            actor: {
              kind: 'user',
              userId: job.requested_by_user_id,
              organisationId: job.organisation_id,
              role: currentRole,
              label: job.requested_by_label,
            },
          }
        : { actor: { kind: 'system', organisationId: job.organisation_id, label: job.requested_by_label } }
    const mayImport = job.requested_by_user_id ? currentRole !== null && can(currentRole, 'child-data:import') : true

    // Progress and heartbeats go through the pool (not the import's transaction), one write at a time, so the
    // status page sees them while the import is still uncommitted. A failed write is not worth failing the import.
    let writing: Promise<unknown> = Promise.resolve()
    // Set when a write finds the job no longer running as this worker's: cancelled, or taken over.
    const stillOurs = new AbortController()
    let lastWrite = 0
    let lastPhase: ImportProgress['phase'] = 'reading'
    const update = (values: { status?: string; rows_read?: number; issues_found?: number }) => {
      writing = writing
        .then(() =>
          db
            .updateTable('annex_a_import_job')
            .set({ ...values, heartbeat_at: clock() })
            .where('organisation_id', '=', key.organisation_id)
            .where('job_id', '=', key.job_id)
            .where('attempts', '=', job.attempts)
            .where('status', 'in', [...RUNNING])
            .executeTakeFirst(),
        )
        .then(result => {
          if (result && Number(result.numUpdatedRows) === 0) stillOurs.abort()
        })
        .catch(() => undefined)
    }
    const onProgress = (progress: ImportProgress) => {
      const now = Date.now()
      if (progress.phase === lastPhase && now - lastWrite < PROGRESS_EVERY_MS) return
      lastPhase = progress.phase
      lastWrite = now
      update({ status: progress.phase, rows_read: progress.rows, issues_found: progress.issues })
    }
    const heartbeat = setInterval(() => update({}), HEARTBEAT_MS)
    heartbeat.unref()

    let failure: string | null = null
    let settled = false
    try {
      const present = await Promise.all(
        job.files.map(file =>
          fs.stat(file.path).then(
            () => true,
            () => false,
          ),
        ),
      )
      if (!mayImport) throw new RequesterNoLongerAllowed()
      if (present.includes(false)) throw new SpreadsheetError(FILES_GONE)
      const opened = await openAll(job.files, job.options.maxFileBytes ?? undefined)
      await annexA.importRun(context, {
        events: chainEvents(opened),
        sourceName: describeSources(job.files),
        sourceKind: kindOf(opened),
        referenceDate: job.options.referenceDate,
        schema: job.options.schema as SchemaVersion | 'auto',
        population: job.options.population ?? undefined,
        onProgress,
        signal: stillOurs.signal,
        // Done, with the run and the final counts, in the run's own transaction: both or neither.
        beforeCommit: async (trx, result) => {
          const marked = await trx
            .updateTable('annex_a_import_job')
            .set({
              status: 'done',
              run_id: result.runId,
              rows_read: result.summary.rows,
              issues_found: result.summary.errors + result.summary.warnings + result.summary.queries,
              finished_at: clock(),
              heartbeat_at: clock(),
            })
            .where('organisation_id', '=', key.organisation_id)
            .where('job_id', '=', key.job_id)
            .where('attempts', '=', job.attempts)
            .where('status', 'in', [...RUNNING])
            .executeTakeFirst()
          // Another worker took the job over (this one was thought dead): let that one's run stand, not this one.
          if (Number(marked.numUpdatedRows) !== 1) throw new Error('import job taken over by another worker')
        },
      })
      settled = true
    } catch (error) {
      // Rolled back. Whatever stopped it (its next check, or "done" refused at the very end), a job that was cancelled
      // says so already, and its files go. A job taken over by another worker: the files are that worker's now.
      const now = await db
        .selectFrom('annex_a_import_job')
        .select('status')
        .where('organisation_id', '=', key.organisation_id)
        .where('job_id', '=', key.job_id)
        .executeTakeFirst()
        .catch(() => undefined)
      if (now?.status === 'cancelled') settled = true
      else if (error instanceof ImportCancelledError || stillOurs.signal.aborted) settled = false
      else if (error instanceof SpreadsheetError) failure = `The files cannot be read: ${error.message}`
      else if (error instanceof RequesterNoLongerAllowed) failure = NO_LONGER_ALLOWED
      else {
        failure = GENERIC_FAILURE
        log(`Annex A import job ${key.job_id} failed: ${error instanceof Error ? error.message : String(error)}`)
      }
    } finally {
      clearInterval(heartbeat)
      await writing
    }
    if (failure !== null) {
      const marked = await db
        .updateTable('annex_a_import_job')
        .set({ status: 'failed', error: failure, finished_at: clock(), heartbeat_at: clock() })
        .where('organisation_id', '=', key.organisation_id)
        .where('job_id', '=', key.job_id)
        .where('attempts', '=', job.attempts)
        .where('status', 'in', [...RUNNING])
        .executeTakeFirst()
        .catch(() => null)
      settled = marked !== null && Number(marked.numUpdatedRows) === 1
    }
    // Files go once the job has ended for good; if even that could not be written (the database went away as the
    // process stopped), they stay for the restart, which queues the job again.
    if (settled) await removeFiles(job.files)
  }

  async function removeFiles(files: readonly { path: string }[]) {
    await Promise.all(files.map(file => fs.rm(file.path, { force: true }).catch(() => undefined)))
    // The job's own folder goes too, once empty; folders elsewhere (no data directory) are not ours.
    const folders = new Set(files.map(file => path.dirname(file.path)))
    for (const folder of folders) {
      if (jobsRoot && path.dirname(folder) === jobsRoot) await fs.rmdir(folder).catch(() => undefined)
    }
  }

  /** Works through the queue until it is empty; one job at a time per process. */
  function drain(): Promise<void> {
    if (busy) {
      kicked = true
      return current
    }
    busy = true
    current = (async () => {
      try {
        do {
          kicked = false
          while (!stopped && (await processNext().catch(error => (log(`Annex A import worker: ${error}`), false)))) {
            // next job
          }
        } while (kicked && !stopped)
      } finally {
        busy = false
      }
    })()
    return current
  }

  return {
    enqueue,
    getJob,
    listJobs,
    cancelJob,
    recoverStale,
    processNext,
    /** Start working on the queue now (after an upload), without waiting for the next poll. */
    kick(): void {
      if (!stopped) void drain()
    },
    /** Resolves when the worker has nothing in hand (tests await this before closing the database). */
    idle(): Promise<void> {
      return current
    },
    /**
     * Run by the web server: recover jobs a dead process left running, then poll the queue (a job queued by
     * another process, or one left queued by a restart, is picked up within `pollMs`).
     */
    async start({ pollMs = 2_000 }: { pollMs?: number } = {}): Promise<void> {
      stopped = false
      const recovered = await recoverStale()
      if (recovered.requeued + recovered.failed > 0)
        log(
          `Annex A imports left running by a stopped process: ${recovered.requeued} queued again, ${recovered.failed} failed`,
        )
      const tick = async () => {
        if (stopped) return
        await recoverStale().catch(() => undefined)
        await drain()
        if (!stopped) {
          timer = setTimeout(() => void tick(), pollMs)
          timer.unref()
        }
      }
      void tick()
    },
    /** Stops polling and waits for the job in hand (its transaction commits or rolls back). */
    async stop(): Promise<void> {
      stopped = true
      if (timer) clearTimeout(timer)
      await current
    },
  }
}

export type AnnexAImportJobs = ReturnType<typeof createAnnexAImportJobs>
