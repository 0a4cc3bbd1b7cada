import assert from 'node:assert/strict'
import fs from 'node:fs/promises'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { runCliInProcess } from '../../support/cli.js'
import { systemContext } from '../../../src/services/context.js'
import { startTestApp, type TestApp } from '../../support/testApp.js'
import { tempDir } from './fixtures.js'

describe('readiness annex-a', () => {
  let t: TestApp
  let dir: string
  let env: NodeJS.ProcessEnv
  before(async () => {
    t = await startTestApp()
    dir = await tempDir()
    env = { DATABASE_URL: t.database.url, READINESS_DATA_DIR: dir, LOG_LEVEL: 'silent' }
  })
  after(async () => {
    await t.close()
    await fs.rm(dir, { recursive: true, force: true })
  })

  it('generates, validates without a database, imports, and answers issues, indicators and compare as JSON', async () => {
    const workbook = path.join(dir, 'synthetic.xlsx')
    const generated = await runCliInProcess(
      [
        'annex-a',
        'generate',
        '--children',
        '40',
        '--seed',
        '5',
        '--reference-date',
        '2024-03-31',
        '--out',
        workbook,
        '--error-rate',
        '0.05',
        '--json',
      ],
      {},
    )
    assert.equal(generated.code, 0, generated.stderr)
    const manifest = JSON.parse(await fs.readFile(JSON.parse(generated.stdout).manifest, 'utf8')) as {
      list: number
      row: number
      expectedCode: string
    }[]

    const validated = await runCliInProcess(
      ['annex-a', 'validate', workbook, '--reference-date', '2024-03-31', '--json'],
      {
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      },
    )
    assert.equal(validated.code, 0, validated.stderr)
    const report = JSON.parse(validated.stdout) as {
      issues: { code: string; list: number; row: number }[]
      summary: { rows: number }
    }
    assert.ok(report.summary.rows > 0)
    for (const planted of manifest)
      assert.ok(
        report.issues.some(
          issue => issue.code === planted.expectedCode && issue.list === planted.list && issue.row === planted.row,
        ),
      )

    const imported = await runCliInProcess(
      ['annex-a', 'import', workbook, '--reference-date', '2024-03-31', '--organisation', t.orgA.name, '--json'],
      env,
    )
    assert.equal(imported.code, 0, imported.stderr)
    const first = JSON.parse(imported.stdout) as { run: string; summary: { rows: number } }
    assert.equal(first.summary.rows, report.summary.rows)
    const second = JSON.parse(
      (
        await runCliInProcess(
          ['annex-a', 'import', workbook, '--reference-date', '2024-03-31', '--organisation', t.orgA.name, '--json'],
          env,
        )
      ).stdout,
    ) as { run: string; comparedWith: string; new: number; persisting: number }
    assert.equal(second.comparedWith, first.run)
    assert.equal(second.new, 0)

    const issues = await runCliInProcess(
      ['annex-a', 'issues', '--run', first.run, '--organisation', t.orgA.name, '--json'],
      env,
    )
    assert.equal(issues.code, 0, issues.stderr)
    assert.equal((JSON.parse(issues.stdout) as { issues: unknown[] }).issues.length, report.issues.length)
    const indicators = await runCliInProcess(
      ['annex-a', 'indicators', '--run', first.run, '--organisation', t.orgA.name, '--json'],
      env,
    )
    assert.ok(
      (JSON.parse(indicators.stdout) as { indicators: { id: string }[] }).indicators.some(
        item => item.id === 'referrals-nfa-rate',
      ),
    )
    const compared = await runCliInProcess(
      ['annex-a', 'compare', first.run, second.run, '--organisation', t.orgA.name, '--json'],
      env,
    )
    assert.equal((JSON.parse(compared.stdout) as { persisting: number }).persisting, second.persisting)
  })

  it('imports one CSV per list as ONE test run, and computes the same indicators from the files without a database', async () => {
    const csvDir = path.join(dir, 'per-list')
    const generated = await runCliInProcess([
      'annex-a',
      'generate',
      '--children',
      '30',
      '--seed',
      '11',
      '--reference-date',
      '2024-03-31',
      '--out',
      csvDir,
      '--format',
      'csv',
      '--json',
    ])
    assert.equal(generated.code, 0, generated.stderr)
    const files = (await fs.readdir(csvDir))
      .filter(name => name.endsWith('.csv'))
      .sort()
      .map(name => path.join(csvDir, name))
    assert.equal(files.length, 11)

    const fromFiles = await runCliInProcess(
      ['annex-a', 'indicators', ...files, '--reference-date', '2024-03-31', '--population', '40000', '--json'],
      { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' },
    )
    assert.equal(fromFiles.code, 0, fromFiles.stderr)
    const direct = JSON.parse(fromFiles.stdout) as {
      rows: number
      indicators: { id: string; value: number | null; numerator: number; denominator: number; unit: string }[]
    }
    assert.ok(direct.indicators.find(item => item.id === 'contacts-per-10k')!.value! > 0)

    const imported = await runCliInProcess(
      [
        'annex-a',
        'import',
        ...files,
        '--reference-date',
        '2024-03-31',
        '--population',
        '40000',
        '--organisation',
        t.orgB.name,
        '--json',
      ],
      env,
    )
    assert.equal(imported.code, 0, imported.stderr)
    const run = JSON.parse(imported.stdout) as {
      run: string
      summary: { rows: number }
      lists: { list: number; rows: number }[]
    }
    assert.equal(run.summary.rows, direct.rows)
    assert.deepEqual(
      run.lists.map(list => list.list),
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
      'every list came from its own file and no list is reported missing',
    )
    const runs = await t.services.annexA.listRuns(systemContext(t.orgB.organisationId))
    assert.equal(runs.filter(item => item.runId === run.run).length, 1)
    assert.match(runs.find(item => item.runId === run.run)!.sourceName, /List 1\.csv, List 10\.csv.* and /)

    const stored = await runCliInProcess(
      ['annex-a', 'indicators', '--run', run.run, '--organisation', t.orgB.name, '--json'],
      env,
    )
    assert.equal(stored.code, 0, stored.stderr)
    assert.deepEqual((JSON.parse(stored.stdout) as { indicators: unknown }).indicators, direct.indicators)

    for (const args of [
      ['annex-a', 'indicators', '--reference-date', '2024-03-31'],
      ['annex-a', 'indicators', files[0]!, '--run', run.run],
      ['annex-a', 'indicators', files[0]!],
    ]) {
      const refused = await runCliInProcess(args, env)
      assert.equal(refused.code, 2, `${args.join(' ')}: ${refused.stderr}`)
      assert.equal(refused.stderr.trim().split('\n').length, 1, refused.stderr)
    }
  })

  it('lists background imports and cancels one, as JSON; a finished one exits 2 with one line', async () => {
    const jobId = await t.services.annexAImports.enqueue(systemContext(t.orgB.organisationId), [], {
      referenceDate: '2024-03-31',
      schema: 'auto',
    })
    const listed = await runCliInProcess(['annex-a', 'jobs', '--organisation', t.orgB.name, '--json'], env)
    assert.equal(listed.code, 0, listed.stderr)
    const jobs = (JSON.parse(listed.stdout) as { jobs: { jobId: string; status: string }[] }).jobs
    assert.equal(jobs.find(job => job.jobId === jobId)?.status, 'queued')
    const cancelled = await runCliInProcess(['annex-a', 'cancel', jobId, '--organisation', t.orgB.name, '--json'], env)
    assert.equal(cancelled.code, 0, cancelled.stderr)
    const job = (JSON.parse(cancelled.stdout) as { job: { status: string; cancelledBy: string } }).job
    assert.equal(job.status, 'cancelled')
    assert.equal(job.cancelledBy, 'command line')
    for (const id of [jobId, 'not-a-job']) {
      const again = await runCliInProcess(['annex-a', 'cancel', id, '--organisation', t.orgB.name, '--json'], env)
      assert.equal(again.code, 2, again.stderr)
      assert.equal(again.stdout, '')
      assert.equal(again.stderr.trim().split('\n').length, 1, again.stderr)
    }
  })

  it('exits 2 with a one-line reason on unusable input', async () => {
    const legacy = path.join(dir, 'old.xls')
    await fs.writeFile(
      legacy,
      Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]),
    )
    for (const args of [
      ['annex-a', 'validate', legacy, '--reference-date', '2024-03-31', '--json'],
      ['annex-a', 'validate', legacy, '--reference-date', '31/03/2024'],
      ['annex-a', 'validate', path.join(dir, 'missing.xlsx'), '--reference-date', '2024-03-31'],
      ['annex-a', 'issues', '--run', 'not-a-run', '--organisation', t.orgA.name, '--json'],
    ]) {
      const result = await runCliInProcess(args, env)
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`)
      assert.equal(result.stdout, '')
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr)
    }
  })
})
