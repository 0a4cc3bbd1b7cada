import { loadConfig } from '../config.js'
import { migrateToLatest } from '../db/migrate.js'
import { openDatabase } from '../db/openDatabase.js'
import { createServices, type Services } from '../services/index.js'

/** Opens the database (sharing a running app's embedded server if there is one), migrates, runs, closes. */
export async function withServices<T>(
  log: (message: string) => void,
  work: (services: Services) => Promise<T>,
): Promise<T> {
  const config = loadConfig()
  const database = await openDatabase(config, log, { shareRunning: true })
  try {
    await migrateToLatest(database.db)
    return await work(createServices({ db: database.db, dataDir: config.dataDir }))
  } finally {
    await database.close()
  }
}
