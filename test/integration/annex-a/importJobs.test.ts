import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { ForbiddenError, NotFoundError } from '../../../src/services/errors.js'
import { createAuditService } from '../../../src/services/platform/auditService.js'
import {
  createAnnexAImportJobs,
  ImportJobFinishedError,
  STALE_AFTER_MS,
} from '../../../src/services/annex-a/importJobs.js'
import { chainEvents, importFiles, openAll } from '../../../src/services/annex-a/importFile.js'
import { ImportCancelledError, type ImportProgress } from '../../../src/services/annex-a/importRun.js'
import { csrfTokenFrom, signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'
import { contextOf, REFERENCE_DATE, syntheticCsvs, tempDir } from './fixtures.js'

const runCount = async (t: TestApp, organisationId: string) =>
  Number(
    (
      await sql<{
        n: number
      }>`SELECT count(*)::int AS n FROM annex_a_run WHERE organisation_id = ${organisationId}`.execute(t.database.db)
    ).rows[0]!.n,
  )

const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  )

describe('Annex A background imports', () => {
  let t: TestApp
  let dir: string
  let csvFiles: string[]
  const savedThreshold = process.env.READINESS_ANNEX_A_BACKGROUND_BYTES
  before(async () => {
    t = await startTestApp()
    dir = await tempDir()
    csvFiles = (await syntheticCsvs(path.join(dir, 'lists'), { children: 40, seed: 9 })).files
    process.env.READINESS_ANNEX_A_BACKGROUND_BYTES = '0'
  })
  after(async () => {
    if (savedThreshold === undefined) delete process.env.READINESS_ANNEX_A_BACKGROUND_BYTES
    else process.env.READINESS_ANNEX_A_BACKGROUND_BYTES = savedThreshold
    await t.services.annexAImports.stop()
    await t.close()
    await fs.rm(dir, { recursive: true, force: true })
  })

  /** Copies of the list CSVs the worker may delete. */
  async function copies(prefix: string): Promise<{ path: string; name: string }[]> {
    const target = path.join(dir, prefix)
    await fs.mkdir(target, { recursive: true })
    return Promise.all(
      csvFiles.map(async file => {
        const copy = path.join(target, path.basename(file))
        await fs.copyFile(file, copy)
        return { path: copy, name: path.basename(file) }
      }),
    )
  }

  /** A worker with a data directory of its own, and one job queued on it by orgB's analyst. */
  async function queuedJobWithItsOwnWorker(name: string) {
    const dataDir = path.join(dir, name)
    const audit = createAuditService({ db: t.database.db })
    const worker = createAnnexAImportJobs({ db: t.database.db, audit, dataDir })
    const analyst = contextOf(t, 'orgB', 'analyst')
    const jobId = await worker.enqueue(analyst, await copies(name), { referenceDate: REFERENCE_DATE, schema: 'auto' })
    return { worker, analyst, jobId, jobFolder: path.join(dataDir, 'annex-a-jobs', jobId) }
  }

  async function uploadInBackground(agent: Awaited<ReturnType<typeof signedInAgent>>, files: string[]) {
    const form = await agent.get('/annex-a/runs/new').expect(200)
    let request = agent
      .post('/annex-a/runs/new')
      .field('_csrf', csrfTokenFrom(form.text))
      .field('referenceDate-day', '31')
      .field('referenceDate-month', '3')
      .field('referenceDate-year', '2024')
      .field('schema', 'auto')
      .field('population', '')
    for (const file of files) request = request.attach('annexAFile', file)
    const response = await request.expect(302)
    const match = /^\/annex-a\/imports\/([0-9a-f-]{36})$/.exec(response.headers.location ?? '')
    assert.ok(match, `redirected to ${response.headers.location}`)
    return match[1]!
  }

  it('returns at once to a status page, imports in the background as one run, then links to it', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.analyst.email)
    const before = await runCount(t, t.orgA.organisationId)
    const jobId = await uploadInBackground(agent, csvFiles)
    const page = await agent.get(`/annex-a/imports/${jobId}`).expect(200)
    assert.match(page.text, /Waiting to start|Reading and checking rows|Checking across lists|Saving the test run|Done/)
    assert.doesNotMatch(page.text, /http-equiv="refresh"/i, 'no meta refresh')
    if (!/Test run imported/.test(page.text))
      assert.ok(page.text.includes(`href="/annex-a/imports/${jobId}"`), 'a Check progress link while running')

    await t.services.annexAImports.idle()
    const done = await agent.get(`/annex-a/imports/${jobId}`).expect(200)
    assert.match(done.text, /Test run imported/)
    const job = await t.services.annexAImports.getJob(contextOf(t, 'orgA', 'analyst'), jobId)
    assert.equal(job.status, 'done')
    assert.ok(job.runId)
    assert.ok(done.text.includes(`/annex-a/runs/${job.runId}`))
    assert.equal(await runCount(t, t.orgA.organisationId), before + 1)
    const run = await t.services.annexA.getRun(contextOf(t, 'orgA', 'analyst'), job.runId)
    assert.equal(run.rows, job.rowsRead)
    assert.equal(run.lists.length, 11)

    const stored = await t.database.db
      .selectFrom('annex_a_import_job')
      .select('files')
      .where('job_id', '=', jobId)
      .executeTakeFirstOrThrow()
    for (const file of stored.files) assert.equal(await exists(file.path), false, 'uploaded files are deleted')

    // Only the organisation's importers see it.
    await (await signedInAgent(t.app, t.orgA.users.viewer.email)).get(`/annex-a/imports/${jobId}`).expect(403)
    await (await signedInAgent(t.app, t.orgB.users.admin.email)).get(`/annex-a/imports/${jobId}`).expect(404)
  })

  it('fails a job with an unreadable file with a precise message, storing nothing', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.analyst.email)
    const garbage = path.join(dir, 'garbage.xlsx')
    await fs.writeFile(garbage, Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]))
    const before = await runCount(t, t.orgA.organisationId)
    const jobId = await uploadInBackground(agent, [garbage])
    await t.services.annexAImports.idle()
    const page = await agent.get(`/annex-a/imports/${jobId}`).expect(200)
    assert.match(page.text, /The import failed/)
    assert.match(page.text, /garbage\.xlsx is damaged/)
    assert.match(page.text, /Upload again/)
    assert.equal(await runCount(t, t.orgA.organisationId), before)
  })

  it('reports progress by phase with growing counts', async () => {
    const seen: ImportProgress[] = []
    const files = await copies('progress')
    await importFiles(t.services.annexA, contextOf(t, 'orgB', 'analyst'), files, {
      referenceDate: REFERENCE_DATE,
      onProgress: progress => seen.push(progress),
    })
    const phases = seen.map(progress => progress.phase)
    assert.equal(phases[0], 'reading')
    assert.deepEqual(phases.slice(-2), ['validating', 'writing'])
    for (let index = 1; index < seen.length; index += 1)
      assert.ok(seen[index]!.rows >= seen[index - 1]!.rows, 'rows never go down')
    assert.ok(seen.at(-1)!.rows > 0)
  })

  it('recovers jobs a dead process left running: queued again once, then failed (files removed)', async () => {
    const jobs = t.services.annexAImports
    const analyst = contextOf(t, 'orgB', 'analyst')
    const files = await copies('dead')
    const jobId = await jobs.enqueue(analyst, files, { referenceDate: REFERENCE_DATE, schema: 'auto' })
    const longAgo = new Date(Date.now() - STALE_AFTER_MS - 1000)
    const pretendRunning = (attempts: number) =>
      t.database.db
        .updateTable('annex_a_import_job')
        .set({ status: 'reading', attempts, heartbeat_at: longAgo, started_at: longAgo })
        .where('job_id', '=', jobId)
        .execute()

    await pretendRunning(1)
    // A job another live worker is running (fresh heartbeat) is left alone.
    const fresh = await jobs.enqueue(analyst, [], { referenceDate: REFERENCE_DATE, schema: 'auto' })
    await t.database.db
      .updateTable('annex_a_import_job')
      .set({ status: 'writing', attempts: 1, heartbeat_at: new Date() })
      .where('job_id', '=', fresh)
      .execute()
    assert.deepEqual(await jobs.recoverStale(), { requeued: 1, failed: 0 })
    assert.equal((await jobs.getJob(analyst, jobId)).status, 'queued')
    assert.equal((await jobs.getJob(analyst, fresh)).status, 'writing')

    await pretendRunning(2)
    assert.deepEqual(await jobs.recoverStale(), { requeued: 0, failed: 1 })
    const failed = await jobs.getJob(analyst, jobId)
    assert.equal(failed.status, 'failed')
    assert.match(failed.error ?? '', /restarted while this import was running/)
    for (const file of files) assert.equal(await exists(file.path), false)
    await t.database.db.deleteFrom('annex_a_import_job').where('job_id', '=', fresh).execute()
  })

  it('two workers never take the same job (FOR UPDATE SKIP LOCKED), and each job makes exactly one run', async () => {
    const audit = createAuditService({ db: t.database.db })
    const workerA = createAnnexAImportJobs({ db: t.database.db, audit })
    const workerB = createAnnexAImportJobs({ db: t.database.db, audit })
    const analyst = contextOf(t, 'orgB', 'analyst')
    const before = await runCount(t, t.orgB.organisationId)
    const ids = [
      await workerA.enqueue(analyst, await copies('w1'), { referenceDate: REFERENCE_DATE, schema: 'auto' }),
      await workerA.enqueue(analyst, await copies('w2'), { referenceDate: REFERENCE_DATE, schema: 'auto' }),
    ]
    const took = await Promise.all([workerA.processNext(), workerB.processNext()])
    assert.deepEqual(took, [true, true])
    assert.equal(await workerA.processNext(), false, 'the queue is empty')
    const runs = await Promise.all(ids.map(id => workerA.getJob(analyst, id)))
    assert.deepEqual(
      runs.map(job => job.status),
      ['done', 'done'],
    )
    assert.notEqual(runs[0]!.runId, runs[1]!.runId)
    assert.equal(await runCount(t, t.orgB.organisationId), before + 2)
  })

  it('keeps queued files under the data directory, not in /tmp, and removes them when the job ends', async () => {
    const dataDir = path.join(dir, 'data-dir')
    const audit = createAuditService({ db: t.database.db })
    const worker = createAnnexAImportJobs({ db: t.database.db, audit, dataDir })
    const analyst = contextOf(t, 'orgB', 'analyst')
    const uploaded = await copies('kept')
    const jobId = await worker.enqueue(analyst, uploaded, { referenceDate: REFERENCE_DATE, schema: 'auto' })
    const jobFolder = path.join(dataDir, 'annex-a-jobs', jobId)
    for (const file of uploaded) assert.equal(await exists(file.path), false, 'moved out of the upload folder')
    assert.equal((await fs.readdir(jobFolder)).length, uploaded.length)
    const row = await t.database.db
      .selectFrom('annex_a_import_job')
      .select('files')
      .where('job_id', '=', jobId)
      .executeTakeFirstOrThrow()
    for (const file of row.files as { path: string }[]) assert.ok(file.path.startsWith(jobFolder))
    // Other workers (without a data directory) may share the queue: run until this job is done.
    while ((await worker.getJob(analyst, jobId)).status !== 'done') assert.ok(await worker.processNext())
    assert.equal(await exists(jobFolder), false, 'the job folder goes with its files')

    // A job row that cannot be written keeps nothing: the moved files are removed again.
    const more = await copies('refused')
    const refusing = createAnnexAImportJobs({
      db: t.database.db,
      audit: { ...audit, record: async () => Promise.reject(new Error('audit store unavailable')) },
      dataDir,
    })
    await assert.rejects(refusing.enqueue(analyst, more, { referenceDate: REFERENCE_DATE, schema: 'auto' }))
    assert.deepEqual(await fs.readdir(path.join(dataDir, 'annex-a-jobs')), [])
  })

  it('runs as the requester is now: a role taken away or an account disabled while the job waited stops it', async () => {
    const audit = createAuditService({ db: t.database.db })
    const worker = createAnnexAImportJobs({ db: t.database.db, audit })
    const analyst = contextOf(t, 'orgB', 'analyst')
    const userId = analyst.actor.kind === 'user' ? analyst.actor.userId : ''
    const setUser = (values: { role?: string; disabled_at?: Date | null }) =>
      t.database.db
        .updateTable('app_user')
        .set(values)
        .where('organisation_id', '=', t.orgB.organisationId)
        .where('user_id', '=', userId)
        .execute()
    const before = await runCount(t, t.orgB.organisationId)
    try {
      for (const change of [{ role: 'viewer' }, { disabled_at: new Date() }]) {
        const jobId = await worker.enqueue(analyst, await copies(`revoked-${Object.keys(change)[0]}`), {
          referenceDate: REFERENCE_DATE,
          schema: 'auto',
        })
        await setUser(change)
        while ((await worker.getJob(contextOf(t, 'orgB', 'admin'), jobId)).status === 'queued')
          assert.ok(await worker.processNext())
        const job = await worker.getJob(contextOf(t, 'orgB', 'admin'), jobId)
        assert.equal(job.status, 'failed')
        assert.match(job.error ?? '', /can no longer import Annex A data/)
        await setUser({ role: 'analyst', disabled_at: null })
      }
      assert.equal(await runCount(t, t.orgB.organisationId), before, 'nothing was imported')
    } finally {
      await setUser({ role: 'analyst', disabled_at: null })
    }
  })

  it('cancels a queued import: it never starts, its files go, and the cancel is audit-logged', async () => {
    const { worker, analyst, jobId, jobFolder } = await queuedJobWithItsOwnWorker('cancel-queued')
    const listed = await worker.listJobs(analyst)
    assert.equal(listed[0]!.jobId, jobId, 'newest first')
    assert.equal(listed[0]!.cancellable, true)
    const cancelled = await worker.cancelJob(analyst, jobId)
    assert.equal(cancelled.status, 'cancelled')
    assert.equal(cancelled.cancelledBy, analyst.actor.label)
    assert.equal(cancelled.cancellable, false)
    assert.match(cancelled.error ?? '', /^Cancelled by .+\. Nothing was stored\.$/)
    assert.equal(await exists(jobFolder), false, 'the files are gone')
    while (await worker.processNext()) {
      // other tests' jobs, if any: this one must not be among them
    }
    assert.equal((await worker.getJob(analyst, jobId)).status, 'cancelled', 'a cancelled job never starts')
    const events = await t.services.audit.listRecent(contextOf(t, 'orgB', 'admin'))
    assert.ok(events.some(event => event.action === 'annex-a.import.cancelled' && event.subjectId === jobId))
    await assert.rejects(worker.cancelJob(analyst, jobId), ImportJobFinishedError)
  })

  it('cancels a running import: it stops and rolls back, no run is stored, and its files go', async () => {
    const dataDir = path.join(dir, 'cancel-running')
    const audit = createAuditService({ db: t.database.db })
    const worker = createAnnexAImportJobs({ db: t.database.db, audit, dataDir })
    const analyst = contextOf(t, 'orgB', 'analyst')
    const bigger = await syntheticCsvs(path.join(dir, 'bigger'), { children: 3000, seed: 4 })
    const files = bigger.files.map(file => ({ path: file, name: path.basename(file) }))
    const jobId = await worker.enqueue(analyst, files, { referenceDate: REFERENCE_DATE, schema: 'auto' })
    const before = await runCount(t, t.orgB.organisationId)
    const running = (async () => {
      while ((await worker.getJob(analyst, jobId)).status === 'queued') assert.ok(await worker.processNext())
    })()
    while ((await worker.getJob(analyst, jobId)).status === 'queued')
      await new Promise(resolve => setTimeout(resolve, 5))
    await worker.cancelJob(analyst, jobId)
    await running
    const job = await worker.getJob(analyst, jobId)
    assert.equal(job.status, 'cancelled')
    assert.equal(job.runId, null)
    assert.equal(await runCount(t, t.orgB.organisationId), before, 'nothing of it was stored')
    assert.equal(await exists(path.join(dataDir, 'annex-a-jobs', jobId)), false, 'the files are gone')
  })

  it('an aborted signal stops an import within a few hundred rows, rolled back: the early stop, not the final guard', async () => {
    const bigger = await syntheticCsvs(path.join(dir, 'aborted'), { children: 3000, seed: 5 })
    const opened = await openAll(
      bigger.files.map(file => ({ path: file, name: path.basename(file) })),
      undefined,
    )
    let pulled = 0
    async function* counted() {
      for await (const event of chainEvents(opened)) {
        pulled += 1
        yield event
      }
    }
    const stop = new AbortController()
    const before = await runCount(t, t.orgB.organisationId)
    await assert.rejects(
      t.services.annexA.importRun(contextOf(t, 'orgB', 'analyst'), {
        events: counted(),
        sourceName: 'aborted',
        sourceKind: 'csv',
        referenceDate: REFERENCE_DATE,
        signal: stop.signal,
        onProgress: progress => {
          if (progress.rows >= 2000) stop.abort()
        },
      }),
      ImportCancelledError,
    )
    const total = bigger.generated.sheets.reduce((sum, sheet) => sum + sheet.rows.length, 0)
    assert.ok(pulled < 2000 + 300, `stopped after ${pulled} of ${total} rows`)
    assert.equal(await runCount(t, t.orgB.organisationId), before)
  })

  it('a running import cancelled while its worker is gone still has its files deleted at once', async () => {
    const { worker, analyst, jobId, jobFolder } = await queuedJobWithItsOwnWorker('cancel-orphan')
    // Claimed by a process that then died: no worker here will ever come back to it.
    await t.database.db
      .updateTable('annex_a_import_job')
      .set({ status: 'reading', attempts: 1, heartbeat_at: new Date() })
      .where('job_id', '=', jobId)
      .execute()
    await worker.cancelJob(analyst, jobId)
    assert.equal(await exists(jobFolder), false)
  })

  it('lists and cancels only within the organisation, and only for people who can import', async () => {
    const analystA = contextOf(t, 'orgA', 'analyst')
    const jobId = await t.services.annexAImports.enqueue(contextOf(t, 'orgB', 'analyst'), [], {
      referenceDate: REFERENCE_DATE,
      schema: 'auto',
    })
    assert.ok(!(await t.services.annexAImports.listJobs(analystA)).some(job => job.jobId === jobId))
    await assert.rejects(t.services.annexAImports.cancelJob(analystA, jobId), NotFoundError)
    await assert.rejects(t.services.annexAImports.listJobs(contextOf(t, 'orgB', 'viewer')), ForbiddenError)
    await assert.rejects(t.services.annexAImports.cancelJob(contextOf(t, 'orgB', 'viewer'), jobId), ForbiddenError)
    await t.services.annexAImports.cancelJob(contextOf(t, 'orgB', 'analyst'), jobId)
  })

  it('lists imports on the web and cancels one with Post/Redirect/Get; a finished one says it cannot be', async () => {
    const agent = await signedInAgent(t.app, t.orgB.users.analyst.email)
    const jobId = await t.services.annexAImports.enqueue(contextOf(t, 'orgB', 'analyst'), [], {
      referenceDate: REFERENCE_DATE,
      schema: 'auto',
    })
    const list = await agent.get('/annex-a/imports').expect(200)
    assert.match(list.text, new RegExp(`/annex-a/imports/${jobId}`))
    assert.match(list.text, /Waiting to start/)
    const page = await agent.get(`/annex-a/imports/${jobId}`).expect(200)
    assert.match(page.text, /Cancel this import/)
    const cancel = await agent
      .post(`/annex-a/imports/${jobId}/cancel`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) })
      .expect(302)
    assert.equal(cancel.headers.location, `/annex-a/imports/${jobId}`)
    const after = await agent.get(`/annex-a/imports/${jobId}`).expect(200)
    assert.match(after.text, /Import cancelled\. Nothing from it was stored\./)
    assert.match(after.text, /The import was cancelled/)
    assert.doesNotMatch(after.text, /Cancel this import/)
    await agent
      .post(`/annex-a/imports/${jobId}/cancel`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(after.text) })
      .expect(302)
    const again = await agent.get(`/annex-a/imports/${jobId}`).expect(200)
    assert.match(again.text, /There is a problem/)
    assert.match(again.text, /This import has already ended: it cannot be cancelled now/)
    await agent.post(`/annex-a/imports/${jobId}/cancel`).type('form').send({ _csrf: 'wrong' }).expect(403)
  })

  it('refuses people who cannot import, and unknown jobs', async () => {
    await assert.rejects(
      t.services.annexAImports.enqueue(contextOf(t, 'orgA', 'viewer'), [], {
        referenceDate: REFERENCE_DATE,
        schema: 'auto',
      }),
      ForbiddenError,
    )
    await assert.rejects(t.services.annexAImports.getJob(contextOf(t, 'orgA', 'analyst'), randomUUID()), NotFoundError)
    await assert.rejects(t.services.annexAImports.getJob(contextOf(t, 'orgA', 'analyst'), 'not-a-job'), NotFoundError)
  })
})
