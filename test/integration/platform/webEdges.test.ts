import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Router } from 'express'
import { sql } from 'kysely'
import request from 'supertest'
import { loadConfig } from '../../../src/config.js'
import { connect } from '../../../src/db/connect.js'
import { createServices } from '../../../src/services/index.js'
import { createApp } from '../../../src/web/app.js'
import { signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'

describe('web edges: health, timeouts, error pages, child-data audit', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(async () => t.close())

  it('answers /health with the database state, 503 when it is unreachable', async () => {
    const ok = await request(t.app).get('/health').expect(200)
    assert.deepEqual(ok.body, { status: 'ok', database: 'ok' })
    assert.equal(ok.headers['set-cookie'], undefined, 'health checks never create sessions')

    const unreachable = connect('postgres://nobody:nothing@127.0.0.1:1/none', { maxConnections: 1 })
    const config = loadConfig({ NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(40) })
    const { app } = createApp({
      services: createServices({ db: unreachable }),
      db: unreachable,
      config,
      log: () => undefined,
    })
    const down = await request(app).get('/health').expect(503)
    assert.deepEqual(down.body, { status: 'error', database: 'unreachable' })
    await unreachable.destroy()
  })

  it('ends a session at the absolute timeout, however active it was', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.lead.email)
    await agent.get('/').expect(200)
    const elevenHoursAgo = Date.now() - 11 * 3_600_000
    await sql`UPDATE web_session SET data = jsonb_set(data, '{signedInAt}', ${String(elevenHoursAgo)}::jsonb)
              WHERE data->>'userId' = ${t.orgA.users.lead.userId}`.execute(t.database.db)
    const response = await agent.get('/')
    assert.equal(response.status, 302)
    assert.equal(response.headers.location, '/sign-in?timedOut=1')
    const signIn = await agent.get('/sign-in?timedOut=1').expect(200)
    assert.match(signIn.text, /You were signed out because your session ended/)
  })

  it('ends a session after the idle timeout', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.auditor.email)
    await sql`UPDATE web_session SET expires_at = now() - interval '1 minute'
              WHERE data->>'userId' = ${t.orgA.users.auditor.userId}`.execute(t.database.db)
    const response = await agent.get('/')
    assert.equal(response.status, 302)
    assert.equal(response.headers.location, '/sign-in')
  })

  it('shows the GOV.UK 500 page with a reference and, in production, no internals', async () => {
    const failing = Router().get('/boom', () => {
      throw new Error('secret internal detail')
    })
    for (const [env, leaks] of [
      ['production', false],
      ['test', true],
    ] as const) {
      const logged: string[] = []
      // Plain HTTP in the test, so the Secure cookie flag production sets is turned off here.
      const config = loadConfig({ NODE_ENV: env, SESSION_SECRET: 'x'.repeat(40), SECURE_COOKIES: 'false' })
      const { app } = createApp({
        services: t.services,
        db: t.database.db,
        config,
        log: message => logged.push(message),
        extraRoutes: failing,
      })
      const agent = request.agent(app)
      const page = await agent.get('/sign-in')
      const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1]!
      await agent
        .post('/sign-in')
        .type('form')
        .send({ _csrf: token, email: t.orgA.users.viewer.email, password: 'correct horse battery staple' })
      const response = await agent.get('/boom').expect(500)
      assert.match(response.text, /Sorry, there is a problem with the service/)
      assert.match(response.text, /Reference: [0-9a-f-]{36}/)
      assert.equal(
        /secret internal detail/.test(response.text),
        leaks,
        `${env}: internals ${leaks ? 'shown' : 'hidden'}`,
      )
      assert.ok(
        logged.some(line => line.includes('secret internal detail')),
        'the error is logged for operators',
      )
    }
  })

  it('records views and exports of child-level data in the audit trail', async () => {
    const user = t.orgB.users.analyst
    const context = {
      actor: {
        kind: 'user' as const,
        userId: user.userId,
        organisationId: user.organisationId,
        role: user.role,
        label: user.email,
      },
      correlationId: 'corr-123456',
    }
    await t.services.audit.recordChildDataAccess(context, 'view', { type: 'annex-a-row', id: 'row-42' })
    await t.services.audit.recordChildDataAccess(context, 'export', {
      type: 'annex-a-run',
      id: 'run-7',
      details: { rows: 10 },
    })
    const rows = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'subject_type', 'subject_id', 'correlation_id', 'organisation_id', 'actor_user_id'])
      .where('correlation_id', '=', 'corr-123456')
      .orderBy('occurred_at')
      .execute()
    assert.deepEqual(
      rows.map(row => [row.action, row.subject_type, row.subject_id, row.organisation_id, row.actor_user_id]),
      [
        ['child-data.view', 'annex-a-row', 'row-42', user.organisationId, user.userId],
        ['child-data.export', 'annex-a-run', 'run-7', user.organisationId, user.userId],
      ],
    )
  })
})
