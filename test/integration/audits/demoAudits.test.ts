import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { readThemeItemMarker } from '../../../src/domain/audits/index.js'
import { systemContext } from '../../../src/services/context.js'
import { seedDemo, DEMO_ORGANISATION_NAME } from '../../../src/services/demo/seedDemo.js'
import { startTestApp, type TestApp } from '../../support/testApp.js'

describe('the demo audit round', () => {
  let t: TestApp
  before(async () => {
    t = await startTestApp()
  })
  after(async () => t.close())

  it('has a completed round, one moderated, with its themes feeding the improvement plan', async () => {
    await seedDemo(t.services)
    const organisation = await t.services.organisations.findByName(DEMO_ORGANISATION_NAME)
    const context = systemContext(organisation!.organisationId, 'test')
    const audits = await t.services.audits.caseAudits.list(context)
    assert.deepEqual(audits.map(item => item.status).sort(), [
      'assigned',
      'signed-off',
      'signed-off',
      'submitted',
      'submitted',
      'submitted',
    ])
    const summary = await t.services.audits.reports.summary(context)
    assert.equal(summary.audits, 5)
    assert.equal(summary.moderation.audits, 1)
    assert.equal(summary.themes[0]!.themeId, 'social-work-practice')
    const plans = await t.services.workspace.plans.list(context)
    const improvement = plans.find(plan => plan.kind === 'improvement')!
    const plan = await t.services.workspace.plans.get(context, improvement.planId)
    const fromAudits = plan.sections
      .flatMap(section => section.items)
      .filter(item => readThemeItemMarker(item.sourceReference))
    assert.equal(fromAudits.length, summary.themes.length)

    // One moderation waiting for the administrator, and one safeguarding concern the lead has acknowledged.
    const users = await t.services.users.list(context)
    const admin = users.find(user => user.role === 'admin')!
    const adminContext = {
      actor: {
        kind: 'user' as const,
        userId: admin.userId,
        organisationId: admin.organisationId,
        role: admin.role,
        label: admin.email,
      },
    }
    assert.equal((await t.services.audits.web.toModerate(adminContext)).length, 1)
    assert.deepEqual(await t.services.audits.caseAudits.openConcerns(context), [])
    const concerns = await t.database.db
      .selectFrom('case_audit')
      .select(['concern_manager_user_id', 'concern_acknowledged_by'])
      .where('organisation_id', '=', organisation!.organisationId)
      .where('safeguarding_concern', '=', true)
      .execute()
    const lead = users.find(user => user.role === 'lead')!
    assert.deepEqual(concerns, [{ concern_manager_user_id: lead.userId, concern_acknowledged_by: lead.userId }])
  })
})
