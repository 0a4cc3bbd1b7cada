import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { runCliInProcess } from '../../support/cli.js'
import { startTestApp, type TestApp } from '../../support/testApp.js'
import { importSyntheticRun } from './fixtures.js'

interface SampleJson {
  plan: string
  seed: string
  run: string
  cases: { childId: string; list: number; row: number; stratum: string }[]
  shortfalls: { stratum: string; wanted: number; available: number }[]
}

describe('readiness sample', () => {
  let t: TestApp
  let runId: string
  let env: NodeJS.ProcessEnv
  before(async () => {
    t = await startTestApp()
    runId = await importSyntheticRun(t, 'orgA')
    env = { DATABASE_URL: t.database.url, LOG_LEVEL: 'silent' }
  })
  after(async () => t.close())

  it('lists the plans as [{ id, label, source, strata }] on stdout', async () => {
    const result = await runCliInProcess(['sample', 'plans', '--json'], {})
    assert.equal(result.code, 0, result.stderr)
    const plans = JSON.parse(result.stdout) as { id: string; label: string; source: string; strata: { id: string }[] }[]
    assert.deepEqual(Object.keys(plans[0]!), ['id', 'label', 'source', 'strata'])
    assert.equal(plans.find(plan => plan.id === 'ucra-2009-random-sample')?.strata.length, 14)
  })

  it('draws the same sample from the same plan, seed and run, and stores each draw', async () => {
    const args = [
      'sample',
      '--run',
      runId,
      '--plan',
      'sif-2013-case-audit',
      '--seed',
      '42',
      '--organisation',
      t.orgA.name,
      '--json',
    ]
    const first = await runCliInProcess(args, env)
    assert.equal(first.code, 0, first.stderr)
    const sample = JSON.parse(first.stdout) as SampleJson
    assert.deepEqual(Object.keys(sample), ['plan', 'seed', 'run', 'cases', 'shortfalls'])
    assert.deepEqual(Object.keys(sample.cases[0]!), ['childId', 'list', 'row', 'stratum'])
    assert.equal(sample.cases.length, 18)
    assert.deepEqual(sample.shortfalls, [])
    assert.equal(sample.seed, '42')
    const second = JSON.parse((await runCliInProcess(args, env)).stdout) as SampleJson
    assert.deepEqual(second, sample)
    const other = JSON.parse(
      (await runCliInProcess([...args.slice(0, 6), '43', ...args.slice(7)], env)).stdout,
    ) as SampleJson
    assert.notDeepEqual(other.cases, sample.cases)
    const stored = await t.database.db
      .selectFrom('audit_sample')
      .select('seed')
      .where('organisation_id', '=', t.orgA.organisationId)
      .execute()
    assert.equal(stored.length, 3)
  })

  it('reports shortfalls rather than padding a stratum', async () => {
    const result = await runCliInProcess(
      [
        'sample',
        '--run',
        runId,
        '--plan',
        'ucra-2009-random-sample',
        '--seed',
        '1',
        '--organisation',
        t.orgA.name,
        '--json',
      ],
      env,
    )
    assert.equal(result.code, 0, result.stderr)
    const sample = JSON.parse(result.stdout) as SampleJson
    for (const shortfall of sample.shortfalls) assert.ok(shortfall.available < shortfall.wanted)
    assert.equal(
      sample.cases.length + sample.shortfalls.reduce((sum, item) => sum + item.wanted - item.available, 0),
      14,
    )
  })

  it('exits 2 with a one-line reason on unusable input, and never reads another organisation’s run', async () => {
    for (const args of [
      ['sample', '--plan', 'sif-2013-case-audit', '--organisation', t.orgA.name, '--json'],
      ['sample', '--run', runId, '--plan', 'no-such-plan', '--organisation', t.orgA.name, '--json'],
      ['sample', '--run', 'not-a-run', '--plan', 'sif-2013-case-audit', '--organisation', t.orgA.name, '--json'],
      ['sample', '--run', runId, '--plan', 'sif-2013-case-audit', '--organisation', t.orgB.name, '--json'],
      ['sample', '--run', runId, '--plan-file', '/nonexistent/plan.json', '--organisation', t.orgA.name, '--json'],
    ]) {
      const result = await runCliInProcess(args, env)
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`)
      assert.equal(result.stdout, '')
      assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr)
    }
  })
})
