/**
 * Annex A benchmark: `npx tsx bench/annexA.ts [--sizes 100000,1000000] [--skip-xlsx-above N]`. Prints one JSON
 * object. Each measurement runs in its own child process so peak RSS belongs to that step alone: generate synthetic
 * data (CSV per list, and XLSX), read + validate + indicators without a database, then import into PostgreSQL
 * (embedded server) in one transaction. Also runs the peers' 37k-row workbook for comparison.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = fileURLToPath(import.meta.url)
const ROWS_PER_CHILD = 4.0 // measured from the generator: 238,095 children gave 951,735 rows
const REFERENCE_DATE = '2024-03-31'
/** This file runs from bench/ under tsx, or compiled under build/bench/bench/: find the repository either way. */
function repositoryRoot(from: string): string {
  for (let dir = path.dirname(from); dir !== path.dirname(dir); dir = path.dirname(dir))
    if (existsSync(path.join(dir, 'package.json'))) return dir
  throw new Error('package.json not found above the benchmark')
}
const REPO = repositoryRoot(here)
const PEER_WORKBOOK = path.resolve(REPO, '..', 'shared', 'data', 'annex-a', 'peer-benchmark-37k-rows.xlsx')
/**
 * Workers run the compiled JavaScript with plain node, as `npm start` runs the service: under tsx every figure would
 * carry tsx's in-memory compilation (about 180 MB of RSS) and its per-function overhead. ANNEX_A_BENCH_CODE=src
 * runs the TypeScript through tsx instead, for profiling a change without building.
 */
const FROM_SOURCE = process.env.ANNEX_A_BENCH_CODE === 'src'
const COMPILED_WORKER = path.join(REPO, 'build', 'bench', 'bench', 'annexA.js')

type Step = {
  step: string
  rows: number
  seconds: number
  rowsPerSecond: number
  peakRssMb: number
  [key: string]: unknown
}

/**
 * Only the generator, which holds a whole synthetic authority in memory, gets a large heap; the measured steps get
 * the heap limit `npm start` gives the service (package.json), so their peak RSS is what the service would reach.
 */
const SERVICE_HEAP = serviceHeapFlags()
function runWorker(args: string[]): Promise<Step> {
  const heap = args[0] === 'generate' ? ['--max-old-space-size=6144'] : SERVICE_HEAP
  const entry = FROM_SOURCE ? ['--import', 'tsx', here] : [COMPILED_WORKER]
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...heap, ...entry, '--worker', ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    let out = ''
    child.stdout.on('data', chunk => (out += chunk))
    child.on('exit', code =>
      code === 0 ? resolve(JSON.parse(out) as Step) : reject(new Error(`worker ${args.join(' ')} exited ${code}`)),
    )
  })
}

/** The V8 heap flags of `npm start`, read from package.json so the benchmark can never measure other settings. */
function serviceHeapFlags(): string[] {
  const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { scripts: { start: string } }
  const flags = manifest.scripts.start.split(/\s+/).filter(word => /^--max-(old|semi)-space-size=\d+$/.test(word))
  if (flags.length === 0) throw new Error('package.json start script has no heap flags')
  return flags
}

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024)

async function* filesAsEvents(files: string[]) {
  const { openSpreadsheet } = await import('../src/services/spreadsheets/index.js')
  for (const file of files) yield* (await openSpreadsheet(file, { maxFileBytes: 4 * 1024 ** 3 })).events
}

async function listFiles(target: string): Promise<string[]> {
  const stat = await fs.stat(target)
  if (stat.isFile()) return [target]
  return (await fs.readdir(target))
    .filter(name => name.endsWith('.csv'))
    .sort()
    .map(name => path.join(target, name))
}

