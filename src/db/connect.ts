import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.js'

// Dates of birth and Annex A dates are calendar dates, not instants: keep `date` columns as 'YYYY-MM-DD'.
pg.types.setTypeParser(pg.types.builtins.DATE, value => value)
// bigint counts fit comfortably in a JS number for our volumes.
pg.types.setTypeParser(pg.types.builtins.INT8, value => Number.parseInt(value, 10))

export type Db = Kysely<Database>

export function connect(connectionString: string, options: { maxConnections?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString, max: options.maxConnections ?? 10, idleTimeoutMillis: 30_000 })
  // A dropped connection must not crash the process; the next query reports the problem.
  pool.on('error', () => undefined)
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}

export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await sql`SELECT 1`.execute(db)
    return true
  } catch {
    return false
  }
}
