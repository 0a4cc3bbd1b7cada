import type { Command } from 'commander'
import { loadConfig } from '../../config.js'
import { migrateToLatest } from '../../db/migrate.js'
import { openDatabase } from '../../db/openDatabase.js'
import { createOutput } from '../output.js'

export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const output = createOutput(Boolean(options.json))
      const database = await openDatabase(loadConfig(), output.message, { shareRunning: true })
      try {
        const { applied } = await migrateToLatest(database.db)
        output.result({ applied }, applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date')
      } finally {
        await database.close()
      }
    })
}
