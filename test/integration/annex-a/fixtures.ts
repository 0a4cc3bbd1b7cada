import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { generateAnnexA } from '../../../src/domain/annex-a/index.js'
import type { Role } from '../../../src/domain/platform/roles.js'
import type { RequestContext } from '../../../src/services/context.js'
import { writeGeneratedCsvs, writeGeneratedXlsx } from '../../../src/services/annex-a/writeGenerated.js'
import type { TestApp } from '../../support/testApp.js'

export const REFERENCE_DATE = '2024-03-31'

export async function tempDir(): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), 'annex-a-test-'))
}

/** A synthetic workbook (fictional children only) with planted errors. */
export async function syntheticWorkbook(
  dir: string,
  options: { children?: number; seed?: number; errorRate?: number; name?: string } = {},
) {
  const generated = generateAnnexA({
    seed: options.seed ?? 7,
    children: options.children ?? 60,
    referenceDate: REFERENCE_DATE,
    errorRate: options.errorRate ?? 0.05,
  })
  const file = path.join(dir, options.name ?? 'annex-a.xlsx')
  await writeGeneratedXlsx(generated, file)
  return { file, generated }
}

export async function syntheticCsvs(
  dir: string,
  options: { children?: number; seed?: number; errorRate?: number } = {},
) {
  const generated = generateAnnexA({
    seed: options.seed ?? 7,
    children: options.children ?? 60,
    referenceDate: REFERENCE_DATE,
    ...(options.errorRate ? { errorRate: options.errorRate } : {}),
  })
  return { files: await writeGeneratedCsvs(generated, dir), generated }
}

export function contextOf(t: TestApp, org: 'orgA' | 'orgB', role: Role): RequestContext {
  const user = t[org].users[role]
  return { actor: { kind: 'user', userId: user.userId, organisationId: user.organisationId, role, label: user.email } }
}
