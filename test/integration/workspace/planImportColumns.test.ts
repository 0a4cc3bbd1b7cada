import assert from 'node:assert/strict'
import { readdir } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { systemContext } from '../../../src/services/context.js'
import { csrfTokenFrom, signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'

const PENDING = path.join(os.tmpdir(), 'readiness-plan-imports')
// Headings nobody would recognise: the person maps them.
const ODD_CSV = [
  'Thing,Who,When,Notes',
  'Write the procedure,Jo,31/12/2026,Started',
  'Train staff,Sam,01/06/2026,',
].join('\n')

const selected = (html: string, id: string) =>
  new RegExp(`id="${id}"[\\s\\S]*?<option value="([^"]*)" selected>`).exec(html)?.[1]

async function pendingFiles(): Promise<string[]> {
  return readdir(PENDING).catch(() => [])
}

describe('plan import: choosing the columns on a page (two-step, JavaScript-free)', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(async () => t.close())

  async function upload(agent: Awaited<ReturnType<typeof signedInAgent>>, body: Buffer, name: string, title = '') {
    const form = await agent.get('/plans/import').expect(200)
    return agent
      .post('/plans/import')
      .field('_csrf', csrfTokenFrom(form.text))
      .field('title', title)
      .field('kind', 'work')
      .attach('planFile', body, name)
      .expect(302)
  }

  it('maps unrecognised headings by hand, refuses a mapping without an action or with a column twice, then imports', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.analyst.email)
    const before = new Set(await pendingFiles())
    const uploaded = await upload(agent, Buffer.from(ODD_CSV), 'odd.csv', 'Odd plan')
    assert.equal(uploaded.headers.location, '/plans/import/columns')
    const kept = (await pendingFiles()).filter(name => !before.has(name))
    assert.equal(kept.length, 1, 'the upload is kept under one token')
    const page = await agent.get('/plans/import/columns').expect(200)
    assert.match(page.text, /We could not recognise the headings/)
    assert.match(
      page.text,
      /<td class="govuk-table__cell">Thing<\/td><td class="govuk-table__cell">Write the procedure<\/td>/,
    )
    assert.equal(selected(page.text, 'map-action'), 'none')

    const noAction = await agent
      .post('/plans/import/columns')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), step: 'import', 'map-leadOfficer': '1' })
      .expect(302)
    const withError = await agent.get(noAction.headers.location as string).expect(200)
    assert.match(withError.text, /href="#map-action">Select the column that holds the actions/)
    assert.equal(selected(withError.text, 'map-leadOfficer'), '1', 'choices are kept')
    const twice = await agent
      .post('/plans/import/columns')
      .type('form')
      .send({ _csrf: csrfTokenFrom(withError.text), step: 'import', 'map-action': '0', 'map-leadOfficer': '0' })
      .expect(302)
    assert.match(
      (await agent.get(twice.headers.location as string)).text,
      /Action and lead officer cannot both read the same column/,
    )
    const bogus = await agent
      .post('/plans/import/columns')
      .type('form')
      .send({ _csrf: csrfTokenFrom(withError.text), step: 'import', 'map-action': '0', 'map-ref': '99' })
      .expect(302)
    assert.match((await agent.get(bogus.headers.location as string)).text, /Select a column for ref from the list/)

    const done = await agent
      .post('/plans/import/columns')
      .type('form')
      .send({
        _csrf: csrfTokenFrom(withError.text),
        step: 'import',
        'map-action': '0',
        'map-leadOfficer': '1',
        'map-targetDate': '2',
        'map-progress': '3',
      })
      .expect(302)
    const planId = /^\/plans\/([0-9a-f-]{36})$/.exec(done.headers.location as string)![1]!
    const plan = await t.services.workspace.plans.get(systemContext(t.orgA.organisationId, 'test'), planId)
    assert.equal(plan.title, 'Odd plan')
    assert.equal(plan.kind, 'work')
    const items = plan.sections.flatMap(section => section.items)
    assert.deepEqual(
      items.map(item => [item.action, item.leadOfficer, item.targetDate]),
      [
        ['Write the procedure', 'Jo', '2026-12-31'],
        ['Train staff', 'Sam', '2026-06-01'],
      ],
    )
    assert.deepEqual(
      (await pendingFiles()).filter(name => !before.has(name)),
      [],
      'the kept upload is deleted after the import',
    )
    // The session no longer has an upload waiting.
    const again = await agent.get('/plans/import/columns').expect(302)
    assert.equal(again.headers.location, '/plans/import')
    assert.match((await agent.get('/plans/import')).text, /Select the plan file again/)
  })

  it('pre-fills recognised columns, honours "not in this file" over recognition, and cancel deletes the upload', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.analyst.email)
    const csv = ['Ref,Action,Lead officer,RAG', 'A1,Do the thing,Jo,Red'].join('\n')
    const before = new Set(await pendingFiles())
    await upload(agent, Buffer.from(csv), 'plan.csv')
    const page = await agent.get('/plans/import/columns').expect(200)
    assert.match(page.text, /We found the headings in row 1/)
    assert.equal(selected(page.text, 'map-ref'), '0')
    assert.equal(selected(page.text, 'map-action'), '1')
    assert.equal(selected(page.text, 'map-rag'), '3')
    const done = await agent
      .post('/plans/import/columns')
      .type('form')
      .send({
        _csrf: csrfTokenFrom(page.text),
        step: 'import',
        'map-ref': '0',
        'map-action': '1',
        'map-leadOfficer': '2',
        'map-rag': 'none',
      })
      .expect(302)
    const planId = /^\/plans\/([0-9a-f-]{36})$/.exec(done.headers.location as string)![1]!
    const plan = await t.services.workspace.plans.get(systemContext(t.orgA.organisationId, 'test'), planId)
    const item = plan.sections[0]!.items[0]!
    assert.equal(item.override, null, 'the RAG column was left out, so no override was imported')

    await upload(agent, Buffer.from(csv), 'plan.csv')
    assert.equal((await pendingFiles()).filter(name => !before.has(name)).length, 1)
    const second = await agent.get('/plans/import/columns').expect(200)
    const cancelled = await agent
      .post('/plans/import/columns')
      .type('form')
      .send({ _csrf: csrfTokenFrom(second.text), step: 'cancel' })
      .expect(302)
    assert.equal(cancelled.headers.location, '/plans')
    assert.deepEqual(
      (await pendingFiles()).filter(name => !before.has(name)),
      [],
    )
  })

  it('refuses a file that is not a plan at upload, and keeps one upload per session', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.analyst.email)
    const refused = await upload(agent, Buffer.from('%PDF-1.4'), 'plan.csv')
    assert.equal(refused.headers.location, '/plans/import')
    assert.match((await agent.get('/plans/import')).text, /The selected file cannot be imported/)
    const other = await signedInAgent(t.app, t.orgA.users.lead.email)
    const none = await other.get('/plans/import/columns').expect(302)
    assert.equal(none.headers.location, '/plans/import', 'another session cannot reach this upload')
    const viewer = await signedInAgent(t.app, t.orgA.users.viewer.email)
    await viewer.get('/plans/import/columns').expect(403)
  })
})
