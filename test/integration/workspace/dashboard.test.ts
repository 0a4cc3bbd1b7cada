import assert from 'node:assert/strict'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { generateAnnexA } from '../../../src/domain/annex-a/index.js'
import { generatedEvents } from '../../../src/services/annex-a/generatedEvents.js'
import type { RequestContext } from '../../../src/services/context.js'
import { importPlanFile } from '../../../src/services/workspace/importPlanFile.js'
import { runCliInProcess } from '../../support/cli.js'
import { signedInAgent, startTestApp, type TestApp } from '../../support/testApp.js'

const FIXTURE = path.resolve('test/fixtures/workspace/seed001-action-plan.csv')

function contextOf(t: TestApp, role: 'admin' | 'lead' | 'analyst' | 'viewer'): RequestContext {
  const user = t.orgA.users[role]
  return {
    actor: { kind: 'user', userId: user.userId, organisationId: t.orgA.organisationId, role, label: user.displayName },
  }
}

interface DashboardJson {
  framework: { id: string; label: string }
  sef: {
    title: string
    versionNumber: number
    status: string
    approval: unknown
    overall: { text: string } | null
  } | null
  gaps: { open: number; planned: number; bySeverity: Record<string, number> }
  plans: { count: number; items: number; rag: Record<string, number>; overdue: { daysOverdue: number }[] }
  annexA: { errors: number; status: string } | null
  inspection: { status: string; earliest: string | null; latest: string | null; basedOn: { date: string } } | null
  evidence: unknown
}

