/**
 * Evidence bank: upload throughput (type check by content, SHA-256, write to a temp file and rename, rows and
 * audit event in one transaction) for 5 MB files, and search over 10,000 items (text, tag, area, owner).
 * Run: npx tsx bench/evidence.ts (or npm run bench -- evidence). Prints JSON.
 */
import { randomUUID } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { systemContext } from '../src/services/context.js'
import { createServices } from '../src/services/index.js'
import { createDiskEvidenceStore } from '../src/services/workspace/evidenceFiles.js'
import { createEvidenceService } from '../src/services/workspace/evidenceService.js'
import { benchDatabase, percentile, round } from './support.js'

const FILES = 20
const FILE_BYTES = 5 * 1024 * 1024
const ITEMS = 10_000

const database = await benchDatabase()
const root = await fs.mkdtemp(path.join(os.tmpdir(), 'readiness-evidence-bench-'))
try {
  const services = createServices({ db: database.db })
  const organisation = await services.organisations.create({ name: 'Bench Council' }, 'bench')
  const context = systemContext(organisation.organisationId, 'bench')
  const evidence = createEvidenceService({
    db: database.db,
    audit: services.audit,
    clock: () => new Date(),
    files: createDiskEvidenceStore(root),
    maxBytes: 25 * 1024 * 1024,
  })

  // Distinct 5 MB PDFs (a header, then filler that differs per file so every hash and file is new).
  const files = Array.from({ length: FILES }, (_, index) => {
    const bytes = Buffer.alloc(FILE_BYTES, 0x20)
    bytes.write(`%PDF-1.4\n% bench file ${index} ${randomUUID()}\n`, 0, 'latin1')
    return bytes
  })
  const uploadStart = performance.now()
  for (const [index, bytes] of files.entries()) {
    await evidence.create(
      context,
      { title: `Bench upload ${index}`, documentType: 'report' },
      { filename: `bench-${index}.pdf`, bytes },
    )
  }
  const uploadSeconds = (performance.now() - uploadStart) / 1000

  // 10,000 items inserted directly (the search is what is measured, not the seeding).
  const owners = ['LSCB business manager', 'Head of Safeguarding', 'Principal social worker', 'Performance team']
  const tags = ['lscb', 'governance', 'neglect', 'workforce', 'policy', 'annex a', 'audit', 'early help']
  const areas = ['slac-2009/lscb-minutes', 'slac-2009/workforce-data', 'ilacs-2023/help-and-protection']
  for (let start = 0; start < ITEMS; start += 1000) {
    await database.db
      .insertInto('evidence_item')
      .values(
        Array.from({ length: 1000 }, (_, offset) => {
          const n = start + offset
          return {
            organisation_id: organisation.organisationId,
            evidence_id: randomUUID(),
            title: `Document ${n} on ${tags[n % tags.length]} practice`,
            document_type: n % 5 === 0 ? 'policy' : 'report',
            owner: owners[n % owners.length]!,
            tags: [tags[n % tags.length]!, tags[(n * 7) % tags.length]!],
            areas: n % 3 === 0 ? [areas[n % areas.length]!] : [],
            document_date: `2026-${String((n % 12) + 1).padStart(2, '0')}-01`,
            created_by_label: 'bench',
          }
        }),
      )
      .execute()
  }
  const searches: [string, Record<string, string>][] = [
    ['text', { search: 'neglect' }],
    ['text, rare', { search: 'Document 9999 ' }],
    ['tag', { tag: 'workforce' }],
    ['area', { area: 'slac-2009/lscb-minutes' }],
    ['owner', { owner: 'head of safeguarding' }],
    ['text and tag', { search: 'practice', tag: 'audit' }],
  ]
  const searchResults: Record<string, { p50Ms: number; p95Ms: number; matches: number }> = {}
  for (const [name, filters] of searches) {
    const times: number[] = []
    let matches = 0
    for (let run = 0; run < 15; run += 1) {
      const started = performance.now()
      matches = (await evidence.list(context, filters)).total
      times.push(performance.now() - started)
    }
    times.sort((a, b) => a - b)
    searchResults[name] = { p50Ms: round(percentile(times, 0.5)), p95Ms: round(percentile(times, 0.95)), matches }
  }
  const checklistStart = performance.now()
  await evidence.checklist(context, 'slac-2009')
  const checklistMs = performance.now() - checklistStart

  process.stdout.write(
    `${JSON.stringify(
      {
        upload: {
          files: FILES,
          megabytesEach: FILE_BYTES / 1024 / 1024,
          seconds: round(uploadSeconds),
          filesPerSecond: round(FILES / uploadSeconds),
          megabytesPerSecond: round((FILES * FILE_BYTES) / 1024 / 1024 / uploadSeconds),
        },
        search: { items: ITEMS + FILES, pageLimit: 500, ...searchResults },
        checklistOver10kItemsMs: round(checklistMs),
      },
      null,
      2,
    )}\n`,
  )
} finally {
  await database.close()
  await fs.rm(root, { recursive: true, force: true })
}
