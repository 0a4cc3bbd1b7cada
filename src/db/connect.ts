import { once } from 'node:events'
import { Kysely, PostgresDialect, sql, type PostgresPool, type PostgresPoolClient } from 'kysely'
import pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
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
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: withCopySupport(pool) }) })
}

export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await sql`SELECT 1`.execute(db)
    return true
  } catch {
    return false
  }
}

/**
 * The data of a `COPY … FROM STDIN` statement, in PostgreSQL's text format, given to Kysely's `executeQuery` as the
 * statement's only parameter (see `copyIn` in copy.ts). COPY is PostgreSQL's bulk path: a million Annex A rows go in
 * with a third less work for the server than as multi-row INSERTs.
 */
export class CopyInData {
  constructor(readonly data: string | Uint8Array) {}
}

/**
 * Kysely runs every statement, in a transaction or not, through `client.query(sql, parameters)` of the pool's
 * clients. This wraps each client so that a statement whose parameter is `CopyInData` streams that data with the
 * COPY sub-protocol (pg-copy-streams) on the same connection, and so inside the caller's transaction.
 */
function withCopySupport(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>()
  return {
    async connect() {
      const client = await pool.connect()
      let wrapper = wrapped.get(client)
      if (!wrapper) {
        wrapper = {
          query: (text: string, parameters: readonly unknown[]) => {
            const [data] = parameters
            if (data instanceof CopyInData) return copyInto(client, text, data)
            return client.query(text, parameters as unknown[])
          },
          release: () => client.release(),
        } as unknown as PostgresPoolClient
        wrapped.set(client, wrapper)
      }
      return wrapper
    },
    end: () => pool.end(),
  }
}

async function copyInto(client: pg.PoolClient, statement: string, data: CopyInData) {
  const stream = client.query(copyFrom(statement))
  stream.end(data.data)
  // Rejects with the server's error (a bad value, a failed check) if the COPY fails.
  await once(stream, 'finish')
  return { command: 'COPY', rowCount: stream.rowCount, rows: [] }
}