async function worker(args: string[]): Promise<Step> {
  const [mode, target, extra] = args
  const started = process.hrtime.bigint()
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9
  if (mode === 'generate') {
    const { generateAnnexA } = await import('../src/domain/annex-a/index.js')
    const { writeGeneratedCsvs, writeGeneratedXlsx } = await import('../src/services/annex-a/writeGenerated.js')
    const generated = generateAnnexA({
      seed: 42,
      children: Number(extra),
      referenceDate: REFERENCE_DATE,
      errorRate: 0.02,
    })
    const rows = generated.sheets.reduce((total, sheet) => total + sheet.rows.length - 2, 0)
    await writeGeneratedCsvs(generated, path.join(target!, 'csv'))
    if (args[3] !== 'no-xlsx') await writeGeneratedXlsx(generated, path.join(target!, 'annex-a.xlsx'))
    return {
      step: 'generate',
      rows,
      seconds: seconds(),
      rowsPerSecond: Math.round(rows / seconds()),
      peakRssMb: peakRssMb(),
    }
  }
  const files = await listFiles(target!)
  if (mode === 'validate') {
    const { createAnnexAValidator, createIndicatorAccumulator } = await import('../src/domain/annex-a/index.js')
    const validator = createAnnexAValidator({ referenceDate: REFERENCE_DATE })
    const indicators = createIndicatorAccumulator({ referenceDate: REFERENCE_DATE, population: 250_000 })
    let session: ReturnType<typeof validator.beginSheet> | null = null
    let issues = 0
    for await (const event of filesAsEvents(files)) {
      if (event.type === 'sheet') {
        if (session) issues += session.end().length
        session = validator.beginSheet(event.name)
        continue
      }
      const result = session!.addRow(event.cells, event.rowNumber)
      issues += result.issues.length
      if (result.outcome.kind === 'data') indicators.add(result.outcome.list, result.outcome.row)
    }
    if (session) issues += session.end().length
    const summary = validator.finish()
    indicators.finish()
    const rows = summary.summary.rows
    return {
      step: 'read+validate+indicators',
      format: path.extname(files[0]!).slice(1),
      rows,
      issues: issues + summary.finalIssues.length,
      seconds: seconds(),
      rowsPerSecond: Math.round(rows / seconds()),
      peakRssMb: peakRssMb(),
    }
  }
  // import: an embedded PostgreSQL of its own, timed from the first byte read to the commit.
  const { startEmbeddedServer } = await import('../src/db/embeddedServer.js')
  const { connect } = await import('../src/db/connect.js')
  const { migrateToLatest } = await import('../src/db/migrate.js')
  const { createServices } = await import('../src/services/index.js')
  const { systemContext } = await import('../src/services/context.js')
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'annex-a-bench-pg-'))
  const server = await startEmbeddedServer({ dataDir })
  try {
    await server.createDatabase('bench')
    const db = connect(server.url('bench'), { maxConnections: 2 })
    await migrateToLatest(db)
    const services = createServices({ db })
    const organisation = await services.organisations.create({ name: 'Benchmark Borough' }, 'bench')
    // What loading the app costs before a row is read (tsx compiles every module in memory): reported separately.
    const baselineRssMb = Math.round(process.memoryUsage().rss / 1024 / 1024)
    const importStarted = process.hrtime.bigint()
    const result = await services.annexA.importRun(systemContext(organisation.organisationId, 'bench'), {
      events: filesAsEvents(files),
      sourceName: path.basename(target!),
      sourceKind: 'bench',
      referenceDate: REFERENCE_DATE,
      population: 250_000,
    })
    const importSeconds = Number(process.hrtime.bigint() - importStarted) / 1e9
    await db.destroy()
    const rows = result.summary.rows
    return {
      step: 'import-to-postgresql',
      format: path.extname(files[0]!).slice(1),
      rows,
      seconds: importSeconds,
      rowsPerSecond: Math.round(rows / importSeconds),
      peakRssMb: peakRssMb(),
      baselineRssMb,
    }
  } finally {
    await server.stop()
    await fs.rm(dataDir, { recursive: true, force: true })
  }
}

async function main() {
  const argv = process.argv.slice(2)
  if (argv[0] === '--worker') {
    process.stdout.write(JSON.stringify(await worker(argv.slice(1))))
    return
  }
  if (!FROM_SOURCE) {
    const tsc = path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc')
    const built = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.bench.json'], { stdio: 'inherit', cwd: REPO })
    if (built.status !== 0) throw new Error('Building the benchmark failed (tsc -p tsconfig.bench.json)')
  }
  const sizeArg = argv.indexOf('--sizes')
  const sizes = (sizeArg >= 0 ? argv[sizeArg + 1]! : '100000,1000000').split(',').map(Number)
  const xlsxArg = argv.indexOf('--skip-xlsx-above')
  const xlsxLimit = xlsxArg >= 0 ? Number(argv[xlsxArg + 1]) : 1_000_000
  const results: Record<string, unknown>[] = []
  for (const targetRows of sizes) {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'annex-a-bench-'))
    try {
      const withXlsx = targetRows <= xlsxLimit
      const generated = await runWorker([
        'generate',
        dir,
        String(Math.round(targetRows / ROWS_PER_CHILD)),
        withXlsx ? 'xlsx' : 'no-xlsx',
      ])
      const size = { targetRows, rows: generated.rows, generate: generated, steps: [] as Step[] }
      size.steps.push(await runWorker(['validate', path.join(dir, 'csv')]))
      if (withXlsx) size.steps.push(await runWorker(['validate', path.join(dir, 'annex-a.xlsx')]))
      size.steps.push(await runWorker(['import', path.join(dir, 'csv')]))
      results.push(size)
    } finally {
      await fs.rm(dir, { recursive: true, force: true })
    }
  }
  const peer = await fs
    .access(PEER_WORKBOOK)
    .then(async () => ({
      workbook: 'peer-benchmark-37k-rows.xlsx',
      validate: await runWorker(['validate', PEER_WORKBOOK]),
      import: await runWorker(['import', PEER_WORKBOOK]),
      peers: { 'liia-tools': { rowsPerSecond: 400, peakRssMb: 500 } },
    }))
    .catch(() => null)
  process.stdout.write(
    `${JSON.stringify({ machine: { cpus: os.cpus().length, node: process.version }, sizes: results, peer }, null, 2)}\n`,
  )
}

await main()
