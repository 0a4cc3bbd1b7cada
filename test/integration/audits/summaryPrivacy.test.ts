import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'
import { auditActions, contextOf, importSyntheticRun } from './fixtures.js'
import { completedRound } from './roundFixture.js'

/**
 * The on-screen audit summary shows counts only, so opening it is not a view of child-level data and records no
 * child-data event. This holds it to that: if a child id ever appears there, the page needs a view event.
 */
describe('the audit summary shows no child-level data', () => {
  let t: TestApp
  let round: Awaited<ReturnType<typeof completedRound>>
  let sampleChildIds: string[]
  before(async () => {
    t = await startTestApp()
    round = await completedRound(t, await importSyntheticRun(t, 'orgA'), 'privacy')
    const sample = await t.services.audits.samples.getSample(contextOf(t, 'orgA', 'lead'), round.sampleId)
    sampleChildIds = sample.cases.map(item => item.childId)
  })
  after(async () => t.close())

  it('names no child of the sample, and leaves no child-data view in the log', async () => {
    const lead = await signedInAgent(t.app, t.orgA.users.lead.email)
    // The same ids are found where they are shown, so their absence below means something.
    const samplePage = await lead.get(`/audits/samples/${round.sampleId}`).expect(200)
    for (const childId of round.childIds) assert.match(samplePage.text, new RegExp(`\\b${childId}\\b`))

    const viewsBefore = (await auditActions(t, t.orgA.organisationId)).filter(action => action.startsWith('child-data'))
    const summary = await lead.get('/audits/summary').expect(200)
    assert.match(summary.text, /Completed audits/)
    assert.match(summary.text, /Completed audits[\s\S]*?>\s*3\s*</)
    for (const childId of sampleChildIds)
      assert.doesNotMatch(summary.text, new RegExp(`\\b${childId}\\b`), `child ${childId} must not appear`)
    for (const auditId of round.auditIds) assert.ok(!summary.text.includes(auditId), 'no links to single audits')
    const viewsAfter = (await auditActions(t, t.orgA.organisationId)).filter(action => action.startsWith('child-data'))
    assert.deepEqual(viewsAfter, viewsBefore)
  })
})
