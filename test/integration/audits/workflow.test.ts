import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { questionsOf, CHILDS_JOURNEY_AUDIT } from '../../../src/domain/audits/index.js'
import { readCustomPlan } from '../../../src/domain/sampling/index.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../../../src/services/errors.js'
import { startTestApp, type TestApp } from '../../support/testApp.js'
import { auditActions, contextOf, importSyntheticRun } from './fixtures.js'

const allGood = Object.fromEntries(
  questionsOf(CHILDS_JOURNEY_AUDIT).map(question => [
    question.id,
    { grade: question.scale === 'ofsted-4' ? 'good' : 'yes' },
  ]),
)

describe('samples and case audits', () => {
  let t: TestApp
  let runId: string
  before(async () => {
    t = await startTestApp()
    runId = await importSyntheticRun(t, 'orgA')
  })
  after(async () => t.close())

  it('runs the four-day audit: draw, assign, record, flag, submit, sign off, moderate, aggregate', async () => {
    const lead = contextOf(t, 'orgA', 'lead')
    const auditor = contextOf(t, 'orgA', 'auditor')
    const { samples, caseAudits } = t.services.audits
    const drawn = await samples.draw(lead, { runId, plan: 'sif-2013-case-audit', seed: 'call-day' })
    assert.equal(drawn.cases.length, 18)

    const ids = await caseAudits.assignSample(lead, {
      sampleId: drawn.sampleId,
      auditorUserId: t.orgA.users.auditor.userId,
      templateId: 'childs-journey',
    })
    assert.equal(ids.length, 18)
    const mine = await caseAudits.list(auditor)
    assert.equal(mine.length, 18)
    assert.equal(mine[0]!.countdown.workingDaysLeft, 4)

    const auditId = ids[0]!
    await assert.rejects(
      caseAudits.record(auditor, auditId, { answers: { risk: { grade: 'good' } } }, { submit: true }),
      ValidationError,
    )
    await assert.rejects(
      caseAudits.record(auditor, auditId, { answers: { risk: { grade: 'brilliant' } } }, { submit: false }),
      ValidationError,
    )
    await caseAudits.raiseSafeguardingConcern(auditor, auditId, { managerUserId: t.orgA.users.lead.userId })
    await caseAudits.record(
      auditor,
      auditId,
      {
        answers: allGood,
        overallGrade: 'good',
        strengths: 'Clear plan',
        themes: ['early-help', 'social-work-practice'],
      },
      { submit: true },
    )
    await assert.rejects(caseAudits.record(auditor, auditId, { answers: allGood }, { submit: false }), ValidationError)
    const viewed = await caseAudits.get(auditor, auditId)
    assert.equal(viewed.safeguardingConcern, true)
    assert.equal(viewed.status, 'submitted')

    await assert.rejects(caseAudits.signOff(auditor, auditId, { practitioner: 'P', manager: 'M' }), ForbiddenError)
    await caseAudits.signOff(lead, auditId, { practitioner: 'A Practitioner', manager: 'A Manager' })
    // Auditors do not moderate (they see only their own audits); leads do, never on an audit of their own.
    await assert.rejects(
      caseAudits.moderate(auditor, auditId, { answers: allGood, overallGrade: 'good' }),
      ForbiddenError,
    )
    const agreement = await caseAudits.moderate(lead, auditId, {
      answers: { ...allGood, risk: { grade: 'inadequate' } },
      overallGrade: 'good',
    })
    assert.equal(agreement.compared, questionsOf(CHILDS_JOURNEY_AUDIT).length)
    assert.equal(agreement.agreed, agreement.compared - 1)
    assert.equal(agreement.overallAgreed, true)

    const summary = await caseAudits.summary(lead)
    assert.equal(summary.audits, 1)
    assert.deepEqual(summary.byTeam[0]?.grades, { good: 1 })
    assert.deepEqual(summary.themes.map(item => item.theme).sort(), ['early-help', 'social-work-practice'])
    assert.equal(summary.moderation.overallRate, 100)

    const actions = await auditActions(t, t.orgA.organisationId)
    for (const action of [
      'sample.drawn',
      'case-audit.assigned',
      'case-audit.safeguarding-concern-raised',
      'case-audit.submitted',
      'child-data.view',
      'case-audit.signed-off',
      'case-audit.moderated',
    ])
      assert.ok(actions.includes(action), `no ${action} event`)
  })

  it('redraws one case, keeps the rest, and never brings the replaced child back', async () => {
    const lead = contextOf(t, 'orgA', 'lead')
    const drawn = await t.services.audits.samples.draw(lead, { runId, plan: 'slac-2009-case-files', seed: 'redraw' })
    const replaced = drawn.cases[5]!.childId
    const result = await t.services.audits.samples.redraw(lead, drawn.sampleId, replaced)
    assert.ok(result.replacement)
    const after = await t.services.audits.samples.getSample(lead, drawn.sampleId)
    assert.deepEqual(
      after.cases.filter((_, index) => index !== 5),
      drawn.cases.filter((_, index) => index !== 5),
    )
    assert.equal(after.cases[5]!.childId, result.replacement.childId)
    assert.deepEqual(after.rejected, [replaced])
  })

  it('leaves out children audited recently when the plan says so', async () => {
    const lead = contextOf(t, 'orgA', 'lead')
    const assigned = new Set((await t.services.audits.caseAudits.list(lead)).map(item => item.childId))
    const { plan } = readCustomPlan({
      id: 'fresh',
      label: 'Fresh',
      excludeAuditedWithinDays: 30,
      strata: [{ id: 'open', lists: [6, 7, 8, 9], quota: 'all' }],
    })
    const drawn = await t.services.audits.samples.draw(lead, { runId, plan: plan!, seed: '1' })
    assert.ok(drawn.cases.length > 0)
    assert.ok(drawn.cases.every(item => !assigned.has(item.childId)))
  })

  it('keeps roles and organisations apart', async () => {
    const { samples, caseAudits } = t.services.audits
    const [someAudit] = await caseAudits.list(contextOf(t, 'orgA', 'lead'))
    await assert.rejects(
      samples.draw(contextOf(t, 'orgA', 'auditor'), { runId, plan: 'sif-2013-case-audit' }),
      ForbiddenError,
    )
    await assert.rejects(
      samples.draw(contextOf(t, 'orgA', 'analyst'), { runId, plan: 'sif-2013-case-audit' }),
      ForbiddenError,
    )
    await assert.rejects(caseAudits.list(contextOf(t, 'orgA', 'viewer')), ForbiddenError)
    await assert.rejects(
      samples.draw(contextOf(t, 'orgB', 'lead'), { runId, plan: 'sif-2013-case-audit' }),
      NotFoundError,
    )
    await assert.rejects(caseAudits.get(contextOf(t, 'orgB', 'lead'), someAudit!.auditId), NotFoundError)
    assert.deepEqual(await caseAudits.list(contextOf(t, 'orgB', 'auditor')), [])
    await assert.rejects(caseAudits.summary(contextOf(t, 'orgA', 'auditor')), ForbiddenError)
    await assert.rejects(
      samples.draw(contextOf(t, 'orgA', 'lead'), { runId, plan: 'sif-2013-case-audit', seed: 'x'.repeat(101) }),
      ValidationError,
    )
  })

  it('refuses a save from a stale form, and of two saves from the same form exactly one lands', async () => {
    const lead = contextOf(t, 'orgA', 'lead')
    const auditor = contextOf(t, 'orgA', 'auditor')
    const { samples, caseAudits, web } = t.services.audits
    const drawn = await samples.draw(lead, { runId, plan: 'sif-2013-case-audit', seed: 'stale-forms' })
    const [auditId] = await caseAudits.assignSample(lead, {
      sampleId: drawn.sampleId,
      auditorUserId: t.orgA.users.auditor.userId,
      templateId: 'childs-journey',
    })
    assert.ok(auditId)
    const opened = (await web.editState(auditor, auditId)).version
    const save = (strengths: string) =>
      caseAudits.record(auditor, auditId, { answers: {}, strengths }, { submit: false, expectedChangedAt: opened })
    const results = await Promise.allSettled([save('first tab'), save('second tab')])
    assert.deepEqual(results.map(result => result.status).sort(), ['fulfilled', 'rejected'])
    const refused = results.find(result => result.status === 'rejected')
    assert.ok(refused?.reason instanceof ValidationError)
    assert.match(refused.reason.fieldErrors['audit-form'] ?? '', /changed after you opened it/)
    const stored = await caseAudits.get(auditor, auditId)
    const winner = results[0]?.status === 'fulfilled' ? 'first tab' : 'second tab'
    assert.equal(stored.strengths, winner)
    await assert.rejects(save('a third, stale'), ValidationError)
    assert.notEqual((await web.editState(auditor, auditId)).version, opened)
  })
})
