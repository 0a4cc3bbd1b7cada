import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { runCli, runCliInProcess } from '../../support/cli.js'
import { freshDatabase, type TestDatabase } from '../../support/database.js'

describe('readiness CLI (platform commands)', () => {
  let database: TestDatabase
  let env: NodeJS.ProcessEnv
  before(async () => {
    database = await freshDatabase()
    env = { DATABASE_URL: database.url, NODE_ENV: 'development' }
  })
  after(async () => database.drop())

  it('migrates and reports, as JSON on stdout only', async () => {
    const result = await runCliInProcess(['migrate', '--json'], env)
    assert.equal(result.code, 0, result.stderr)
    assert.deepEqual(JSON.parse(result.stdout), { applied: [] })
  })

  it('creates the demo authority once, with one person per role', async () => {
    const first = await runCliInProcess(['demo', '--json'], env)
    assert.equal(first.code, 0, first.stderr)
    const created = JSON.parse(first.stdout) as { created: boolean; accounts: { role: string; password: string }[] }
    assert.equal(created.created, true)
    assert.deepEqual(created.accounts.map(account => account.role).sort(), [
      'admin',
      'analyst',
      'auditor',
      'lead',
      'viewer',
    ])
    assert.ok(created.accounts.every(account => account.password.length === 20))
    const second = await runCliInProcess(['demo', '--json'], env)
    assert.deepEqual(JSON.parse(second.stdout), { created: false })
  })

  it('adds a person with a one-time password, or with a password read from stdin', async () => {
    const added = await runCliInProcess(
      ['users', 'add', '--email', 'Analyst.Two@Demo.example.gov.uk', '--role', 'analyst', '--json'],
      env,
    )
    assert.equal(added.code, 0, added.stderr)
    const body = JSON.parse(added.stdout) as { email: string; role: string; oneTimePassword: string }
    assert.equal(body.email, 'analyst.two@demo.example.gov.uk')
    assert.equal(body.role, 'analyst')
    assert.equal(body.oneTimePassword.length, 20)

    const fromStdin = await runCli(
      ['users', 'add', '--email', 'lead.two@demo.example.gov.uk', '--role', 'lead', '--password-stdin', '--json'],
      env,
      'a chosen long passphrase\n',
    )
    assert.equal(fromStdin.code, 0, fromStdin.stderr)
    assert.equal((JSON.parse(fromStdin.stdout) as { oneTimePassword: unknown }).oneTimePassword, null)
  })

  const unusable: [string, string[], RegExp][] = [
    ['an unknown role', ['users', 'add', '--email', 'x@example.test', '--role', 'superuser'], /--role must be one of/],
    [
      'a bad email',
      ['users', 'add', '--email', 'not-an-email', '--role', 'viewer'],
      /email address in the correct format/,
    ],
    [
      'a duplicate email',
      ['users', 'add', '--email', 'admin@demo.example.gov.uk', '--role', 'viewer'],
      /already has an account/,
    ],
    [
      'an unknown organisation',
      ['users', 'add', '--email', 'y@example.test', '--role', 'viewer', '--organisation', 'Nowhere'],
      /No organisation called "Nowhere"/,
    ],
    [
      'a weak stdin password',
      ['users', 'add', '--email', 'z@example.test', '--role', 'viewer', '--password-stdin'],
      /12 characters/,
    ],
    ['an unknown command', ['frobnicate'], /unknown command/],
  ]
  for (const [label, args, message] of unusable) {
    it(`exits 2 with a one-line reason on ${label}`, async () => {
      const result = args.includes('--password-stdin')
        ? await runCli(args, env, 'short\n')
        : await runCliInProcess(args, env)
      assert.equal(result.code, 2, `${result.stdout}\n${result.stderr}`)
      assert.match(result.stderr, message)
      assert.equal(result.stdout, '', 'nothing on stdout when the input is unusable')
    })
  }

  it('refuses to start in production without a session secret, and never seeds a demo there', async () => {
    const noSecret = await runCli(['serve'], { ...env, NODE_ENV: 'production', SESSION_SECRET: '' })
    assert.equal(noSecret.code, 2)
    assert.match(noSecret.stderr, /SESSION_SECRET is required in production/)
    const demo = await runCliInProcess(['demo'], { ...env, NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40) })
    assert.equal(demo.code, 2)
    assert.match(demo.stderr, /never created in production/)
  })
})
