import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { connect, type Db } from '../../src/db/connect.js'

export interface TestDatabase {
  db: Db
  url: string
  name: string
  drop(): Promise<void>
}

function adminUrl(): string {
  const url = process.env.TEST_DATABASE_ADMIN_URL
  if (!url) throw new Error('Integration tests run under `npm test` (test/run.ts), which starts PostgreSQL for them')
  return url
}

/** A fresh, migrated database for one test file, copied from the template test/run.ts prepared. */
export async function freshDatabase(): Promise<TestDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`
  const template = process.env.TEST_DATABASE_TEMPLATE ?? 'readiness_test_template'
  await adminQuery(`CREATE DATABASE "${name}" TEMPLATE "${template}"`)
  const url = databaseUrl(name)
  const db = connect(url, { maxConnections: 5 })
  return {
    db,
    url,
    name,
    async drop() {
      await db.destroy()
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    },
  }
}

/** An empty database (not migrated), for migration tests. */
export async function emptyDatabase(): Promise<TestDatabase> {
  const name = `e_${randomBytes(6).toString('hex')}`
  await adminQuery(`CREATE DATABASE "${name}"`)
  const url = databaseUrl(name)
  const db = connect(url, { maxConnections: 2 })
  return {
    db,
    url,
    name,
    async drop() {
      await db.destroy()
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    },
  }
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl())
  url.pathname = `/${name}`
  return url.toString()
}

async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() })
  await client.connect()
  try {
    await client.query(text)
  } finally {
    await client.end()
  }
}
