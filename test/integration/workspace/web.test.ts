import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { csrfTokenFrom, signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'

const FIXTURE = path.resolve('test/fixtures/workspace/seed001-action-plan.xlsx')

describe('workspace pages', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(async () => t.close())

  it('imports a plan by upload, then shows RAG as tags with words, and records an update (PRG)', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.analyst.email)
    const form = await agent.get('/plans/import').expect(200)
    const imported = await agent
      .post('/plans/import')
      .field('_csrf', csrfTokenFrom(form.text))
      .field('title', 'Seed plan')
      .field('kind', 'improvement')
      .attach('planFile', FIXTURE)
      .expect(302)
    assert.equal(imported.headers.location, '/plans/import/columns')
    const columns = await agent.get('/plans/import/columns').expect(200)
    // The recognised columns are pre-selected; importing with them as they are.
    const chosen = Object.fromEntries(
      [...columns.text.matchAll(/<select class="govuk-select[^"]*" id="(map-\w+)"[\s\S]*?<\/select>/g)].map(match => [
        match[1]!,
        /<option value="([^"]*)" selected>/.exec(match[0])?.[1] ?? 'none',
      ]),
    )
    assert.equal(chosen['map-action'], '5', 'seed 001 holds the actions in column 6')
    const done = await agent
      .post('/plans/import/columns')
      .type('form')
      .send({ _csrf: csrfTokenFrom(columns.text), step: 'import', ...chosen })
      .expect(302)
    const planPath = done.headers.location as string
    assert.match(planPath, /^\/plans\/[0-9a-f-]{36}$/)
    const page = await agent.get(planPath).expect(200)
    assert.match(page.text, /63 actions/)
    assert.match(page.text, /<strong class="govuk-tag govuk-tag--red">Red<\/strong>/)
    const itemPath = /href="(\/plans\/items\/[0-9a-f-]{36})"/.exec(page.text)![1]!
    const item = await agent.get(itemPath).expect(200)
    const version = /name="expectedVersion" value="(\d+)"/.exec(item.text)![1]!
    const bad = await agent
      .post(`${itemPath}/updates`)
      .type('form')
      .send({
        _csrf: csrfTokenFrom(item.text),
        expectedVersion: version,
        'date-day': '31',
        'date-month': '2',
        'date-year': '2026',
        status: '',
        note: '',
      })
      .expect(302)
    const withErrors = await agent.get(bad.headers.location as string).expect(200)
    assert.match(withErrors.text, /There is a problem/)
    assert.match(withErrors.text, /href="#date">The date of the update must be a real date/)
    const today = t.services.workspace.plans.today().split('-')
    await agent
      .post(`${itemPath}/updates`)
      .type('form')
      .send({
        _csrf: csrfTokenFrom(withErrors.text),
        expectedVersion: version,
        'date-day': today[2],
        'date-month': today[1],
        'date-year': today[0],
        status: 'complete',
        note: '<img src=x onerror=alert(1)>',
      })
      .expect(302)
    const after = await agent.get(itemPath).expect(200)
    assert.match(after.text, /&lt;img src=x onerror=alert\(1\)&gt;/)
    assert.match(after.text, /govuk-tag--blue">Complete/)

    const exported = await agent.get(`${planPath}/export.xlsx`).expect(200)
    assert.equal(exported.headers['content-type'], 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  })

  it('says precisely why an upload cannot be imported, and refuses an over-size file', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.analyst.email)
    const form = await agent.get('/plans/import').expect(200)
    const refused = await agent
      .post('/plans/import')
      .field('_csrf', csrfTokenFrom(form.text))
      .field('kind', 'work')
      .attach('planFile', Buffer.from('%PDF-1.4'), 'plan.csv')
      .expect(302)
    const page = await agent.get(refused.headers.location as string).expect(200)
    assert.match(page.text, /The selected file cannot be imported: plan.csv is a PDF/)
    const huge = await agent
      .post('/plans/import')
      .field('_csrf', csrfTokenFrom(page.text))
      .field('kind', 'work')
      .attach('planFile', Buffer.alloc(11 * 1024 * 1024, 65), 'huge.csv')
    assert.equal(huge.status, 413)
    const noToken = await agent
      .post('/plans/import')
      .field('kind', 'work')
      .attach('planFile', Buffer.from('Action\nx\n'), 'x.csv')
    assert.equal(noToken.status, 403)
  })

  it('lets a viewer read plans and self-evaluations but not see edit forms or post', async () => {
    const viewer = await signedInAgent(t.app, t.orgA.users.viewer.email)
    const plans = await viewer.get('/plans').expect(200)
    assert.doesNotMatch(plans.text, /Import a plan<\/a>/)
    await viewer.get('/plans/import').expect(403)
    const sef = await viewer.get('/self-evaluation').expect(200)
    assert.doesNotMatch(sef.text, /Start self-evaluation/)
    await viewer
      .post('/self-evaluation')
      .type('form')
      .send({ _csrf: csrfTokenFrom(sef.text), title: 'x', frameworkId: 'ilacs-2023' })
      .expect(403)
  })

  it('org B cannot open org A plan pages', async () => {
    const [plan] = await t.services.workspace.plans.list({
      actor: { kind: 'system', organisationId: t.orgA.organisationId, label: 'test' },
    })
    const other = await signedInAgent(t.app, t.orgB.users.admin.email)
    await other.get(`/plans/${plan!.planId}`).expect(404)
    await other.get('/plans/not-a-uuid').expect(404)
  })
})
