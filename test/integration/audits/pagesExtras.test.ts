import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { docxText } from '../../support/docxText.js'
import { csrfTokenFrom, signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'
import { contextOf, importSyntheticRun } from './fixtures.js'
import { completedRound } from './roundFixture.js'

type Agent = Awaited<ReturnType<typeof signedInAgent>>

/** supertest: collect a binary body as a Buffer. */
function binary(
  res: NodeJS.ReadableStream & { setEncoding(encoding: string): void },
  done: (error: Error | null, body: Buffer) => void,
) {
  const chunks: Buffer[] = []
  res.on('data', (chunk: Buffer) => chunks.push(chunk))
  res.on('end', () => done(null, Buffer.concat(chunks)))
}

describe('audit extras pages', () => {
  let t: TestApp
  let lead: Agent
  let round: Awaited<ReturnType<typeof completedRound>>
  let planId: string
  before(async () => {
    t = await startTestApp()
    const runId = await importSyntheticRun(t, 'orgA')
    round = await completedRound(t, runId, 'pages')
    planId = (
      await t.services.workspace.plans.create(contextOf(t, 'orgA', 'lead'), { title: 'Our plan', kind: 'improvement' })
    ).planId
    lead = await signedInAgent(t.app, t.orgA.users.lead.email)
  })
  after(async () => t.close())

  it('downloads the DOCX of one audit, the XLSX summary and the 20-day update DOCX', async () => {
    const docx = await lead
      .get(`/audits/case-audits/${round.auditIds[0]}/export.docx`)
      .buffer(true)
      .parse(binary as never)
      .expect(200)
    assert.match(String(docx.headers['content-disposition']), /^attachment; filename="case-audit-[0-9a-f]{8}\.docx"$/)
    assert.match((await docxText(docx.body as Buffer)).text, new RegExp(`child ${round.childIds[0]}`))
    const xlsx = await lead.get(`/audits/summary/export.xlsx?sample=${round.sampleId}`).expect(200)
    assert.match(String(xlsx.headers['content-type']), /spreadsheetml/)
    await lead.get('/audits/twenty-day-update/export.docx').expect(200)
    await lead.get('/audits/summary/export.xlsx?from=2026-13-01&to=2026-12-01').expect(400)
    const auditor = await signedInAgent(t.app, t.orgA.users.auditor.email)
    await auditor.get(`/audits/case-audits/${round.auditIds[0]}/export.docx`).expect(403)
    const other = await signedInAgent(t.app, t.orgB.users.lead.email)
    await other.get(`/audits/case-audits/${round.auditIds[0]}/export.docx`).expect(404)
  })

  it('shows the 20-day update and keeps a bad date in the form with an error', async () => {
    const page = await lead.get('/audits/twenty-day-update').expect(200)
    assert.match(page.text, /Social work practice: 2 audits \(66\.7%\)/)
    assert.match(page.text, /Supervision is not recorded monthly\./)
    const bad = await lead
      .get('/audits/twenty-day-update?from-day=31&from-month=2&from-year=2026&to-day=1&to-month=3&to-year=2026')
      .expect(200)
    assert.match(bad.text, /There is a problem/)
    assert.match(bad.text, /The start of the period must be a real date/)
  })

  it('adds themes to a plan from the page, once, with Post/Redirect/Get', async () => {
    const url = `/audits/themes-to-plan?sample=${round.sampleId}&plan=${planId}`
    const page = await lead.get(url).expect(200)
    assert.match(page.text, /Themes in sample/)
    const empty = await lead
      .post('/audits/themes-to-plan')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), sample: round.sampleId, plan: planId })
      .expect(302)
    assert.equal(empty.headers.location, url)
    assert.match((await lead.get(url)).text, /Select at least one theme/)
    const form = await lead.get(url)
    await lead
      .post('/audits/themes-to-plan')
      .type('form')
      .send(
        `_csrf=${encodeURIComponent(csrfTokenFrom(form.text))}&sample=${round.sampleId}&plan=${planId}&themes=social-work-practice&themes=early-help`,
      )
      .expect(302)
    const after = await lead.get(url).expect(200)
    assert.match(after.text, /2 actions added to the plan\./)
    assert.equal((after.text.match(/href="\/plans\/items\//g) ?? []).length, 2)
    const plan = await t.services.workspace.plans.get(contextOf(t, 'orgA', 'lead'), planId)
    assert.equal(plan.items, 2)
  })

  it('creates a template by copying, saves a new version, and reports a stale edit', async () => {
    const list = await lead.get('/audits/templates').expect(200)
    await lead
      .post('/audits/templates')
      .type('form')
      .send({
        _csrf: csrfTokenFrom(list.text),
        fromId: 'childs-journey',
        id: 'our-journey',
        label: 'Our journey audit',
      })
      .expect(302)
      .expect('location', '/audits/templates/our-journey')
    const page = await lead.get('/audits/templates/our-journey').expect(200)
    assert.match(page.text, /Save version 2/)
    const token = csrfTokenFrom(page.text)
    const sections = '# Practice\nRisk management | ofsted-4 | Is risk managed?\nChild seen alone | yes-partly-no'
    await lead
      .post('/audits/templates/our-journey')
      .type('form')
      .send({ _csrf: token, expectedVersion: '1', label: 'Our journey audit', sections, changeNote: 'Shorter' })
      .expect(302)
    const saved = await lead.get('/audits/templates/our-journey').expect(200)
    assert.match(saved.text, /Version 2 saved/)
    assert.match(saved.text, /Child seen alone/)
    await lead
      .post('/audits/templates/our-journey')
      .type('form')
      .send({ _csrf: token, expectedVersion: '1', label: 'Late', sections, changeNote: '' })
      .expect(302)
    assert.match((await lead.get('/audits/templates/our-journey')).text, /changed by someone else/)
    assert.match((await lead.get('/audits/templates/our-journey?version=1')).text, /This is an earlier version/)
    const bad = await lead.get('/audits/templates/our-journey')
    await lead
      .post('/audits/templates/our-journey')
      .type('form')
      .send({
        _csrf: csrfTokenFrom(bad.text),
        expectedVersion: '2',
        label: 'X',
        sections: 'No heading',
        changeNote: '',
      })
      .expect(302)
    assert.match((await lead.get('/audits/templates/our-journey')).text, /Line 1: start with a section heading/)
  })

  it('adds, edits and retires themes in the taxonomy', async () => {
    const page = await lead.get('/audits/taxonomy').expect(200)
    assert.match(page.text, /Multi-agency working/)
    await lead
      .post('/audits/taxonomy')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), label: 'Neglect', phrases: 'neglect\ngraded care profile' })
      .expect(302)
    const listed = await lead.get('/audits/taxonomy').expect(200)
    assert.match(listed.text, /Theme “Neglect” added\./)
    assert.match(listed.text, /neglect, graded care profile/)
    const theme = await lead.get('/audits/taxonomy/neglect').expect(200)
    await lead
      .post('/audits/taxonomy/neglect')
      .type('form')
      .send({
        _csrf: csrfTokenFrom(theme.text),
        expectedVersion: '1',
        label: 'Neglect and poverty',
        phrases: 'neglect',
      })
      .expect(302)
    const again = await lead.get('/audits/taxonomy').expect(200)
    assert.match(again.text, /Neglect and poverty/)
    await lead
      .post('/audits/taxonomy/neglect/retire')
      .type('form')
      .send({ _csrf: csrfTokenFrom(again.text), expectedVersion: '2', retired: 'true' })
      .expect(302)
    assert.match((await lead.get('/audits/taxonomy')).text, /Theme retired/)
    const duplicate = await lead.get('/audits/taxonomy')
    await lead
      .post('/audits/taxonomy')
      .type('form')
      .send({ _csrf: csrfTokenFrom(duplicate.text), label: 'early help', phrases: '' })
      .expect(302)
    assert.match((await lead.get('/audits/taxonomy')).text, /There is already a theme with that name/)
    const viewer = await signedInAgent(t.app, t.orgA.users.viewer.email)
    await viewer.get('/audits/taxonomy').expect(403)
  })
})
