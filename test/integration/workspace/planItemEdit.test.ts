import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { systemContext } from '../../../src/services/context.js'
import { csrfTokenFrom, signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'

describe('editing an action and adding actions on the page (optimistic locking)', () => {
  let t: TestApp
  let planId: string
  let sectionId: string
  before(async () => {
    t = await startTestApp()
    const context = systemContext(t.orgA.organisationId, 'test')
    planId = (await t.services.workspace.plans.create(context, { title: 'Improvement plan', kind: 'improvement' }))
      .planId
    await t.services.workspace.plans.addItem(context, planId, {
      sectionTitle: 'Supervision',
      ref: 'S1',
      issue: '',
      action: 'Monthly supervision for every social worker',
      leadOfficer: 'Jo',
      milestoneDate: null,
      targetDate: '2026-12-31',
      sourceReference: '',
    })
    sectionId = (await t.services.workspace.plans.get(context, planId)).sections[0]!.sectionId
  })
  after(async () => t.close())

  it('adds an action to a chosen section and to a new one, with precise errors first', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.analyst.email)
    const plan = await agent.get(`/plans/${planId}`).expect(200)
    assert.match(
      plan.text,
      new RegExp(`href="/plans/${planId}/items/new\\?section=${sectionId}">Add an action to this section`),
    )
    const form = await agent.get(`/plans/${planId}/items/new?section=${sectionId}`).expect(200)
    assert.match(form.text, new RegExp(`<option value="${sectionId}" selected>Supervision</option>`))
    const bad = await agent
      .post(`/plans/${planId}/items`)
      .type('form')
      .send({
        _csrf: csrfTokenFrom(form.text),
        sectionId,
        action: '',
        'targetDate-day': '31',
        'targetDate-month': '2',
        'targetDate-year': '2026',
      })
      .expect(302)
    const withErrors = await agent.get(bad.headers.location as string).expect(200)
    assert.match(withErrors.text, /href="#targetDate">The completion date must be a real date/)
    const noAction = await agent
      .post(`/plans/${planId}/items`)
      .type('form')
      .send({ _csrf: csrfTokenFrom(withErrors.text), sectionId, action: '  ' })
      .expect(302)
    assert.match((await agent.get(noAction.headers.location as string)).text, /href="#action">Enter the action/)
    const added = await agent
      .post(`/plans/${planId}/items`)
      .type('form')
      .send({
        _csrf: csrfTokenFrom(withErrors.text),
        sectionId,
        ref: 'S2',
        action: 'Audit supervision records',
        area: 'Children in need',
        leadManager: 'Head of Service',
        leadOfficer: 'Sam',
        'milestoneDate-day': '1',
        'milestoneDate-month': '9',
        'milestoneDate-year': '2026',
      })
      .expect(302)
    assert.match(added.headers.location as string, /^\/plans\/items\/[0-9a-f-]{36}$/)
    const item = await agent.get(added.headers.location as string).expect(200)
    assert.match(item.text, /Audit supervision records/)
    assert.match(item.text, /Children in need/)
    assert.match(item.text, /1 September 2026/)
    const newSection = await agent
      .post(`/plans/${planId}/items`)
      .type('form')
      .send({
        _csrf: csrfTokenFrom(item.text),
        sectionId: 'new',
        sectionTitle: 'Voice of the child',
        action: 'Run a survey',
      })
      .expect(302)
    assert.match(newSection.headers.location as string, /^\/plans\/items\//)
    const view = await t.services.workspace.plans.get(systemContext(t.orgA.organisationId, 'test'), planId)
    assert.deepEqual(
      view.sections.map(section => [section.title, section.items.map(entry => entry.action)]),
      [
        ['Supervision', ['Monthly supervision for every social worker', 'Audit supervision records']],
        ['Voice of the child', ['Run a survey']],
      ],
    )
  })

  it('edits an action, records which fields changed (not their values), and refuses a stale form clearly', async () => {
    const context = systemContext(t.orgA.organisationId, 'test')
    const item = (await t.services.workspace.plans.get(context, planId)).sections[0]!.items[0]!
    const first = await signedInAgent(t.app, t.orgA.users.analyst.email)
    const second = await signedInAgent(t.app, t.orgA.users.lead.email)
    const formA = await first.get(`/plans/items/${item.itemId}/edit`).expect(200)
    const formB = await second.get(`/plans/items/${item.itemId}/edit`).expect(200)
    assert.match(formA.text, /name="targetDate-day" type="text" value="31"|name="targetDate-day"[^>]*value="31"/)
    const fields = (html: string, changes: Record<string, string>) => ({
      _csrf: csrfTokenFrom(html),
      expectedVersion: /name="expectedVersion" value="(\d+)"/.exec(html)![1]!,
      ref: 'S1',
      action: 'Monthly supervision for every social worker',
      issue: '',
      area: '',
      leadManager: '',
      leadOfficer: 'Jo',
      'targetDate-day': '31',
      'targetDate-month': '12',
      'targetDate-year': '2026',
      ...changes,
    })
    await first
      .post(`/plans/items/${item.itemId}/edit`)
      .type('form')
      .send(
        fields(formA.text, {
          leadOfficer: 'Alex Smith',
          'milestoneDate-day': '30',
          'milestoneDate-month': '6',
          'milestoneDate-year': '2026',
        }),
      )
      .expect(302)
    const saved = await t.services.workspace.plans.getItem(context, item.itemId)
    assert.equal(saved.item.leadOfficer, 'Alex Smith')
    assert.equal(saved.item.milestoneDate, '2026-06-30')
    assert.equal(saved.item.version, item.version + 1)

    const stale = await second
      .post(`/plans/items/${item.itemId}/edit`)
      .type('form')
      .send(fields(formB.text, { action: 'Fortnightly supervision' }))
      .expect(302)
    const conflict = await second.get(stale.headers.location as string).expect(200)
    assert.match(conflict.text, /There is a problem/)
    assert.match(conflict.text, /was changed by someone else while you were editing it\. Your changes were not saved/)
    assert.match(conflict.text, /Your changes that were not saved[\s\S]*Fortnightly supervision/)
    assert.match(conflict.text, /Alex Smith/, 'the form now holds what the other person saved')
    assert.equal(
      (await t.services.workspace.plans.getItem(context, item.itemId)).item.action,
      'Monthly supervision for every social worker',
    )

    const events = await t.database.db
      .selectFrom('audit_event')
      .select(['action', 'details'])
      .where('organisation_id', '=', t.orgA.organisationId)
      .where('action', '=', 'plan.item.edited')
      .execute()
    assert.equal(events.length, 1)
    assert.deepEqual((events[0]!.details as { changed: string[] }).changed, ['lead_officer', 'milestone_date'])
    assert.doesNotMatch(JSON.stringify(events[0]!.details), /Alex Smith/)
  })

  it('lets viewers read but not edit or add', async () => {
    const context = systemContext(t.orgA.organisationId, 'test')
    const item = (await t.services.workspace.plans.get(context, planId)).sections[0]!.items[0]!
    const viewer = await signedInAgent(t.app, t.orgA.users.viewer.email)
    const page = await viewer.get(`/plans/items/${item.itemId}`).expect(200)
    assert.doesNotMatch(page.text, /Edit this action/)
    await viewer.get(`/plans/items/${item.itemId}/edit`).expect(403)
    await viewer.get(`/plans/${planId}/items/new`).expect(403)
    const other = await signedInAgent(t.app, t.orgB.users.admin.email)
    await other.get(`/plans/items/${item.itemId}/edit`).expect(404)
  })
})