describe('readiness dashboard (service, page, CLI)', () => {
  let t: TestApp
  let env: NodeJS.ProcessEnv
  before(async () => {
    t = await startTestApp()
    env = { DATABASE_URL: t.database.url, NODE_ENV: 'development' }
  })
  after(async () => t.close())

  it('shows an empty organisation honestly: nothing started, nothing recorded', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.viewer.email)
    const page = await agent.get('/dashboard').expect(200)
    assert.match(page.text, /<h1 class="govuk-heading-l">Readiness dashboard<\/h1>/)
    assert.match(page.text, /<option value="ilacs-2023" selected>/)
    assert.match(page.text, /None started for this framework/)
    assert.match(page.text, /No graded inspection recorded/)
    assert.match(page.text, /No Annex A test run yet/)
    assert.match(page.text, /No open action is past its due date/)
    // The home page links to it first among the modules.
    const home = await agent.get('/').expect(200)
    assert.ok(home.text.indexOf('href="/dashboard"') > 0)
    assert.ok(home.text.indexOf('href="/dashboard"') < home.text.indexOf('href="/frameworks"'))
  })

  it('composes the self-evaluation, gaps, plans, Annex A and the inspection window for the chosen framework', async () => {
    const lead = contextOf(t, 'lead')
    const sefs = t.services.workspace.selfEvaluations
    const { sefId } = await sefs.create(lead, { frameworkId: 'ilacs-2023', title: 'Children’s services SEF 2026' })
    let sef = await sefs.get(lead, sefId)
    for (const [judgementId, gradeId] of [
      ['impact-of-leaders', 'good'],
      ['help-and-protection', 'requires-improvement'],
      ['children-in-care', 'good'],
      ['care-leavers', 'good'],
    ] as const) {
      await sefs.saveArea(lead, sefId, judgementId, {
        expectedLock: sef.version.lock,
        whatWeKnow: 'x',
        howWeKnow: '',
        ourPlans: '',
        gradeId,
        justification: '',
      })
      sef = await sefs.get(lead, sefId)
    }
    // One criterion not met, one met: the other two stay unassessed (gaps too).
    const [first, second] = sef.criteria
    await sefs.rateCriterion(lead, sefId, first!.criterionId, {
      expectedLock: sef.version.lock,
      rating: 'not-met',
      differenceMade: '',
      evidence: '',
      owner: 'Head of Service',
    })
    sef = await sefs.get(lead, sefId)
    await sefs.rateCriterion(lead, sefId, second!.criterionId, {
      expectedLock: sef.version.lock,
      rating: 'met',
      differenceMade: '',
      evidence: '',
      owner: '',
    })
    sef = await sefs.get(lead, sefId)
    await sefs.submit(lead, sefId, sef.version.lock)
    sef = await sefs.get(lead, sefId)
    await sefs.approve(lead, sefId, {
      expectedLock: sef.version.lock,
      board: 'Improvement Board',
      approvedOn: '2026-01-20',
    })

    const plan = await importPlanFile(t.services.workspace.plans, lead, FIXTURE, { sourceName: 'seed001.csv' })
    await t.services.inspectionHistory.add(lead, {
      frameworkId: 'ilacs-2023',
      inspectionType: 'standard-inspection',
      date: '2024-03-04',
      grades: { 'overall-effectiveness': 'good' },
    })
    const run = await t.services.annexA.importRun(contextOf(t, 'analyst'), {
      events: generatedEvents(generateAnnexA({ seed: 5, children: 60, referenceDate: '2024-03-31' })),
      sourceName: 'synthetic.xlsx',
      sourceKind: 'xlsx',
      referenceDate: '2024-03-31',
    })

    const dashboard = await t.services.workspace.dashboard.get(contextOf(t, 'viewer'))
    assert.equal(dashboard.framework.id, 'ilacs-2023')
    assert.equal(dashboard.sef?.status, 'approved')
    assert.deepEqual(dashboard.sef?.approval, {
      by: t.orgA.users.lead.displayName,
      board: 'Improvement Board',
      on: '2026-01-20',
    })
    assert.deepEqual(
      dashboard.sef?.judgements.map(judgement => [judgement.text, judgement.given]),
      [
        ['good', true],
        ['requires improvement to be good', true],
        ['good', true],
        ['good', true],
      ],
    )
    assert.ok(dashboard.sef?.overall, 'ILACS has an overall judgement, projected by the engine')
    assert.equal(dashboard.gaps.open, 3)
    assert.deepEqual(dashboard.gaps.bySeverity, { 'not-met': 1, 'partly-met': 0, 'not-assessed': 2 })
    assert.equal(dashboard.plans.count, 1)
    assert.equal(dashboard.plans.items, plan.items)
    assert.deepEqual(dashboard.plans.rag, plan.rag)
    assert.ok(dashboard.plans.overdue.length > 0, 'seed 001 dates are long past')
    assert.ok(dashboard.plans.overdue.every((item, i, all) => i === 0 || all[i - 1]!.daysOverdue >= item.daysOverdue))
    assert.equal(dashboard.annexA?.runId, run.runId)
    assert.equal(dashboard.inspection?.basedOn.date, '2024-03-04')
    assert.ok(dashboard.inspection?.latest, 'ILACS sets a latest date after a good judgement')
    // The evidence bank is empty: its ILACS checklist is known and nothing in it is met.
    assert.ok(typeof dashboard.evidence === 'object', 'ILACS 2023 has a required-document checklist')
    assert.ok(dashboard.evidence.requirements > 0)
    assert.equal(dashboard.evidence.met, 0)
    assert.equal(dashboard.evidence.coveragePercent, 0)
    assert.deepEqual(
      dashboard.charts.evidence?.rows.map(row => row.value),
      [0, 0, dashboard.evidence.notMet],
    )

    const agent = await signedInAgent(t.app, t.orgA.users.viewer.email)
    const page = await agent.get('/dashboard?framework=ilacs-2023').expect(200)
    assert.match(page.text, /Children’s services SEF 2026/)
    assert.match(page.text, /Approved by Test lead A at Improvement Board on 20 January 2026/)
    assert.match(page.text, /<svg role="img" aria-labelledby="rag-chart-title rag-chart-desc"/)
    assert.match(
      page.text,
      new RegExp(
        `<th scope="row" class="govuk-table__header">Red</th><td class="govuk-table__cell govuk-table__cell--numeric">${plan.rag.red}</td>`,
      ),
    )
    assert.match(
      page.text,
      /<th scope="row" class="govuk-table__header">Not met<\/th><td class="govuk-table__cell govuk-table__cell--numeric">1<\/td>/,
    )
    assert.match(page.text, /Days overdue/)
    assert.match(page.text, new RegExp(`href="/annex-a/runs/${run.runId}"`))
    assert.match(page.text, /0% of required documents held and current/)
    assert.match(page.text, /aria-labelledby="evidence-chart-title evidence-chart-desc"/)

    // Another framework: this SEF is not shown, the plans still are.
    const other = await agent.get('/dashboard?framework=ilacs-2018').expect(200)
    assert.match(other.text, /<option value="ilacs-2018" selected>/)
    assert.match(other.text, /None started for this framework/)

    // Organisation B sees none of it.
    const viewerB = t.orgB.users.viewer
    const b = await t.services.workspace.dashboard.get({
      actor: {
        kind: 'user',
        userId: viewerB.userId,
        organisationId: t.orgB.organisationId,
        role: 'viewer',
        label: viewerB.displayName,
      },
    })
    assert.equal(b.sef, null)
    assert.equal(b.plans.count, 0)
    assert.equal(b.annexA, null)
  })

  it('refuses an unknown framework precisely (page 400 with an error summary; CLI exit 2)', async () => {
    const agent = await signedInAgent(t.app, t.orgA.users.viewer.email)
    const bad = await agent.get('/dashboard?framework=%3Cscript%3E').expect(400)
    assert.match(bad.text, /There is a problem/)
    assert.match(bad.text, /href="#framework">Select a framework from the list/)
    assert.doesNotMatch(bad.text, /<script>/)
    const unknown = await agent.get('/dashboard?framework=nope-2099').expect(400)
    assert.match(unknown.text, /Select a framework from the list/)
    const cli = await runCliInProcess(
      ['dashboard', '--framework', 'nope', '--organisation', t.orgA.name, '--json'],
      env,
    )
    assert.equal(cli.code, 2)
    assert.match(cli.stderr, /--framework must be one of: .*ilacs-2023/)
  })

  it('readiness dashboard --json prints the figures (and only JSON) on stdout', async () => {
    const result = await runCliInProcess(['dashboard', '--organisation', t.orgA.name, '--json'], env)
    assert.equal(result.code, 0, result.stderr)
    const body = JSON.parse(result.stdout) as DashboardJson
    assert.equal(body.framework.id, 'ilacs-2023')
    assert.equal(body.sef?.status, 'approved')
    assert.equal(body.gaps.open, 3)
    assert.equal(body.plans.count, 1)
    assert.ok(body.annexA)
    assert.ok(body.inspection)
    assert.notEqual(body.evidence, undefined)
    const human = await runCliInProcess(['dashboard', '--framework', 'ilacs-2018', '--organisation', t.orgA.name], env)
    assert.equal(human.code, 0, human.stderr)
    assert.match(human.stdout, /Self-evaluation: none for this framework/)
    assert.match(human.stdout, /Plans: 1, 63 actions/)
  })
})
