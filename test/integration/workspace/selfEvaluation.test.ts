import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { RequestContext } from '../../../src/services/context.js'
import { ForbiddenError } from '../../../src/services/errors.js'
import { seedDemoWorkspace } from '../../../src/services/workspace/seedDemoWorkspace.js'
import { EditConflictError } from '../../../src/services/workspace/errors.js'
import { runCliInProcess } from '../../support/cli.js'
import { startTestApp, type TestApp } from '../../support/testApp.js'

function userContext(t: TestApp, org: 'orgA' | 'orgB', role: 'admin' | 'lead' | 'analyst' | 'viewer'): RequestContext {
  const user = t[org].users[role]
  return {
    actor: { kind: 'user', userId: user.userId, organisationId: t[org].organisationId, role, label: user.displayName },
  }
}

describe('self-evaluation: areas, projection, criteria, gaps, versions', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(async () => t.close())

  it('projects the overall position from self-assessed grades, with the engine’s explanation', async () => {
    const analyst = userContext(t, 'orgA', 'analyst')
    const sefs = t.services.workspace.selfEvaluations
    const { sefId } = await sefs.create(analyst, { frameworkId: 'ilacs-2023', title: 'SEF 2026' })
    const blank = {
      whatWeKnow: 'We know <script>x</script>',
      howWeKnow: 'Audit',
      ourPlans: 'Plan',
      justification: 'Because',
    }
    await sefs.saveArea(analyst, sefId, 'help-and-protection', { ...blank, expectedLock: 1, gradeId: 'inadequate' })
    const loaded = await sefs.get(analyst, sefId)
    assert.equal(loaded.projection.result.judgements['overall-effectiveness']!.max, 'inadequate')
    assert.equal(
      loaded.areas.find(area => area.judgementId === 'help-and-protection')!.whatWeKnow,
      'We know <script>x</script>',
    )
    await assert.rejects(
      sefs.saveArea(analyst, sefId, 'help-and-protection', { ...blank, expectedLock: 1, gradeId: 'good' }),
      EditConflictError,
    )
    await assert.rejects(
      sefs.saveArea(analyst, sefId, 'help-and-protection', { ...blank, expectedLock: 2, gradeId: 'superb' }),
      /Select a grade/,
    )
  })

  it('rates criteria, lists gaps against good, and turns a gap into a plan item once', async () => {
    const lead = userContext(t, 'orgA', 'lead')
    const sefs = t.services.workspace.selfEvaluations
    const { sefId } = await sefs.create(lead, { frameworkId: 'ilacs-2023', title: 'Gap test' })
    const { criteria } = await sefs.get(lead, sefId)
    assert.equal(criteria.length, 4, 'the care-leaver criteria held in the framework data')
    await sefs.rateCriterion(lead, sefId, criteria[0]!.criterionId, {
      expectedLock: 1,
      rating: 'met',
      differenceMade: '',
      evidence: '',
      owner: '',
    })
    await sefs.rateCriterion(lead, sefId, criteria[1]!.criterionId, {
      expectedLock: 2,
      rating: 'not-met',
      differenceMade: '',
      evidence: '',
      owner: 'Simon Cribbens',
    })
    const { criterionId } = await sefs.addCriterion(lead, sefId, {
      expectedLock: 3,
      judgementId: 'help-and-protection',
      text: 'Strategy meetings are timely',
      targetGrade: 'good',
      owner: '',
    })
    const { gaps } = await sefs.get(lead, sefId)
    assert.deepEqual(
      gaps.map(gap => gap.severity),
      ['not-met', 'not-assessed', 'not-assessed', 'not-assessed'],
    )
    assert.ok(gaps.some(gap => gap.criterion.criterionId === criterionId))

    const { planId } = await t.services.workspace.plans.create(lead, { title: 'Improvement plan', kind: 'improvement' })
    const { itemId } = await sefs.gapToPlanItem(lead, sefId, criteria[1]!.criterionId, planId)
    const { item } = await t.services.workspace.plans.getItem(lead, itemId)
    assert.equal(item.leadOfficer, 'Simon Cribbens')
    await assert.rejects(sefs.gapToPlanItem(lead, sefId, criteria[1]!.criterionId, planId), /already has a plan item/)
    await assert.rejects(sefs.gapToPlanItem(lead, sefId, criteria[0]!.criterionId, planId), /not a gap/)

    const cli = await runCliInProcess(['sef', 'gaps', '--sef', sefId, '--organisation', t.orgA.name, '--json'], {
      DATABASE_URL: t.database.url,
    })
    assert.equal(cli.code, 0, cli.stderr)
    const body = JSON.parse(cli.stdout) as { selfEvaluations: { gaps: { planItemId: string | null }[] }[] }
    assert.equal(body.selfEvaluations[0]!.gaps.filter(gap => gap.planItemId === itemId).length, 1)
  })

  it('submits, approves (leads only) and starts a new version that keeps the old one', async () => {
    const analyst = userContext(t, 'orgA', 'analyst')
    const lead = userContext(t, 'orgA', 'lead')
    const sefs = t.services.workspace.selfEvaluations
    const { sefId } = await sefs.create(analyst, { frameworkId: 'sif-2013', title: 'SIF self-assessment' })
    await sefs.submit(analyst, sefId, 1)
    await assert.rejects(
      sefs.saveArea(analyst, sefId, 'leadership-management-governance', {
        expectedLock: 2,
        whatWeKnow: '',
        howWeKnow: '',
        ourPlans: '',
        gradeId: '',
        justification: '',
      }),
      /submitted; start a new version/,
    )
    await assert.rejects(
      sefs.approve(analyst, sefId, { expectedLock: 2, board: 'DLT', approvedOn: '2026-01-10' }),
      ForbiddenError,
    )
    await sefs.approve(lead, sefId, { expectedLock: 2, board: "Children's Executive Board", approvedOn: '2026-01-10' })
    const { versionNumber } = await sefs.newVersion(analyst, sefId)
    assert.equal(versionNumber, 2)
    const loaded = await sefs.get(analyst, sefId)
    assert.deepEqual(
      loaded.versions.map(v => [v.versionNumber, v.status, v.approvedAtBoard]),
      [
        [2, 'draft', null],
        [1, 'approved', "Children's Executive Board"],
      ],
    )
    const actions = await t.database.db
      .selectFrom('audit_event')
      .select('action')
      .where('subject_id', '=', sefId)
      .execute()
    assert.deepEqual(actions.map(a => a.action).sort(), [
      'sef.approved',
      'sef.created',
      'sef.submitted',
      'sef.version.created',
    ])
  })

  it('keeps organisations apart, and viewers read only', async () => {
    const sefs = t.services.workspace.selfEvaluations
    const [first] = await sefs.list(userContext(t, 'orgA', 'viewer'))
    assert.ok(first)
    assert.deepEqual(await sefs.list(userContext(t, 'orgB', 'admin')), [])
    await assert.rejects(sefs.get(userContext(t, 'orgB', 'admin'), first.sefId), /No such self-evaluation/)
    await assert.rejects(
      sefs.create(userContext(t, 'orgA', 'viewer'), { frameworkId: 'ilacs-2023', title: 'x' }),
      ForbiddenError,
    )
  })

  it('seeds a demo work plan and draft self-evaluation', async () => {
    await seedDemoWorkspace(t.services.workspace, t.orgB.organisationId)
    const admin = userContext(t, 'orgB', 'admin')
    const [plan] = await t.services.workspace.plans.list(admin)
    assert.equal(plan!.items, 8, '7 actions and one from the gap analysis')
    assert.ok(plan!.rag.red >= 1 && plan!.rag.amber >= 1 && plan!.rag.green >= 1 && plan!.rag.complete === 1)
    const [sef] = await t.services.workspace.selfEvaluations.list(admin)
    assert.equal(sef!.status, 'draft')
  })
})
