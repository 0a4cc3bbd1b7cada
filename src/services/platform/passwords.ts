import { randomBytes } from 'node:crypto'
import argon2 from 'argon2'

// OWASP's argon2id baseline (19 MiB, 2 iterations, 1 lane): strong, and cheap enough for a 2-core server.
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, HASH_OPTIONS)
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password)
  } catch {
    return false
  }
}

/** A one-time password a person must change at first sign-in: 20 characters from an unambiguous alphabet. */
export function generateOneTimePassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789'
  const bytes = randomBytes(20)
  return Array.from(bytes, byte => alphabet[byte % alphabet.length]).join('')
}

let dummyHash: Promise<string> | undefined
/** Verifying against a dummy hash when no account matches keeps sign-in timing the same either way. */
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'))
  return dummyHash
}
