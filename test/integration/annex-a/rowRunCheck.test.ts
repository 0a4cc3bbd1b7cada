import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { copyIn } from '../../../src/db/copy.js'
import { startTestApp, type TestApp } from '../../support/testApp.js'

const COPY_ROWS =
  'COPY annex_a_row (organisation_id, run_id, row_seq, sheet_index, list, row_number, child_id, cells, data) FROM STDIN'

/** Migration 0012 replaced annex_a_row's per-row foreign key with a per-statement check: the rule must still hold. */
describe('annex_a_row belongs to a test run (checked per statement)', () => {
  let t: TestApp
  let organisationId: string
  before(async () => {
    t = await startTestApp()
    organisationId = t.orgA.organisationId
  })
  after(async () => t.close())

  const newRun = async () => {
    const runId = randomUUID()
    await t.database.db
      .insertInto('annex_a_run')
      .values({
        organisation_id: organisationId,
        run_id: runId,
        reference_date: '2024-03-31',
        schema_version: '2023',
        schema_reason: 'test',
        source_name: 'rows.csv',
        source_kind: 'test',
        created_by_label: 'test',
      })
      .execute()
    return runId
  }
  const rowsOf = (runId: string, seqs: number[]) =>
    seqs.map(seq => ({
      organisation_id: organisationId,
      run_id: runId,
      row_seq: seq,
      sheet_index: 0,
      list: 1,
      row_number: seq + 1,
      child_id: `C${seq}`,
      cells: JSON.stringify([`C${seq}`]),
      data: JSON.stringify({ childId: `C${seq}` }),
    }))
  const countRows = async (runId: string) =>
    Number(
      (
        await sql<{ n: number }>`SELECT count(*)::int AS n FROM annex_a_row WHERE run_id = ${runId}`.execute(
          t.database.db,
        )
      ).rows[0]!.n,
    )
  const isForeignKeyViolation = (error: unknown) => (error as { code?: string }).code === '23503'

  it('accepts rows of an existing run, many in one statement', async () => {
    const runId = await newRun()
    await t.database.db
      .insertInto('annex_a_row')
      .values(rowsOf(runId, [1, 2, 3]))
      .execute()
    assert.equal(await countRows(runId), 3)
  })

  it('refuses a statement if any one of its rows names a run that does not exist, writing none of them', async () => {
    const runId = await newRun()
    const missing = randomUUID()
    await assert.rejects(
      t.database.db
        .insertInto('annex_a_row')
        .values([...rowsOf(runId, [1, 2]), ...rowsOf(missing, [3])])
        .execute(),
      isForeignKeyViolation,
    )
    assert.equal(await countRows(runId), 0)
    assert.equal(await countRows(missing), 0)
  })

  it('holds for rows written with COPY, as the import writes them, and a failed COPY leaves the connection usable', async () => {
    const runId = await newRun()
    const missing = randomUUID()
    const line = (run: string, seq: number) =>
      [organisationId, run, seq, 0, 1, seq + 1, `C${seq}`, JSON.stringify([`C${seq}`]), '[]'].join('\t') + '\n'
    await t.database.db.transaction().execute(async trx => {
      await copyIn(trx, COPY_ROWS, line(runId, 1) + line(runId, 2))
    })
    assert.equal(await countRows(runId), 2)
    await assert.rejects(
      t.database.db.transaction().execute(async trx => {
        await copyIn(trx, COPY_ROWS, line(runId, 3) + line(missing, 4))
      }),
      isForeignKeyViolation,
    )
    assert.equal(await countRows(runId), 2)
    assert.equal(await countRows(missing), 0)
    await t.database.db.transaction().execute(async trx => {
      await copyIn(trx, COPY_ROWS, line(runId, 5))
    })
    assert.equal(await countRows(runId), 3)
  })

  it('refuses moving rows to a run of another organisation or one that does not exist', async () => {
    const runId = await newRun()
    await t.database.db
      .insertInto('annex_a_row')
      .values(rowsOf(runId, [1]))
      .execute()
    await assert.rejects(
      t.database.db.updateTable('annex_a_row').set({ run_id: randomUUID() }).where('run_id', '=', runId).execute(),
      isForeignKeyViolation,
    )
    await assert.rejects(
      t.database.db
        .updateTable('annex_a_row')
        .set({ organisation_id: t.orgB.organisationId })
        .where('run_id', '=', runId)
        .execute(),
      isForeignKeyViolation,
    )
    assert.equal(await countRows(runId), 1)
  })

  it('deleting a run deletes its rows, as the cascade did', async () => {
    const runId = await newRun()
    await t.database.db
      .insertInto('annex_a_row')
      .values(rowsOf(runId, [1, 2]))
      .execute()
    await t.database.db.deleteFrom('annex_a_run').where('run_id', '=', runId).execute()
    assert.equal(await countRows(runId), 0)
  })

  it('a run deleted while an import is writing its rows takes those rows with it, as the foreign key ensured', async () => {
    const runId = await newRun()
    let release!: () => void
    const released = new Promise<void>(resolve => (release = resolve))
    let written!: () => void
    const rowsWritten = new Promise<void>(resolve => (written = resolve))
    const importing = t.database.db.transaction().execute(async trx => {
      await trx
        .insertInto('annex_a_row')
        .values(rowsOf(runId, [1, 2]))
        .execute()
      written()
      await released
    })
    await rowsWritten
    const deleting = t.database.db.deleteFrom('annex_a_run').where('run_id', '=', runId).execute()
    let deleted = false
    void deleting.then(() => (deleted = true))
    await new Promise(resolve => setTimeout(resolve, 300))
    assert.equal(deleted, false, 'the delete waits for the import holding the run')
    release()
    await importing
    await deleting
    assert.equal(await countRows(runId), 0, 'no orphaned child-level rows')
  })
})
