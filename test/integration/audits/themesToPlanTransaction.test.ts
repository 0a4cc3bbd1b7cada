import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { readThemeItemMarker } from '../../../src/domain/audits/index.js'
import { startTestApp, type TestApp } from '../../support/testApp.js'
import { auditActions, contextOf, importSyntheticRun } from './fixtures.js'
import { completedRound } from './roundFixture.js'

describe('themes into the plan, all or nothing', () => {
  let t: TestApp
  let round: Awaited<ReturnType<typeof completedRound>>
  let planId: string
  before(async () => {
    t = await startTestApp()
    round = await completedRound(t, await importSyntheticRun(t, 'orgA'), 'transaction')
    planId = (
      await t.services.workspace.plans.create(contextOf(t, 'orgA', 'lead'), { title: 'Our plan', kind: 'improvement' })
    ).planId
  })
  after(async () => t.close())

  async function planRows() {
    const db = t.database.db
    const items = await db
      .selectFrom('plan_item')
      .select(['ref', 'source_reference'])
      .where('plan_id', '=', planId)
      .execute()
    const sections = await db.selectFrom('plan_section').select('title').where('plan_id', '=', planId).execute()
    const actions = await auditActions(t, t.orgA.organisationId)
    return {
      items,
      sections,
      added: actions.filter(action => action === 'plan.item.added').length,
      rounds: actions.filter(action => action === 'case-audit.themes-to-plan').length,
    }
  }

  it('writes no item, section, link or event when the second item fails, then all of them on a rerun', async () => {
    const lead = contextOf(t, 'orgA', 'lead')
    const input = { round: { kind: 'sample' as const, sampleId: round.sampleId }, planId }
    const before = await planRows()
    // A real failure inside PostgreSQL, part-way: the first item is inserted, the second is refused.
    await sql`CREATE FUNCTION test_refuse_second_theme() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.ref = 'CA2' THEN RAISE EXCEPTION 'forced failure for the second theme'; END IF;
        RETURN NEW;
      END $$`.execute(t.database.db)
    await sql`CREATE TRIGGER refuse_second_theme BEFORE INSERT ON plan_item
      FOR EACH ROW EXECUTE FUNCTION test_refuse_second_theme()`.execute(t.database.db)
    await assert.rejects(t.services.audits.themesToPlan.createItems(lead, input), /forced failure for the second theme/)
    assert.deepEqual(await planRows(), before)
    assert.equal(before.items.length, 0)

    await sql`DROP TRIGGER refuse_second_theme ON plan_item`.execute(t.database.db)
    const result = await t.services.audits.themesToPlan.createItems(lead, input)
    assert.deepEqual(result.created.map(item => item.themeId).sort(), [
      'early-help',
      'multi-agency-working',
      'social-work-practice',
    ])
    const afterRun = await planRows()
    assert.deepEqual(afterRun.items.map(item => item.ref).sort(), ['CA1', 'CA2', 'CA3'])
    assert.deepEqual(afterRun.items.map(item => readThemeItemMarker(item.source_reference)?.themeId).sort(), [
      'early-help',
      'multi-agency-working',
      'social-work-practice',
    ])
    assert.equal(afterRun.sections.length, 1)
    assert.equal(afterRun.added, 3)
    assert.equal(afterRun.rounds, 1)
  })
})
