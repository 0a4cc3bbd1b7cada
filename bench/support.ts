import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { connect, type Db } from '../src/db/connect.js'
import { startEmbeddedServer, type EmbeddedServer } from '../src/db/embeddedServer.js'
import { migrateToLatest } from '../src/db/migrate.js'

/** A throwaway embedded PostgreSQL with a migrated database, for one benchmark run. */
export async function benchDatabase(): Promise<{
  db: Db
  url: string
  server: EmbeddedServer
  close(): Promise<void>
}> {
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'readiness-bench-'))
  const server = await startEmbeddedServer({ dataDir })
  await server.createDatabase('bench')
  const url = server.url('bench')
  const db = connect(url)
  await migrateToLatest(db)
  return {
    db,
    url,
    server,
    async close() {
      await db.destroy()
      await server.stop()
      await fs.rm(dataDir, { recursive: true, force: true })
    },
  }
}

export function percentile(sorted: number[], fraction: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!
}

export function round(value: number, places = 2): number {
  const factor = 10 ** places
  return Math.round(value * factor) / factor
}

export function machine() {
  return {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: round(os.totalmem() / 2 ** 30, 1),
  }
}
