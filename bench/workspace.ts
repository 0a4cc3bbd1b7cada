/**
 * Readiness workspace benchmark: `npx tsx bench/workspace.ts`. Prints one JSON object: RAG computation (pure),
 * plan row interpretation (pure), and a 5,000-action CSV plan imported end to end into PostgreSQL (embedded
 * server) in one transaction, then read back with RAG and the by-lead lists.
 */
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { computeRag, interpretPlanRows, PROGRESS_STATUSES, type RagInput } from '../src/domain/workspace/index.js'
import { createServices } from '../src/services/index.js'
import { systemContext } from '../src/services/context.js'
import { importPlanFile } from '../src/services/workspace/importPlanFile.js'
import { benchDatabase, machine, round } from './support.js'

const TODAY = '2026-03-16'
const ACTIONS = 5000

function date(offset: number): string {
  return new Date(Date.parse(`${TODAY}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10)
}

function timed<T>(work: () => T): { result: T; seconds: number } {
  const start = process.hrtime.bigint()
  const result = work()
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 }
}

function ragBench() {
  const items: RagInput[] = Array.from({ length: 200_000 }, (_, i) => ({
    status: PROGRESS_STATUSES[i % PROGRESS_STATUSES.length]!,
    milestoneDate: i % 7 === 0 ? null : date((i % 120) - 60),
    targetDate: i % 3 === 0 ? null : date((i % 200) - 50),
    lastUpdatedOn: date(-(i % 90)),
  }))
  const { seconds } = timed(() => items.map(item => computeRag(item, TODAY)))
  return { items: items.length, seconds: round(seconds, 3), itemsPerSecond: Math.round(items.length / seconds) }
}

function planRows(): string[][] {
  const rows = [
    [
      'Ref no.',
      'ISSUES',
      'Area of Responsibility',
      'Lead Manager',
      'Lead Officer',
      'Action',
      'Milestone Date',
      'Progress Against Action',
      'Risk/ RAG',
      'Completion date',
    ],
  ]
  for (let i = 0; i < ACTIONS; i += 1) {
    if (i % 50 === 0) rows.push([`S${i / 50}`, `Theme ${i / 50} (Laming Recommendation ${i % 60})`])
    const [y, m, d] = date((i % 300) - 150).split('-')
    rows.push([
      '',
      `Issue ${i}`,
      'Safeguarding',
      'Head of Service (BH)',
      `Lead ${i % 40}`,
      `Action number ${i}, reviewing practice`,
      `${d}/${m}/${y!.slice(2)}`,
      i % 9 === 0 ? 'Action completed' : 'On Target',
      '',
      '',
    ])
  }
  return rows
}

async function main() {
  const rows = planRows()
  const interpretation = timed(() => interpretPlanRows(rows.map((cells, index) => ({ rowNumber: index + 1, cells }))))
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'readiness-bench-plans-'))
  const file = path.join(dir, 'plan.csv')
  await fs.writeFile(file, rows.map(row => row.map(cell => `"${cell.replace(/"/g, '""')}"`).join(',')).join('\n'))
  const database = await benchDatabase()
  try {
    const services = createServices({ db: database.db })
    const organisation = await services.organisations.create({ name: 'Bench Council' }, 'bench')
    const context = systemContext(organisation.organisationId, 'bench')
    const start = process.hrtime.bigint()
    const imported = await importPlanFile(services.workspace.plans, context, file, { sourceName: 'plan.csv' })
    const importSeconds = Number(process.hrtime.bigint() - start) / 1e9
    const readStart = process.hrtime.bigint()
    await services.workspace.plans.get(context, imported.plan.id)
    await services.workspace.plans.tracking(context)
    const readSeconds = Number(process.hrtime.bigint() - readStart) / 1e9
    process.stdout.write(
      `${JSON.stringify({
        machine: machine(),
        rag: ragBench(),
        interpretRows: {
          rows: rows.length,
          seconds: round(interpretation.seconds, 3),
          rowsPerSecond: Math.round(rows.length / interpretation.seconds),
        },
        importCsvIntoPostgres: {
          rows: rows.length,
          actions: imported.items,
          seconds: round(importSeconds, 3),
          rowsPerSecond: Math.round(rows.length / importSeconds),
        },
        readPlanWithRagAndLists: { actions: imported.items, seconds: round(readSeconds, 3) },
      })}\n`,
    )
  } finally {
    await database.close()
    await fs.rm(dir, { recursive: true, force: true })
  }
}

await main()
