import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'
import { ConfigError } from '../../config.js'

/**
 * The files port of the evidence bank: content-addressed storage of uploaded bytes. The database holds the
 * metadata and the storage key; the bytes live here. Keys are '<organisation id>/<sha256>', so the same file
 * uploaded twice by one organisation is stored once, and no organisation can name another's file.
 */
export interface EvidenceFileStore {
  /** Stores the bytes (idempotent). `created` is false when identical bytes were already stored. */
  put(organisationId: string, sha256: string, bytes: Uint8Array): Promise<{ storageKey: string; created: boolean }>
  read(storageKey: string): Promise<Buffer>
  remove(storageKey: string): Promise<void>
  exists(storageKey: string): Promise<boolean>
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
const SHA256 = /^[0-9a-f]{64}$/

export function storageKeyFor(organisationId: string, sha256: string): string {
  if (!UUID.test(organisationId) || !SHA256.test(sha256)) throw new Error('Invalid evidence storage key')
  return `${organisationId}/${sha256}`
}

/**
 * Files under `<root>/<organisation id>/<sha256>`, mode 0600 and without an extension, so nothing there is ever
 * executable or served by anything but the download route. Each write goes to a temporary file in the same
 * folder and is renamed into place, so a reader never sees half a file.
 */
export function createDiskEvidenceStore(root: string): EvidenceFileStore {
  const pathOf = (storageKey: string) => {
    const [organisationId, sha256, ...rest] = storageKey.split('/')
    if (rest.length || !organisationId || !sha256) throw new Error('Invalid evidence storage key')
    return path.join(root, storageKeyFor(organisationId, sha256))
  }
  return {
    async put(organisationId, sha256, bytes) {
      const storageKey = storageKeyFor(organisationId, sha256)
      const target = pathOf(storageKey)
      if (await fileExists(target)) return { storageKey, created: false }
      await fs.mkdir(path.dirname(target), { recursive: true, mode: 0o700 })
      const temporary = `${target}.${randomBytes(6).toString('hex')}.partial`
      try {
        await fs.writeFile(temporary, bytes, { mode: 0o600, flag: 'wx' })
        await fs.rename(temporary, target)
      } catch (error) {
        await fs.rm(temporary, { force: true })
        throw error
      }
      return { storageKey, created: true }
    },
    read: storageKey => fs.readFile(pathOf(storageKey)),
    async remove(storageKey) {
      await fs.rm(pathOf(storageKey), { force: true })
    },
    exists: storageKey => fileExists(pathOf(storageKey)),
  }
}

async function fileExists(file: string): Promise<boolean> {
  try {
    await fs.access(file)
    return true
  } catch {
    return false
  }
}

export const DEFAULT_EVIDENCE_MAX_MEGABYTES = 25

export interface EvidenceSettings {
  store: EvidenceFileStore
  maxBytes: number
  root: string
}

const settingsSchema = z.object({
  READINESS_EVIDENCE_MAX_MB: z.coerce.number().int().min(1).max(500).default(DEFAULT_EVIDENCE_MAX_MEGABYTES),
})

let temporaryRoot: string | undefined

/**
 * The store and size limit for a deployment: files under `<data dir>/evidence`, and the upload limit from
 * READINESS_EVIDENCE_MAX_MB (default 25). Without a data directory (tests, benchmarks that build services on
 * a bare database) the files go to one private temporary folder for the process.
 */
export function evidenceSettings(dataDir: string | undefined, env = process.env): EvidenceSettings {
  const parsed = settingsSchema.safeParse({ READINESS_EVIDENCE_MAX_MB: env.READINESS_EVIDENCE_MAX_MB || undefined })
  if (!parsed.success)
    throw new ConfigError('READINESS_EVIDENCE_MAX_MB must be a whole number of megabytes from 1 to 500')
  temporaryRoot ??= path.join(os.tmpdir(), `readiness-evidence-${process.pid}-${randomBytes(4).toString('hex')}`)
  const root = dataDir ? path.join(dataDir, 'evidence') : temporaryRoot
  return { store: createDiskEvidenceStore(root), maxBytes: parsed.data.READINESS_EVIDENCE_MAX_MB * 1024 * 1024, root }
}
