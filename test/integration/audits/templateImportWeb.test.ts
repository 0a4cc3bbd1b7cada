import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { csrfTokenFrom, signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'
import { auditActions, contextOf } from './fixtures.js'

type Agent = Awaited<ReturnType<typeof signedInAgent>>

function summaryLinks(html: string): [string, string][] {
  const summary = /<div class="govuk-error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? ''
  return [...summary.matchAll(/<a href="([^"]+)">([^<]*)<\/a>/g)].map(match => [
    match[2]!
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .trim(),
    match[1]!,
  ])
}

const TEMPLATE = {
  id: 'neglect-audit',
  label: 'Neglect case audit',
  sections: [
    {
      label: 'Assessment',
      questions: [
        { label: 'Is the impact of neglect understood?', guidance: 'The child’s lived experience.' },
        { label: 'Was the graded care profile used?', scale: 'yes-partly-no' },
      ],
    },
  ],
}

describe('importing an audit template from JSON on the web', () => {
  let t: TestApp
  let lead: Agent
  before(async () => {
    t = await startTestApp()
    lead = await signedInAgent(t.app, t.orgA.users.lead.email)
  })
  after(async () => t.close())

  /** Pastes JSON on the import page; the answer is always a redirect (Post/Redirect/Get), returned as its location. */
  async function paste(templateJson: string, changeNote = ''): Promise<string> {
    const page = await lead.get('/audits/templates/import')
    assert.equal(page.status, 200, t.errors.join('\n'))
    const response = await lead
      .post('/audits/templates/import')
      .type('form')
      .send({ _csrf: csrfTokenFrom(page.text), templateJson, changeNote })
      .expect(302)
    return String(response.headers.location)
  }

  it('is offered to leads from the templates page, and refused to auditors', async () => {
    assert.match((await lead.get('/audits/templates').expect(200)).text, /href="\/audits\/templates\/import"/)
    const auditor = await signedInAgent(t.app, t.orgA.users.auditor.email)
    await auditor.get('/audits/templates/import').expect(403)
    assert.doesNotMatch((await auditor.get('/audits/templates').expect(200)).text, /\/audits\/templates\/import/)
  })

  it('lists every problem with the section and question it is in, and stores nothing', async () => {
    assert.match(await paste(''), /\/audits\/templates\/import$/)
    assert.deepEqual(summaryLinks((await lead.get('/audits/templates/import')).text), [
      ['Paste the template as JSON', '#templateJson'],
    ])
    await paste('{\n  "id": "x",\n  "sections": [\n    { "label": "A" ]\n}')
    assert.deepEqual(summaryLinks((await lead.get('/audits/templates/import')).text), [
      ["The JSON is not valid at line 4, column 20: Expected ',' or '}' after property value", '#templateJson'],
    ])
    const broken = {
      id: 'neglect-audit',
      label: 'Neglect',
      sections: [
        { label: 'Plans', questions: [{ label: 'Risk', scale: 'five-point' }, { guidance: 'no label' }] },
        { questions: [] },
      ],
    }
    await paste(JSON.stringify(broken))
    const page = await lead.get('/audits/templates/import').expect(200)
    assert.deepEqual(summaryLinks(page.text), [
      ['Section 1 (“Plans”), question 1 (“Risk”): scale must be one of ofsted-4, yes-partly-no', '#templateJson'],
      ['Section 1 (“Plans”), question 2: label is required', '#templateJson'],
      ['Section 2: label is required', '#templateJson'],
      ['Section 2: questions must list at least one question', '#templateJson'],
    ])
    assert.match(page.text, /id="templateJson-error"/)
    // What was pasted comes back to be fixed.
    assert.match(page.text, /five-point/)
    await paste(JSON.stringify({ ...TEMPLATE, id: 'childs-journey' }))
    assert.deepEqual(summaryLinks((await lead.get('/audits/templates/import')).text), [
      ['id "childs-journey" is a built-in template; choose another id', '#templateJson'],
    ])
    const templates = await t.services.audits.templates.list(contextOf(t, 'orgA', 'lead'))
    assert.equal(
      templates.some(template => template.id === 'neglect-audit'),
      false,
    )
  })

  it('creates version 1, then saves a new version when the id exists, from text or a file', async () => {
    assert.match(await paste(JSON.stringify(TEMPLATE)), /\/audits\/templates\/neglect-audit$/)
    const first = await lead.get('/audits/templates/neglect-audit').expect(200)
    assert.match(first.text, /Template “Neglect case audit” imported \(version 1\)\./)
    assert.match(first.text, /Was the graded care profile used\?/)

    await paste(JSON.stringify({ ...TEMPLATE, label: 'Neglect audit, revised' }), 'Renamed')
    const second = await lead.get('/audits/templates/neglect-audit').expect(200)
    assert.match(second.text, /imported as version 2\. Audits already started keep the version they began with\./)
    const versions = await t.services.audits.templates.versions(contextOf(t, 'orgA', 'lead'), 'neglect-audit')
    assert.deepEqual(
      versions.map(version => [version.version, version.changeNote]),
      [
        [2, 'Renamed'],
        [1, 'First version'],
      ],
    )
    // Question ids come from the labels, so they line up across the versions.
    const [v1, v2] = await Promise.all([
      t.services.audits.templates.get(contextOf(t, 'orgA', 'lead'), 'neglect-audit', 1),
      t.services.audits.templates.get(contextOf(t, 'orgA', 'lead'), 'neglect-audit', 2),
    ])
    assert.deepEqual(
      v2.sections[0]!.questions.map(question => question.id),
      v1.sections[0]!.questions.map(question => question.id),
    )

    const page = await lead.get('/audits/templates/import').expect(200)
    await lead
      .post('/audits/templates/import/file')
      .field('_csrf', csrfTokenFrom(page.text))
      .field('changeNote', 'From a file')
      .attach(
        'templateFile',
        Buffer.from(`\uFEFF${JSON.stringify({ ...TEMPLATE, label: 'Neglect audit, from a file' })}`),
        'neglect.json',
      )
      .expect(302, /\/audits\/templates\/neglect-audit$/)
    const third = await t.services.audits.templates.get(contextOf(t, 'orgA', 'lead'), 'neglect-audit')
    assert.equal(third.version, 3)
    assert.equal(third.label, 'Neglect audit, from a file')

    // A bad file: the problems link to the file field.
    const again = await lead.get('/audits/templates/import').expect(200)
    await lead
      .post('/audits/templates/import/file')
      .field('_csrf', csrfTokenFrom(again.text))
      .attach('templateFile', Buffer.from('{"id": "neglect-audit", "label": "x", "sections": []}'), 'bad.json')
      .expect(302)
    assert.deepEqual(summaryLinks((await lead.get('/audits/templates/import')).text), [
      ['sections must list at least one section', '#templateFile'],
    ])
    // Without the CSRF token an upload is refused before anything is read.
    await lead
      .post('/audits/templates/import/file')
      .attach('templateFile', Buffer.from(JSON.stringify({ ...TEMPLATE, label: 'No token' })), 'x.json')
      .expect(403)
    assert.equal((await t.services.audits.templates.get(contextOf(t, 'orgA', 'lead'), 'neglect-audit')).version, 3)
    const actions = await auditActions(t, t.orgA.organisationId)
    assert.equal(actions.filter(action => action === 'audit-template.created').length, 1)
    assert.equal(actions.filter(action => action === 'audit-template.revised').length, 2)
  })
})
