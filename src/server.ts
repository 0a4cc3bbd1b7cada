import type { Express } from 'express'
import type { Server } from 'node:http'
import type { Config } from './config.js'
import { migrateToLatest } from './db/migrate.js'
import { openDatabase, type OpenDatabase } from './db/openDatabase.js'
import { formatDemoCredentials, seedDemo } from './services/demo/seedDemo.js'
import { createServices, type Services } from './services/index.js'
import { createApp } from './web/app.js'

export interface RunningServer {
  url: string
  services: Services
  database: OpenDatabase
  stop(): Promise<void>
}

/** Opens the database, migrates, seeds the demo (never in production), and serves. */
export async function startServer(config: Config, log: (message: string) => void): Promise<RunningServer> {
  const database = await openDatabase(config, log)
  try {
    const { applied } = await migrateToLatest(database.db)
    if (applied.length) log(`Applied migrations: ${applied.join(', ')}`)
    const services = createServices({ db: database.db, dataDir: config.dataDir })
    if (config.seedDemo && config.env !== 'production') {
      const credentials = await seedDemo(services)
      if (credentials) log(formatDemoCredentials(credentials))
    }
    const { app, sessionStore } = createApp({ services, db: database.db, config, log })
    const server = await listen(app, config.port, config.host)
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`
    const purgeTimer = setInterval(() => void sessionStore.purgeExpired().catch(() => undefined), 10 * 60_000)
    purgeTimer.unref()
    let stopping: Promise<void> | undefined
    return {
      url,
      services,
      database,
      stop() {
        stopping ??= (async () => {
          clearInterval(purgeTimer)
          await new Promise<void>(resolve => {
            server.close(() => resolve())
            server.closeAllConnections()
          })
          await database.close()
        })()
        return stopping
      },
    }
  } catch (error) {
    await database.close()
    throw error
  }
}

function listen(app: Express, port: number, host: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, error => (error ? reject(error) : resolve(server)))
  })
}
