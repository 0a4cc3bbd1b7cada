import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import request from 'supertest'
import { CHILDS_JOURNEY_AUDIT, questionsOf } from '../../../src/domain/audits/index.js'
import { systemContext } from '../../../src/services/context.js'
import { csrfTokenFrom, signedInAgent, startTestApp, TEST_PASSWORD, type TestApp } from '../../support/testApp.js'
import { auditActions, importSyntheticRun } from './fixtures.js'

type Agent = Awaited<ReturnType<typeof signedInAgent>>

/** A form body as the browser sends it: repeated names for checkboxes. */
function form(fields: Record<string, string | readonly string[]>): string {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(fields))
    for (const item of typeof value === 'string' ? [value] : value) params.append(name, item)
  return params.toString()
}

const allGood = Object.fromEntries(
  questionsOf(CHILDS_JOURNEY_AUDIT).map(question => [
    `grade-${question.id}`,
    question.scale === 'ofsted-4' ? 'good' : 'yes',
  ]),
)

function post(agent: Agent, path: string, page: string, fields: Record<string, string | readonly string[]>) {
  return agent
    .post(path)
    .type('form')
    .send(form({ _csrf: csrfTokenFrom(page), ...fields }))
}

describe('sampling and audit pages', () => {
  let t: TestApp
  let runId: string
  let lead: Agent
  let auditor: Agent
  let samplePath: string
  let auditPaths: string[]
  let secondAuditorEmail: string
  before(async () => {
    t = await startTestApp()
    runId = await importSyntheticRun(t, 'orgA')
    lead = await signedInAgent(t.app, t.orgA.users.lead.email)
    auditor = await signedInAgent(t.app, t.orgA.users.auditor.email)
    const { user } = await t.services.users.create(systemContext(t.orgA.organisationId, 'test'), {
      email: 'second.auditor.a@example.test',
      displayName: 'Second Auditor A',
      role: 'auditor',
      password: TEST_PASSWORD,
    })
    secondAuditorEmail = user.email
  })
  after(async () => t.close())

  it('draws a sample with Post/Redirect/Get, showing errors in a GOV.UK summary', async () => {
    const page = await lead.get('/audits/samples/new').expect(200)
    assert.match(page.text, /synthetic\.xlsx, reference date 31 March 2024/)
    assert.match(page.text, /Child’s journey|18 open cases|sif-2013-case-audit/)
    const bad = await post(lead, '/audits/samples/new', page.text, {
      runId: 'not-a-run',
      plan: '',
      seed: 'x'.repeat(101),
    }).expect(302)
    assert.equal(bad.headers.location, '/audits/samples/new')
    const withErrors = await lead.get('/audits/samples/new').expect(200)
    assert.match(withErrors.text, /There is a problem/)
    assert.match(withErrors.text, /href="#runId">Select an Annex A test run/)
    assert.match(withErrors.text, /href="#plan">Select a sampling plan/)
    assert.match(withErrors.text, /href="#seed">Seed must be 100 characters or fewer/)
    assert.match(withErrors.text, /<title>Error: /)
    // The errors are shown once: a reload is clean.
    assert.doesNotMatch((await lead.get('/audits/samples/new').expect(200)).text, /There is a problem/)

    const drawn = await post(lead, '/audits/samples/new', page.text, {
      runId,
      plan: 'sif-2013-case-audit',
      seed: 'call-day',
    }).expect(302)
    samplePath = drawn.headers.location as string
    assert.match(samplePath, /^\/audits\/samples\/[0-9a-f-]{36}$/)
    const sample = await lead.get(samplePath).expect(200)
    assert.match(sample.text, /Sample drawn: 18 cases with seed call-day/)
    assert.match(sample.text, /<code id="sample-seed">call-day<\/code>/)
    assert.equal((sample.text.match(/name="childIds"/g) ?? []).length, 18)

    // The same run, plan and seed give the same cases.
    const again = await post(lead, '/audits/samples/new', page.text, {
      runId,
      plan: 'sif-2013-case-audit',
      seed: 'call-day',
    }).expect(302)
    const first = await t.services.audits.samples.getSample(
      { actor: { kind: 'system', organisationId: t.orgA.organisationId, label: 'test' } },
      samplePath.split('/').pop()!,
    )
    const second = await t.services.audits.samples.getSample(
      { actor: { kind: 'system', organisationId: t.orgA.organisationId, label: 'test' } },
      String(again.headers.location).split('/').pop()!,
    )
    assert.deepEqual(second.cases, first.cases)

    // Without a seed a random one is chosen, shown and stored.
    const random = await post(lead, '/audits/samples/new', page.text, { runId, plan: 'sif-2013-case-audit', seed: '' })
    const randomPage = await lead.get(random.headers.location as string).expect(200)
    assert.match(randomPage.text, /<code id="sample-seed">[0-9a-f]{8}<\/code>/)
  })

  it('offers the organisation’s stored plans beside the built-in ones, and draws from them', async () => {
    const leadContext = {
      actor: { kind: 'user' as const, ...t.orgA.users.lead, label: 'lead' },
    }
    await t.services.audits.samplingPlans.save(leadContext, {
      id: 'cp-four-stored',
      label: 'Four child protection cases (stored)',
      strata: [{ id: 'cp', lists: [7], quota: 4 }],
    })
    const page = await lead.get('/audits/samples/new').expect(200)
    assert.match(page.text, /value="cp-four-stored"/)
    assert.match(page.text, /Four child protection cases \(stored\)/)
    assert.match(page.text, /value="sif-2013-case-audit"/)
    const drawn = await post(lead, '/audits/samples/new', page.text, {
      runId,
      plan: 'cp-four-stored',
      seed: 'stored',
    }).expect(302)
    const sample = await lead.get(String(drawn.headers.location)).expect(200)
    assert.match(sample.text, /Sample drawn: 4 cases with seed stored/)
    // Another organisation neither sees nor draws it.
    const otherLead = await signedInAgent(t.app, t.orgB.users.lead.email)
    assert.doesNotMatch((await otherLead.get('/audits/samples/new').expect(200)).text, /cp-four-stored/)
  })

  it('redraws one case and keeps the rest', async () => {
    const sampleId = samplePath.split('/').pop()!
    const system = { actor: { kind: 'system' as const, organisationId: t.orgA.organisationId, label: 'test' } }
    const before = await t.services.audits.samples.getSample(system, sampleId)
    const page = await lead.get(samplePath).expect(200)
    const replaced = before.cases[3]!.childId
    await post(lead, `${samplePath}/redraw`, page.text, { childId: replaced }).expect(302)
    const shown = await lead.get(samplePath).expect(200)
    assert.match(shown.text, new RegExp(`Child ${replaced} replaced by child [^ ]+\\. Every other case is unchanged`))
    const afterRedraw = await t.services.audits.samples.getSample(system, sampleId)
    assert.notEqual(afterRedraw.cases[3]!.childId, replaced)
    assert.deepEqual(
      afterRedraw.cases.filter((_, index) => index !== 3),
      before.cases.filter((_, index) => index !== 3),
    )
    await post(lead, `${samplePath}/redraw`, page.text, { childId: 'nobody' }).expect(302)
    assert.match((await lead.get(samplePath)).text, /href="#childIds">That child is not in this sample/)
  })

  it('assigns selected cases, then the rest, on the working-day clock', async () => {
    const page = await lead.get(samplePath).expect(200)
    const childIds = [...page.text.matchAll(/name="childIds" type="checkbox" value="([^"]+)"/g)].map(match => match[1]!)
    assert.equal(childIds.length, 18)

    await post(lead, `${samplePath}/assign`, page.text, {
      auditorUserId: '',
      templateId: 'childs-journey',
      workingDays: 'four',
      scope: 'selected',
    }).expect(302)
    const withErrors = await lead.get(samplePath).expect(200)
    assert.match(withErrors.text, /href="#auditorUserId">Select who will carry out the audits/)
    assert.match(withErrors.text, /href="#workingDays">Enter the number of working days as a whole number/)

    await post(lead, `${samplePath}/assign`, page.text, {
      auditorUserId: t.orgA.users.auditor.userId,
      templateId: 'childs-journey',
      workingDays: '4',
      scope: 'selected',
    }).expect(302)
    assert.match((await lead.get(samplePath)).text, /href="#childIds">Select at least one case/)

    await post(lead, `${samplePath}/assign`, page.text, {
      auditorUserId: t.orgA.users.viewer.userId,
      templateId: 'childs-journey',
      workingDays: '4',
      scope: 'all',
    }).expect(302)
    assert.match((await lead.get(samplePath)).text, /href="#auditorUserId">Select someone who can carry out audits/)

    await post(lead, `${samplePath}/assign`, page.text, {
      auditorUserId: t.orgA.users.auditor.userId,
      templateId: 'childs-journey',
      workingDays: '4',
      scope: 'selected',
      childIds: childIds.slice(0, 2),
    }).expect(302)
    const partly = await lead.get(samplePath).expect(200)
    assert.match(partly.text, /2 cases assigned, due in 4 working days/)
    assert.equal((partly.text.match(/name="childIds"/g) ?? []).length, 16)

    // Assigning an already assigned case again is refused; nothing is duplicated.
    await post(lead, `${samplePath}/assign`, page.text, {
      auditorUserId: t.orgA.users.auditor.userId,
      templateId: 'childs-journey',
      workingDays: '4',
      scope: 'selected',
      childIds: childIds.slice(0, 1),
    }).expect(302)
    assert.match((await lead.get(samplePath)).text, /already been assigned/)

    await post(lead, `${samplePath}/assign`, page.text, {
      auditorUserId: t.orgA.users.auditor.userId,
      templateId: 'childs-journey',
      workingDays: '4',
      scope: 'all',
    }).expect(302)
    const all = await lead.get(samplePath).expect(200)
    assert.match(all.text, /16 cases assigned/)
    assert.match(all.text, /Every case in this sample is assigned for audit/)
    assert.match(all.text, /4 working days left/)
    auditPaths = [...new Set([...all.text.matchAll(/href="(\/audits\/case-audits\/[0-9a-f-]{36})"/g)].map(m => m[1]!))]
    assert.equal(auditPaths.length, 18)
    // A case already assigned cannot be redrawn.
    await post(lead, `${samplePath}/redraw`, page.text, { childId: childIds[0]! }).expect(302)
    assert.match((await lead.get(samplePath)).text, /already been assigned for audit/)
  })

  it('shows the auditor their audits with a countdown, and keeps samples from them', async () => {
    const home = await auditor.get('/audits').expect(200)
    assert.match(home.text, /18 of 18 still to finish/)
    assert.match(home.text, /4 working days left/)
    assert.doesNotMatch(home.text, /Draw a sample/)
    await auditor.get('/audits/samples/new').expect(403)
    await auditor.get(samplePath).expect(403)
    await auditor.get('/audits/summary').expect(403)
    // Past its due date, an audit is flagged overdue, in working days.
    await t.database.db
      .updateTable('case_audit')
      .set({ due_on: '2024-01-05' })
      .where('audit_id', '=', auditPaths[17]!.split('/').pop()!)
      .execute()
    const late = await auditor.get('/audits').expect(200)
    assert.match(late.text, /1 audit is overdue/)
    assert.match(late.text, /govuk-tag--red">Overdue by \d+ working days/)
    const viewer = await signedInAgent(t.app, t.orgA.users.viewer.email)
    assert.match((await viewer.get('/audits').expect(200)).text, /only auditors, leads and administrators/)
    await viewer.get(auditPaths[0]!).expect(403)
  })

  it('records a draft, refuses a stale form, flags a concern, and submits', async () => {
    const auditPath = auditPaths[0]!
    const page = await auditor.get(auditPath).expect(200)
    assert.match(page.text, /Quality of assessment/)
    assert.match(page.text, /Is the assessment analytical, with conclusions that follow from it\?/)
    const version = /name="version" value="([^"]+)"/.exec(page.text)![1]!

    await post(auditor, auditPath, page.text, {
      version,
      action: 'save',
      'grade-risk': 'good',
      'comment-risk': 'Risk was well managed',
      overallGrade: '',
      strengths: 'Clear plan',
      areasForImprovement: '',
      actions: '',
    }).expect(302)
    const saved = await auditor.get(auditPath).expect(200)
    assert.match(saved.text, /Draft saved/)
    assert.match(saved.text, /value="good" checked/)
    assert.match(saved.text, /Risk was well managed/)

    // The page opened before the save is now stale: a conflict, with the answers kept.
    await post(auditor, auditPath, page.text, {
      version,
      action: 'save',
      'grade-risk': 'inadequate',
      overallGrade: '',
      strengths: 'Typed in another tab',
      areasForImprovement: '',
      actions: '',
    }).expect(302)
    const conflict = await auditor.get(auditPath).expect(200)
    assert.match(conflict.text, /href="#audit-form">This audit changed after you opened it/)
    assert.match(conflict.text, /Typed in another tab/)
    const stored = await t.services.audits.caseAudits.get(
      { actor: { kind: 'system', organisationId: t.orgA.organisationId, label: 'test' } },
      auditPath.split('/').pop()!,
    )
    assert.equal(stored.strengths, 'Clear plan')

    const fresh = await auditor.get(auditPath).expect(200)
    const freshVersion = /name="version" value="([^"]+)"/.exec(fresh.text)![1]!
    await post(auditor, auditPath, fresh.text, {
      version: freshVersion,
      action: 'submit',
      'grade-risk': 'good',
      overallGrade: '',
      strengths: '',
      areasForImprovement: '',
      actions: '',
    }).expect(302)
    const incomplete = await auditor.get(auditPath).expect(200)
    assert.match(incomplete.text, /href="#grade-front-door">Select an answer for contact and referral/)
    assert.match(incomplete.text, /href="#overallGrade">Select an overall grade/)
    // The error summary follows the page's order (the session keeps form state as jsonb, which does not).
    const summaryLinks = [...incomplete.text.matchAll(/<a href="#([^"]+)">/g)].map(match => match[1])
    assert.deepEqual(summaryLinks.slice(0, 3), ['grade-front-door', 'grade-multi-agency', 'grade-assessment'])
    assert.equal(summaryLinks.at(-1), 'overallGrade')

    await post(auditor, `${auditPath}/concern`, fresh.text, { managerUserId: '' }).expect(302)
    assert.match((await auditor.get(auditPath)).text, /href="#managerUserId">Select the manager you have told/)
    await post(auditor, `${auditPath}/concern`, fresh.text, { managerUserId: t.orgA.users.lead.userId }).expect(302)
    const flagged = await auditor.get(auditPath).expect(200)
    assert.match(flagged.text, /Safeguarding concern recorded: Test lead A/)
    assert.match(flagged.text, /Safeguarding concern raised\. Test lead A was named/)

    const latest = /name="version" value="([^"]+)"/.exec(flagged.text)![1]!
    await post(auditor, auditPath, flagged.text, {
      ...allGood,
      'grade-risk': 'requires-improvement',
      version: latest,
      action: 'submit',
      overallGrade: 'good',
      strengths: 'Clear plan <script>alert(1)</script>',
      areasForImprovement: 'Supervision is not recorded',
      actions: 'Record supervision monthly',
      themes: ['early-help', 'social-work-practice'],
    }).expect(302)
    const submitted = await auditor.get(auditPath).expect(200)
    assert.match(submitted.text, /Audit submitted/)
    assert.doesNotMatch(submitted.text, /name="version"/)
    assert.match(submitted.text, /Clear plan &lt;script&gt;alert\(1\)&lt;\/script&gt;/)

    // Frozen: a second submission is refused with a message, not a crash.
    await post(auditor, auditPath, submitted.text, {
      ...allGood,
      version: latest,
      action: 'save',
      overallGrade: 'good',
      strengths: '',
      areasForImprovement: '',
      actions: '',
    }).expect(302)
    assert.match((await auditor.get(auditPath)).text, /This audit (has been submitted|changed after you opened it)/)

    const actions = await auditActions(t, t.orgA.organisationId)
    for (const action of [
      'case-audit.answers-saved',
      'case-audit.safeguarding-concern-raised',
      'case-audit.submitted',
      'child-data.view',
    ])
      assert.ok(actions.includes(action), `no ${action} event`)
  })

  it('keeps auditors to their own audits: others read as not found', async () => {
    const other = await signedInAgent(t.app, secondAuditorEmail)
    const home = await other.get('/audits').expect(200)
    assert.match(home.text, /No audits are assigned to you/)
    assert.doesNotMatch(home.text, /case-audits\//)
    await other.get(auditPaths[1]!).expect(404)
    const page = await other.get('/audits').expect(200)
    await post(other, auditPaths[1]!, page.text, { version: 'x', action: 'save' }).expect(404)
    await post(other, `${auditPaths[1]!}/concern`, page.text, { managerUserId: t.orgA.users.lead.userId }).expect(404)
    await other.get(`${auditPaths[1]!}/moderate`).expect(403)
    await other.get(`${auditPaths[1]!}/sign-off`).expect(403)
    const orgB = await signedInAgent(t.app, t.orgB.users.lead.email)
    await orgB.get(samplePath).expect(404)
    await orgB.get(auditPaths[0]!).expect(404)
    await orgB.get('/audits/case-audits/not-a-uuid').expect(404)
  })

  it('signs off, moderates by a second auditor, and shows the agreement and the summary', async () => {
    const auditPath = auditPaths[0]!
    const auditPage = await lead.get(auditPath).expect(200)
    assert.match(auditPage.text, /Record sign-off/)
    assert.match(auditPage.text, /Moderate this audit/)
    // The auditor cannot sign off or moderate their own audit.
    await auditor.get(`${auditPath}/sign-off`).expect(403)
    await auditor.get(`${auditPath}/moderate`).expect(403)

    const signOff = await lead.get(`${auditPath}/sign-off`).expect(200)
    await post(lead, `${auditPath}/sign-off`, signOff.text, { practitioner: '', manager: '' }).expect(302)
    const signOffErrors = await lead.get(`${auditPath}/sign-off`).expect(200)
    assert.match(signOffErrors.text, /href="#practitioner">Enter the name of the practitioner/)
    assert.match(signOffErrors.text, /href="#manager">Enter the name of the team manager/)
    assert.ok(signOffErrors.text.indexOf('href="#practitioner"') < signOffErrors.text.indexOf('href="#manager"'))
    await post(lead, `${auditPath}/sign-off`, signOff.text, {
      practitioner: 'A Practitioner',
      manager: 'A Manager',
    }).expect(302)
    const signedOff = await lead.get(auditPath).expect(200)
    assert.match(signedOff.text, /Sign-off recorded/)
    assert.match(signedOff.text, /Practitioner A Practitioner; team manager A Manager/)

    const moderate = await lead.get(`${auditPath}/moderate`).expect(200)
    assert.doesNotMatch(moderate.text, /Supervision is not recorded/, 'the first answers are hidden')
    await post(lead, `${auditPath}/moderate`, moderate.text, { 'grade-risk': 'good', overallGrade: '' }).expect(302)
    assert.match(
      (await lead.get(`${auditPath}/moderate`)).text,
      /href="#grade-front-door">Select an answer for contact and referral/,
    )
    await post(lead, `${auditPath}/moderate`, moderate.text, {
      ...allGood,
      overallGrade: 'good',
    }).expect(302)
    const moderated = await lead.get(auditPath).expect(200)
    const count = questionsOf(CHILDS_JOURNEY_AUDIT).length
    assert.match(moderated.text, new RegExp(`agreed on ${count - 1} of ${count} questions`))
    assert.match(moderated.text, /id="disagreements"/)
    assert.doesNotMatch(moderated.text, /Moderate this audit/)
    // The auditor sees the agreement on their own audit, too, but cannot export child-level data.
    const auditorView = await auditor.get(auditPath).expect(200)
    assert.match(auditorView.text, /id="moderation-agreement"/)
    assert.doesNotMatch(auditorView.text, /export\.docx/)
    assert.match(moderated.text, new RegExp(`href="${auditPath}/export\\.docx"`))
    const docx = await lead.get(`${auditPath}/export.docx`).expect(200)
    assert.match(String(docx.headers['content-type']), /wordprocessingml/)

    const summary = await lead.get('/audits/summary').expect(200)
    assert.match(summary.text, /<svg role="img"/)
    assert.match(summary.text, /href="\/audits\/summary\/export\.xlsx"/)
    assert.match(summary.text, /id="by-team"/)
    assert.match(summary.text, /Early help/)
    assert.match(summary.text, /Completed audits\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*1\s*<\/dd>/)
    assert.match(
      summary.text,
      /Moderation agreement, overall grade\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*100%/,
    )
    const sampleId = samplePath.split('/').pop()!
    const sample = await t.services.audits.samples.getSample(
      { actor: { kind: 'system', organisationId: t.orgA.organisationId, label: 'test' } },
      sampleId,
    )
    for (const item of sample.cases) assert.ok(!summary.text.includes(item.childId), 'no child ids in the summary')
  })

  it('refuses a lead moderating an audit they carried out', async () => {
    const page = await lead.get(samplePath).expect(200)
    const drawn = await post(lead, '/audits/samples/new', page.text, {
      runId,
      plan: 'ilacs-annex-a',
      seed: 'own',
    }).expect(302)
    const sample = await lead.get(drawn.headers.location as string).expect(200)
    const childId = /name="childIds" type="checkbox" value="([^"]+)"/.exec(sample.text)![1]!
    await post(lead, `${drawn.headers.location as string}/assign`, sample.text, {
      auditorUserId: t.orgA.users.lead.userId,
      templateId: 'childs-journey',
      workingDays: '1',
      scope: 'selected',
      childIds: [childId],
    }).expect(302)
    const assigned = await lead.get(drawn.headers.location as string).expect(200)
    const auditPath = /href="(\/audits\/case-audits\/[0-9a-f-]{36})"/.exec(assigned.text)![1]!
    const audit = await lead.get(auditPath).expect(200)
    await post(lead, auditPath, audit.text, {
      ...allGood,
      version: /name="version" value="([^"]+)"/.exec(audit.text)![1]!,
      action: 'submit',
      overallGrade: 'good',
      strengths: '',
      areasForImprovement: '',
      actions: '',
    }).expect(302)
    const own = await lead.get(`${auditPath}/moderate`).expect(200)
    assert.match(own.text, /You carried out this audit/)
    assert.doesNotMatch(own.text, /Record moderation/)
    await post(lead, `${auditPath}/moderate`, own.text, { ...allGood, overallGrade: 'good' }).expect(302)
    assert.match(
      (await lead.get(`${auditPath}/moderate`)).text,
      /href="#moderation">A second auditor must moderate, not the one who audited/,
    )
  })

  it('answers 403 to a POST without a CSRF token', async () => {
    await lead.post('/audits/samples/new').type('form').send({ runId, plan: 'sif-2013-case-audit' }).expect(403)
    await request(t.app).get('/audits').expect(302)
  })
})
