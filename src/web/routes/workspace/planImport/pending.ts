import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { Request } from 'express'
import type { PlanKind } from '../../../../services/workspace/planTypes.js'

/**
 * An upload waiting for its columns to be confirmed. The file sits in a private folder under a random token;
 * only the token (and what the person typed) is in their session, so nobody else can reach it. It is removed
 * after the import, on cancel, when a new upload replaces it, or once it has expired.
 */
export interface PendingPlanImport {
  token: string
  sourceName: string
  title: string
  kind: PlanKind
  expiresAt: number
}

declare module 'express-session' {
  interface SessionData {
    planImport?: PendingPlanImport
  }
}

export const PENDING_TTL_MS = 30 * 60 * 1000
const DIRECTORY = path.join(os.tmpdir(), 'readiness-plan-imports')
const TOKEN = /^[0-9a-f]{48}$/

export function pendingPath(token: string): string {
  if (!TOKEN.test(token)) throw new Error('Not an upload token')
  return path.join(DIRECTORY, token)
}

/** Removes files older than the time limit left by sessions that never came back. */
async function sweep(now: number): Promise<void> {
  const names = await fs.readdir(DIRECTORY).catch(() => [] as string[])
  for (const name of names) {
    if (!TOKEN.test(name)) continue
    const file = path.join(DIRECTORY, name)
    const stat = await fs.stat(file).catch(() => undefined)
    if (stat && now - stat.mtimeMs > PENDING_TTL_MS) await fs.rm(file, { force: true })
  }
}

/** Moves the uploaded file out of the upload folder and remembers it in the session. */
export async function keepPending(
  req: Request,
  uploadedPath: string,
  details: Omit<PendingPlanImport, 'token' | 'expiresAt'>,
  now = Date.now(),
): Promise<PendingPlanImport> {
  await discardPending(req)
  await fs.mkdir(DIRECTORY, { recursive: true, mode: 0o700 })
  await sweep(now)
  const token = randomBytes(24).toString('hex')
  await fs.copyFile(uploadedPath, pendingPath(token))
  await fs.chmod(pendingPath(token), 0o600)
  const pending = { ...details, token, expiresAt: now + PENDING_TTL_MS }
  req.session.planImport = pending
  return pending
}

/** The session's waiting upload, or undefined (an expired one is removed on the way). */
export async function currentPending(req: Request, now = Date.now()): Promise<PendingPlanImport | undefined> {
  const pending = req.session.planImport
  if (!pending) return undefined
  if (pending.expiresAt < now || !TOKEN.test(pending.token)) {
    await discardPending(req)
    return undefined
  }
  const exists = await fs
    .stat(pendingPath(pending.token))
    .then(() => true)
    .catch(() => false)
  if (!exists) {
    delete req.session.planImport
    return undefined
  }
  return pending
}

export async function discardPending(req: Request): Promise<void> {
  const pending = req.session.planImport
  delete req.session.planImport
  if (pending && TOKEN.test(pending.token)) await fs.rm(pendingPath(pending.token), { force: true })
}
