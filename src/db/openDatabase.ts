import type { Config } from '../config.js'
import { connect, type Db } from './connect.js'
import { DirectoryLockedError } from './directoryLock.js'
import { runningServerUrl, startEmbeddedServer, type EmbeddedServer } from './embeddedServer.js'

export const EMBEDDED_DATABASE_NAME = 'readiness'

export interface OpenDatabase {
  db: Db
  mode: 'embedded' | 'external' | 'shared'
  close(): Promise<void>
}

/** `DATABASE_URL` selects an external server; otherwise the app runs its own PostgreSQL under the data dir. */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  log: (message: string) => void,
  options: { shareRunning?: boolean } = {},
): Promise<OpenDatabase> {
  if (config.databaseUrl) {
    const db = connect(config.databaseUrl)
    return { db, mode: 'external', close: () => db.destroy() }
  }
  let server: EmbeddedServer
  try {
    server = await startEmbeddedServer({ dataDir: config.dataDir, log })
  } catch (error) {
    // The app is already serving from this data directory: share its running server instead.
    if (!(error instanceof DirectoryLockedError) || !options.shareRunning) throw error
    const url = await runningServerUrl(config.dataDir, EMBEDDED_DATABASE_NAME)
    if (!url) throw error
    const db = connect(url, { maxConnections: 2 })
    return { db, mode: 'shared', close: () => db.destroy() }
  }
  try {
    await server.createDatabase(EMBEDDED_DATABASE_NAME)
  } catch (error) {
    await server.stop()
    throw error
  }
  const db = connect(server.url(EMBEDDED_DATABASE_NAME))
  return {
    db,
    mode: 'embedded',
    async close() {
      await db.destroy()
      await server.stop()
    },
  }
}
