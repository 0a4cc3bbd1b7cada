import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { migrateToLatest, MigrationHistoryError } from '../../../src/db/migrate.js'
import { migrations } from '../../../src/db/migrations/index.js'
import { PgSessionStore } from '../../../src/web/middleware/pgSessionStore.js'
import { connect } from '../../../src/db/connect.js'
import { createServices } from '../../../src/services/index.js'
import { emptyDatabase, freshDatabase, type TestDatabase } from '../../support/database.js'

describe('database', () => {
  let database: TestDatabase
  before(async () => {
    database = await freshDatabase()
  })
  after(async () => database.drop())

  it('gives every application table an organisation_id column', async () => {
    const tables = await sql<{ table_name: string; has_org: boolean }>`
      SELECT t.table_name, EXISTS (
        SELECT 1 FROM information_schema.columns c
        WHERE c.table_schema = 'public' AND c.table_name = t.table_name AND c.column_name = 'organisation_id'
      ) AS has_org
      FROM information_schema.tables t
      WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND t.table_name NOT LIKE 'kysely_%'`.execute(
      database.db,
    )
    assert.ok(tables.rows.length >= 5)
    const missing = tables.rows.filter(row => !row.has_org).map(row => row.table_name)
    assert.deepEqual(missing, [])
  })

  it('migrates an empty database, then finds nothing to do', async () => {
    const empty = await emptyDatabase()
    try {
      const first = await migrateToLatest(empty.db)
      assert.deepEqual(first.applied, Object.keys(migrations))
      const second = await migrateToLatest(empty.db)
      assert.deepEqual(second.applied, [])
    } finally {
      await empty.drop()
    }
  })

  it('refuses to migrate a database whose history is not a prefix of the known migrations', async () => {
    await sql`INSERT INTO kysely_migration (name, timestamp) VALUES ('9999_from_the_future', now())`.execute(
      database.db,
    )
    await assert.rejects(migrateToLatest(database.db), (error: unknown) => {
      assert.ok(error instanceof MigrationHistoryError)
      assert.match(error.message, /9999_from_the_future/)
      return true
    })
    await sql`DELETE FROM kysely_migration WHERE name = '9999_from_the_future'`.execute(database.db)
  })

  it('stores sessions in PostgreSQL with their organisation, and forgets expired ones', async () => {
    const store = new PgSessionStore(database.db, 60_000)
    const organisation = await createServices({ db: database.db }).organisations.create({
      name: 'Session Test Council',
    })
    const call = <T>(fn: (cb: (error?: unknown, value?: T) => void) => void) =>
      new Promise<T | undefined>((resolve, reject) => fn((error, value) => (error ? reject(error) : resolve(value))))
    const data = {
      cookie: { originalMaxAge: 60_000, expires: new Date(Date.now() + 60_000) },
      organisationId: organisation.organisationId,
      userId: 'u1',
    }
    await call(cb => store.set('sid-1', data as never, cb))
    const loaded = await call<Record<string, unknown> | null>(cb => store.get('sid-1', cb as never))
    assert.equal(loaded?.userId, 'u1')
    const row = await database.db
      .selectFrom('web_session')
      .select('organisation_id')
      .where('session_id', '=', 'sid-1')
      .executeTakeFirstOrThrow()
    assert.equal(row.organisation_id, organisation.organisationId)
    const expired = { cookie: { originalMaxAge: 1, expires: new Date(Date.now() - 1000) } }
    await call(cb => store.set('sid-2', expired as never, cb))
    assert.equal(await call(cb => store.get('sid-2', cb as never)), null)
    assert.ok((await store.purgeExpired()) >= 1)
    await call(cb => store.destroy('sid-1', cb))
    assert.equal(await call(cb => store.get('sid-1', cb as never)), null)
  })

  it('reports an unreachable database as down', async () => {
    const unreachable = connect('postgres://nobody:nothing@127.0.0.1:1/none', { maxConnections: 1 })
    const services = createServices({ db: unreachable })
    assert.equal(await services.health.databaseReachable(), false)
    await unreachable.destroy()
  })
})
