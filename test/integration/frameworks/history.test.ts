import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { systemContext } from '../../../src/services/context.js'
import { ForbiddenError, ValidationError } from '../../../src/services/errors.js'
import { csrfTokenFrom, signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'

type Agent = Awaited<ReturnType<typeof signedInAgent>>

async function addThroughForm(agent: Agent, form: Record<string, string>) {
  const page = await agent.get('/frameworks/history').expect(200)
  return agent
    .post('/frameworks/history/new')
    .type('form')
    .send({ _csrf: csrfTokenFrom(page.text), ...form })
}

const GOOD_STANDARD_INSPECTION = {
  frameworkId: 'ilacs-2023',
  inspectionType: 'standard-inspection',
  'date-day': '10',
  'date-month': '7',
  'date-year': '2023',
  'grade-overall-effectiveness': 'good',
  'grade-impact-of-leaders': 'good',
  'grade-help-and-protection': 'requires-improvement',
  'grade-children-in-care': 'good',
  'grade-care-leavers': 'outstanding',
  note: '<script>alert("x")</script> lead inspector team B',
}

describe('inspection history', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(async () => t.close())

  const counts = async (organisationId: string) => {
    const history = await t.database.db
      .selectFrom('inspection_history')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', organisationId)
      .executeTakeFirstOrThrow()
    const grades = await t.database.db
      .selectFrom('inspection_history_grade')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', organisationId)
      .executeTakeFirstOrThrow()
    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(eb => eb.fn.countAll<number>().as('n'))
      .where('organisation_id', '=', organisationId)
      .where('action', '=', 'inspection-history.added')
      .executeTakeFirstOrThrow()
    return { history: Number(history.n), grades: Number(grades.n), audit: Number(audit.n) }
  }

  it('lets an analyst add an inspection, with its grades and an audit event, and forecasts the next window', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.analyst.email)
    const response = await addThroughForm(agent, GOOD_STANDARD_INSPECTION)
    assert.equal(response.status, 302)
    assert.equal(response.headers.location, '/frameworks/history')
    assert.deepEqual(await counts(t.orgA.organisationId), { history: 1, grades: 5, audit: 1 })

    const page = await agent.get('/frameworks/history').expect(200)
    assert.match(page.text, /Added the standard inspection of 2023-07-10/)
    assert.match(page.text, /10 July 2023/)
    assert.match(page.text, /Care leavers|care leavers/)
    assert.match(page.text, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; lead inspector team B/)
    assert.doesNotMatch(page.text, /<script>alert/)
    // Good → a short inspection, six months either side of the three-year anniversary.
    assert.match(page.text, /10 January 2026 to 10 January 2027/)
    assert.match(page.text, /short-inspection/)

    const audit = await t.database.db
      .selectFrom('audit_event')
      .select(['actor_label', 'details'])
      .where('action', '=', 'inspection-history.added')
      .executeTakeFirstOrThrow()
    assert.equal(audit.actor_label, t.orgA.users.analyst.email)
    assert.equal((audit.details as { framework: string }).framework, 'ilacs-2023')
  })

  it('lets a viewer read the history but not add to it', async () => {
    const before = await counts(t.orgA.organisationId)
    const viewer = await signedInAgent(t.app, t.orgA.users.viewer.email)
    const page = await viewer.get('/frameworks/history').expect(200)
    assert.match(page.text, /10 July 2023/)
    assert.doesNotMatch(page.text, /Add an inspection/)
    await viewer.get('/frameworks/history/new?framework=ilacs-2023').expect(403)
    const post = await viewer
      .post('/frameworks/history/new')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), ...GOOD_STANDARD_INSPECTION })
    assert.equal(post.status, 403)
    assert.deepEqual(await counts(t.orgA.organisationId), before)
    await assert.rejects(
      t.services.inspectionHistory.add(
        { actor: { kind: 'user', ...t.orgA.users.viewer, label: 'viewer' } },
        { frameworkId: 'ilacs-2023', inspectionType: 'focused-visit', date: '2024-01-10' },
      ),
      ForbiddenError,
    )
  })

  it('never shows one organisation another’s history, on the page or in the API', async () => {
    const agentB = await signedInAgent(t.app, t.orgB.users.admin.email)
    const page = await agentB.get('/frameworks/history').expect(200)
    assert.match(page.text, /No inspections recorded yet/)
    assert.doesNotMatch(page.text, /lead inspector team B/)
    const api = await agentB.get('/api/v1/frameworks/history').expect(200)
    assert.deepEqual(api.body, { entries: [], forecast: null })
    const apiA = await (await signedInAgent(t.app, t.orgA.users.auditor.email)).get('/api/v1/frameworks/history')
    assert.equal(apiA.body.entries.length, 1)
    assert.equal(apiA.body.forecast.forecast.nextType, 'short-inspection')
  })

  it('refuses bad input with precise messages and writes nothing', async () => {
    const before = await counts(t.orgA.organisationId)
    const agent = await signedInAgent(t.app, t.orgA.users.lead.email)
    const cases: [Record<string, string>, RegExp][] = [
      [{ 'date-day': '31', 'date-month': '2' }, /The date the inspection started must be a real date/],
      [{ 'date-day': '', 'date-month': '', 'date-year': '' }, /Enter the date the inspection started/],
      [{ 'date-year': '2099' }, /must be today or in the past/],
      [
        { 'grade-help-and-protection': 'adequate' },
        /Select a grade for the experiences and progress of children who need help and protection from the list/,
      ],
      [{ inspectionType: 'dawn-raid' }, /Select a type of inspection or visit from the list/],
      [{ inspectionType: 'focused-visit' }, /Focused visit is not graded: leave/],
      [{ note: 'x'.repeat(501) }, /The note must be 500 characters or fewer/],
    ]
    for (const [change, message] of cases) {
      const response = await addThroughForm(agent, { ...GOOD_STANDARD_INSPECTION, ...change })
      assert.equal(response.status, 302)
      assert.equal(response.headers.location, '/frameworks/history/new?framework=ilacs-2023')
      const page = await agent.get(response.headers.location).expect(200)
      assert.match(page.text, /There is a problem/)
      assert.match(page.text, message, `expected ${message} for ${JSON.stringify(change).slice(0, 80)}`)
    }
    const unknown = await addThroughForm(agent, { ...GOOD_STANDARD_INSPECTION, frameworkId: 'made-up' })
    assert.equal(unknown.headers.location, '/frameworks/history/new?framework=')
    const choose = await agent.get('/frameworks/history/new?framework=').expect(400)
    assert.match(choose.text, /Select a framework/)
    assert.deepEqual(await counts(t.orgA.organisationId), before)

    // The service checks again, whatever the edge.
    const context = systemContext(t.orgA.organisationId)
    await assert.rejects(
      t.services.inspectionHistory.add(context, {
        frameworkId: 'sif-2013',
        inspectionType: 'inspection',
        date: '2014-02-30',
        grades: { 'no-such-judgement': 'good' },
      }),
      (error: Error) => {
        assert.ok(error instanceof ValidationError)
        assert.deepEqual(Object.keys(error.fieldErrors).sort(), ['date', 'grade-no-such-judgement'])
        return true
      },
    )
    assert.deepEqual(await counts(t.orgA.organisationId), before)
  })

  it('removes a mistaken entry after confirmation, with an audit event; viewers and other organisations cannot', async () => {
    const analyst = await signedInAgent(t.app, t.orgA.users.analyst.email)
    const added = await addThroughForm(analyst, { ...GOOD_STANDARD_INSPECTION, note: 'entered by mistake' })
    assert.equal(added.status, 302)
    const [entry] = (await t.services.inspectionHistory.list(systemContext(t.orgA.organisationId))).filter(
      candidate => candidate.note === 'entered by mistake',
    )
    assert.ok(entry)
    const before = await counts(t.orgA.organisationId)

    const list = await analyst.get('/frameworks/history').expect(200)
    assert.match(list.text, new RegExp(`/frameworks/history/${entry.inspectionId}/remove`))
    const viewer = await signedInAgent(t.app, t.orgA.users.viewer.email)
    await viewer.get(`/frameworks/history/${entry.inspectionId}/remove`).expect(403)
    const viewerPage = await viewer.get('/frameworks/history').expect(200)
    assert.doesNotMatch(viewerPage.text, /\/remove/)
    await viewer
      .post(`/frameworks/history/${entry.inspectionId}/remove`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(viewerPage.text) })
      .expect(403)
    const otherOrganisation = await signedInAgent(t.app, t.orgB.users.admin.email)
    await otherOrganisation.get(`/frameworks/history/${entry.inspectionId}/remove`).expect(404)
    await analyst.get('/frameworks/history/not-a-uuid/remove').expect(404)
    assert.deepEqual(await counts(t.orgA.organisationId), before)

    const confirm = await analyst.get(`/frameworks/history/${entry.inspectionId}/remove`).expect(200)
    assert.match(confirm.text, /Remove this inspection from your history\?/)
    assert.match(confirm.text, /entered by mistake/)
    const removed = await analyst
      .post(`/frameworks/history/${entry.inspectionId}/remove`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(confirm.text) })
    assert.equal(removed.status, 302)
    assert.equal(removed.headers.location, '/frameworks/history')
    const after = await counts(t.orgA.organisationId)
    assert.equal(after.history, before.history - 1)
    assert.equal(after.grades, before.grades - 5)
    const page = await analyst.get('/frameworks/history').expect(200)
    assert.match(page.text, /Removed the standard inspection of 2023-07-10/)
    assert.doesNotMatch(page.text, /entered by mistake/)
    const event = await t.database.db
      .selectFrom('audit_event')
      .select(['details', 'subject_id'])
      .where('action', '=', 'inspection-history.removed')
      .executeTakeFirstOrThrow()
    assert.equal(event.subject_id, entry.inspectionId)
    assert.equal((event.details as { date: string }).date, '2023-07-10')
    // Removing twice finds nothing to remove.
    await analyst
      .post(`/frameworks/history/${entry.inspectionId}/remove`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text) })
      .expect(404)
  })

  it('keeps the error summary in the order of the form, though sessions are stored as jsonb', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.analyst.email)
    // jsonb would put "date" (4 characters) before "inspectionType"; the form asks for the type first.
    const response = await addThroughForm(agent, { frameworkId: 'ilacs-2023', 'date-day': '', note: '' })
    const page = await agent.get(String(response.headers.location)).expect(200)
    const summary = page.text.slice(page.text.indexOf('govuk-error-summary'))
    const type = summary.indexOf('Select the type of inspection or visit')
    const date = summary.search(/Enter the date/)
    assert.ok(type > 0 && date > 0, 'both messages are in the summary')
    assert.ok(type < date, 'the type comes before the date, as on the form')
  })
})
