import { Migrator, sql, type MigrationProvider } from 'kysely'
import { checkMigrationHistory } from '../domain/platform/migrationHistory.js'
import type { Db } from './connect.js'
import { migrations } from './migrations/index.js'

export class MigrationHistoryError extends Error {}

const provider: MigrationProvider = { getMigrations: async () => migrations }

/** Applies pending migrations after checking that the applied list is a prefix of the known one. */
export async function migrateToLatest(db: Db): Promise<{ applied: string[] }> {
  const applied = await appliedMigrations(db)
  const check = checkMigrationHistory(applied, Object.keys(migrations))
  if (!check.ok) throw new MigrationHistoryError(`Refusing to migrate: ${check.reason}`)
  if (check.pending.length === 0) return { applied: [] }
  const migrator = new Migrator({ db, provider })
  const { error, results } = await migrator.migrateToLatest()
  if (error) throw error instanceof Error ? error : new Error(String(error))
  return { applied: (results ?? []).filter(result => result.status === 'Success').map(result => result.migrationName) }
}

async function appliedMigrations(db: Db): Promise<string[]> {
  const table = await sql<{
    exists: boolean
  }>`SELECT to_regclass('public.kysely_migration') IS NOT NULL AS exists`.execute(db)
  if (!table.rows[0]?.exists) return []
  const rows = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db)
  return rows.rows.map(row => row.name)
}
