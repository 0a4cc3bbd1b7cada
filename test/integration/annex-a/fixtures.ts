import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { generateAnnexA } from '../../../src/domain/annex-a/index.js'
import type { Role } from '../../../src/domain/platform/roles.js'
import type { RequestContext } from '../../../src/services/context.js'
import { writeGeneratedCsvs, writeGeneratedXlsx } from '../../../src/services/annex-a/writeGenerated.js'
import type { ReadEvent } from '../../../src/services/spreadsheets/types.js'
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

/** The template's List 1 headers (2023), for tests that build rows cell by cell. */
export const LIST_1_HEADER = [
  'Child Unique ID',
  'Gender',
  'Ethnicity',
  'Date of Birth',
  'Age of Child (Years)',
  'Date of Contact',
  'Contact Source',
]

/** Imports reader events as given, with no file behind them (rows no spreadsheet writer would make), as orgA's analyst. */
export async function importEvents(t: TestApp, events: readonly ReadEvent[], sourceName: string): Promise<string> {
  async function* stream() {
    for (const event of events) yield event
  }
  const result = await t.services.annexA.importRun(contextOf(t, 'orgA', 'analyst'), {
    events: stream(),
    sourceName,
    sourceKind: path.extname(sourceName).slice(1),
    referenceDate: REFERENCE_DATE,
  })
  return result.runId
}
