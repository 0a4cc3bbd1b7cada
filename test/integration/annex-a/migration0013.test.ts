import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { Migrator, sql } from 'kysely'
import { migrateToLatest } from '../../../src/db/migrate.js'
import { migrations } from '../../../src/db/migrations/index.js'
import { storedCells, storedRow } from '../../../src/services/annex-a/storedRows.js'
import { emptyDatabase, type TestDatabase } from '../../support/database.js'

/** Rows imported before migration 0013 were jsonb; afterwards they are JSON text and must read back the same. */
describe('migration 0013: Annex A rows from jsonb to JSON text', () => {
  let database: TestDatabase
  before(async () => {
    database = await emptyDatabase()
  })
  after(async () => database.drop())

  it('keeps every stored row readable, cells and values alike', async () => {
    const db = database.db
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
    const upTo0012 = await migrator.migrateTo('0012_annex_a_row_run_check_per_statement')
    assert.equal(upTo0012.error, undefined)
    const organisationId = randomUUID()
    const runId = randomUUID()
    await sql`INSERT INTO organisation (organisation_id, name) VALUES (${organisationId}, 'Old Borough')`.execute(db)
    await sql`
      INSERT INTO annex_a_run (organisation_id, run_id, reference_date, schema_version, schema_reason, source_name,
        source_kind, created_by_label)
      VALUES (${organisationId}, ${runId}, '2024-03-31', '2023', 'test', 'old.csv', 'csv', 'test')`.execute(db)
    const cells = ['C1', 'b) Female', 'tab\there', 'quote "x"', 7]
    const packed = ['C1', 'b) Female', 'a) WBRI', '2015-02-01', 9, '2024-03-01', 'a) 1A: Individual']
    const asObject = { childId: 'C2', gender: 'a) Male' }
    await sql`
      INSERT INTO annex_a_row (organisation_id, run_id, row_seq, sheet_index, list, row_number, child_id, cells, data)
      VALUES (${organisationId}, ${runId}, 1, 0, 1, 3, 'C1', ${JSON.stringify(cells)}::jsonb,
                ${JSON.stringify(packed)}::jsonb),
             (${organisationId}, ${runId}, 2, 0, 1, 4, 'C2', '["C2"]'::jsonb, ${JSON.stringify(asObject)}::jsonb)`.execute(
      db,
    )

    await migrateToLatest(db)

    const rows = await db
      .selectFrom('annex_a_row')
      .select(['cells', 'data'])
      .where('run_id', '=', runId)
      .orderBy('row_seq')
      .execute()
    assert.deepEqual(storedCells(rows[0]!.cells), cells)
    assert.equal(storedRow(1, rows[0]!.data).childId, 'C1')
    assert.equal(storedRow(1, rows[0]!.data).contactSource, 'a) 1A: Individual')
    // The oldest rows, stored as objects with key names, still read as they are.
    assert.deepEqual(storedRow(1, rows[1]!.data), asObject)
  })
})
