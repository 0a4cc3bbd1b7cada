import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { systemContext, type RequestContext } from '../../../src/services/context.js'
import { ForbiddenError, ValidationError } from '../../../src/services/errors.js'
import { createServices } from '../../../src/services/index.js'
import { createAuditService } from '../../../src/services/platform/auditService.js'
import { createUserService } from '../../../src/services/platform/userService.js'
import { THROTTLE_RULES } from '../../../src/domain/platform/signInThrottle.js'
import { startTestApp, TEST_PASSWORD, type TestApp } from '../../support/testApp.js'

function contextOf(t: TestApp, org: 'orgA' | 'orgB', role: 'admin' | 'viewer' | 'analyst'): RequestContext {
  const user = t[org].users[role]
  return { actor: { kind: 'user', userId: user.userId, organisationId: user.organisationId, role, label: user.email } }
}

describe('platform services on PostgreSQL', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(async () => t.close())

  it('keeps the audit trail append-only: UPDATE, DELETE and TRUNCATE are refused', async () => {
    const db = t.database.db
    const count = async () =>
      Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_event`.execute(db)).rows[0]!.n)
    const before = await count()
    assert.ok(before > 0)
    await assert.rejects(sql`UPDATE audit_event SET action = 'tampered'`.execute(db), /append-only/)
    await assert.rejects(sql`DELETE FROM audit_event`.execute(db), /append-only/)
    await assert.rejects(sql`TRUNCATE audit_event`.execute(db), /append-only/)
    assert.equal(await count(), before)
  })

  it('writes the audit event in the same transaction as the change: no event, no change', async () => {
    const audit = createAuditService({ db: t.database.db })
    const failingAudit = { ...audit, record: async () => Promise.reject(new Error('audit store unavailable')) }
    const users = createUserService({ db: t.database.db, audit: failingAudit, clock: () => new Date() })
    await assert.rejects(
      users.create(systemContext(t.orgA.organisationId), {
        email: 'lost@example.test',
        displayName: 'Lost',
        role: 'viewer',
        password: TEST_PASSWORD,
      }),
      /audit store unavailable/,
    )
    const row = await t.database.db
      .selectFrom('app_user')
      .select('user_id')
      .where('email', '=', 'lost@example.test')
      .executeTakeFirst()
    assert.equal(row, undefined, 'the user was saved although its audit event failed')
  })

  it('records who created a person, in their organisation', async () => {
    const context = contextOf(t, 'orgA', 'admin')
    const { user, oneTimePassword } = await t.services.users.create(context, {
      email: 'New.Person@Example.test ',
      displayName: 'New Person',
      role: 'analyst',
    })
    assert.equal(user.email, 'new.person@example.test')
    assert.equal(user.mustChangePassword, true)
    assert.ok(oneTimePassword && oneTimePassword.length >= 20)
    const events = await t.services.audit.listRecent(context)
    const created = events.find(event => event.action === 'user.created' && event.subjectId === user.userId)
    assert.ok(created)
    assert.equal(created.actorLabel, t.orgA.users.admin.email)
    assert.doesNotMatch(JSON.stringify(created.details), /new\.person/, 'audit details must not copy personal data')
  })

  it('checks roles in the service, whatever the edge', async () => {
    await assert.rejects(t.services.users.list(contextOf(t, 'orgA', 'viewer')), ForbiddenError)
    await assert.rejects(t.services.audit.listRecent(contextOf(t, 'orgA', 'analyst')), ForbiddenError)
    await assert.rejects(
      t.services.users.create(contextOf(t, 'orgA', 'analyst'), {
        email: 'x@example.test',
        displayName: 'X',
        role: 'admin',
      }),
      ForbiddenError,
    )
  })

  it('scopes every list to the actor’s organisation', async () => {
    const listA = await t.services.users.list(contextOf(t, 'orgA', 'admin'))
    const listB = await t.services.users.list(contextOf(t, 'orgB', 'admin'))
    assert.ok(listA.length >= 5 && listB.length >= 5)
    assert.ok(listA.every(user => user.organisationId === t.orgA.organisationId))
    assert.ok(listB.every(user => user.organisationId === t.orgB.organisationId))
    const auditB = await t.services.audit.listRecent(contextOf(t, 'orgB', 'admin'), { limit: 500 })
    assert.ok(auditB.every(event => !event.actorLabel.endsWith('.a@example.test')))
  })

  it('refuses bad input with field messages and keeps nothing', async () => {
    const context = contextOf(t, 'orgA', 'admin')
    const attempts: [Record<string, string>, string][] = [
      [{ email: 'not-an-email', displayName: 'A', role: 'viewer' }, 'email'],
      [{ email: 'a@example.test', displayName: '', role: 'viewer' }, 'displayName'],
      [{ email: 'a@example.test', displayName: 'A', role: 'superuser' }, 'role'],
      [{ email: t.orgB.users.viewer.email, displayName: 'Dup', role: 'viewer' }, 'email'],
    ]
    for (const [input, field] of attempts) {
      await assert.rejects(t.services.users.create(context, input as never), (error: unknown) => {
        assert.ok(error instanceof ValidationError)
        assert.ok(error.fieldErrors[field], `expected a message for ${field}, got ${JSON.stringify(error.fieldErrors)}`)
        return true
      })
    }
    await assert.rejects(
      t.services.users.create(context, {
        email: 'short@example.test',
        displayName: 'S',
        role: 'viewer',
        password: 'short',
      }),
      (error: unknown) => error instanceof ValidationError && /12 characters/.test(error.fieldErrors.password ?? ''),
    )
  })

  it('throttles sign-in per account, and a right password does not get through while throttled', async () => {
    const email = t.orgB.users.auditor.email
    for (let attempt = 0; attempt < THROTTLE_RULES.maxFailuresPerAccount; attempt += 1) {
      const result = await t.services.users.signIn({
        email,
        password: 'wrong password!!',
        ipAddress: `10.0.0.${attempt}`,
      })
      assert.equal(result.outcome, 'invalid')
    }
    const blocked = await t.services.users.signIn({ email, password: TEST_PASSWORD, ipAddress: '10.0.1.1' })
    assert.equal(blocked.outcome, 'throttled')
    const other = await t.services.users.signIn({
      email: t.orgB.users.lead.email,
      password: TEST_PASSWORD,
      ipAddress: '10.0.1.1',
    })
    assert.equal(other.outcome, 'signed-in', 'another account from another address is not affected')
  })

  it('throttles sign-in per address across accounts', async () => {
    const ipAddress = '192.0.2.77'
    for (let attempt = 0; attempt < THROTTLE_RULES.maxFailuresPerAddress; attempt += 1) {
      await t.services.users.signIn({ email: `nobody${attempt}@example.test`, password: 'whatever-guess', ipAddress })
    }
    const blocked = await t.services.users.signIn({
      email: t.orgA.users.lead.email,
      password: TEST_PASSWORD,
      ipAddress,
    })
    assert.equal(blocked.outcome, 'throttled')
    const elsewhere = await t.services.users.signIn({
      email: t.orgA.users.lead.email,
      password: TEST_PASSWORD,
      ipAddress: '192.0.2.78',
    })
    assert.equal(elsewhere.outcome, 'signed-in')
  })

  it('lets throttling lapse after the window', async () => {
    const email = t.orgA.users.auditor.email
    const start = new Date('2030-01-01T09:00:00Z').getTime()
    let now = new Date(start)
    const services = createServices({ db: t.database.db, clock: () => now })
    for (let attempt = 0; attempt < THROTTLE_RULES.maxFailuresPerAccount; attempt += 1) {
      await services.users.signIn({ email, password: 'wrong password!!', ipAddress: '198.51.100.1' })
    }
    now = new Date(start + (THROTTLE_RULES.windowMinutes - 1) * 60_000)
    assert.equal(
      (await services.users.signIn({ email, password: TEST_PASSWORD, ipAddress: '198.51.100.1' })).outcome,
      'throttled',
    )
    now = new Date(start + (THROTTLE_RULES.windowMinutes + 1) * 60_000)
    assert.equal(
      (await services.users.signIn({ email, password: TEST_PASSWORD, ipAddress: '198.51.100.1' })).outcome,
      'signed-in',
    )
  })

  it('changes a password only with the current one, and audits it', async () => {
    const context = contextOf(t, 'orgB', 'viewer')
    await assert.rejects(
      t.services.users.changePassword(context, {
        currentPassword: 'not my password',
        newPassword: 'a brand new passphrase',
      }),
      ValidationError,
    )
    await t.services.users.changePassword(context, {
      currentPassword: TEST_PASSWORD,
      newPassword: 'a brand new passphrase',
    })
    const result = await t.services.users.signIn({
      email: t.orgB.users.viewer.email,
      password: 'a brand new passphrase',
      ipAddress: '203.0.113.5',
    })
    assert.equal(result.outcome, 'signed-in')
  })
})
