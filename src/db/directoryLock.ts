import fs from 'node:fs/promises'

/**
 * An exclusive lock file naming the process that owns a data directory. Two app instances must never
 * share one PostgreSQL cluster. A lock left by a process that no longer runs is reclaimed.
 */
export interface DirectoryLock {
  update(details: Record<string, unknown>): Promise<void>
  release(): Promise<void>
}

export class DirectoryLockedError extends Error {
  constructor(
    readonly lockFile: string,
    readonly ownerPid: number,
  ) {
    super(
      `Another Inspection Readiness instance (process ${ownerPid}) is using this data directory. ` +
        `Stop it first, or set READINESS_DATA_DIR to another directory. Lock file: ${lockFile}`,
    )
  }
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

// Locks this process holds. A lock naming our own pid that is not here was left by an earlier
// process that had the same pid (common in containers, where the app is always pid 1).
const heldByThisProcess = new Set<string>()

export async function acquireDirectoryLock(lockFile: string): Promise<DirectoryLock> {
  const body = { pid: process.pid, startedAt: new Date().toISOString() }
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await fs.writeFile(lockFile, JSON.stringify(body), { flag: 'wx', mode: 0o600 })
      heldByThisProcess.add(lockFile)
      return lockHandle(lockFile, body)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    }
    const ownerPid = await readOwner(lockFile)
    const ownedHere = ownerPid === process.pid && heldByThisProcess.has(lockFile)
    if (ownedHere || (ownerPid !== undefined && ownerPid !== process.pid && isProcessAlive(ownerPid))) {
      throw new DirectoryLockedError(lockFile, ownerPid)
    }
    // Stale: its owner is gone (for example killed with `kill -9`). Remove it and try again.
    await fs.rm(lockFile, { force: true })
  }
  throw new Error(`Could not take the lock ${lockFile}`)
}

async function readOwner(lockFile: string): Promise<number | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(lockFile, 'utf8')) as { pid?: unknown }
    return typeof parsed.pid === 'number' ? parsed.pid : undefined
  } catch {
    return undefined
  }
}

function lockHandle(lockFile: string, body: Record<string, unknown>): DirectoryLock {
  let details = body
  return {
    async update(extra) {
      details = { ...details, ...extra }
      await fs.writeFile(lockFile, JSON.stringify(details), { mode: 0o600 })
    },
    async release() {
      heldByThisProcess.delete(lockFile)
      if ((await readOwner(lockFile)) === process.pid) await fs.rm(lockFile, { force: true })
    },
  }
}
