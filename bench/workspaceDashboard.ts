/**
 * Committee-paper export, dashboard composition and the version diff, on large synthetic inputs (pure, no
 * database): `npx tsx bench/run.ts workspaceDashboard`. Prints JSON.
 */
import { composeDashboard, type DashboardOverdueInput } from '../src/domain/workspace/dashboard.js'
import { computeRag, summariseRag } from '../src/domain/workspace/index.js'
import { exportPlanDocx } from '../src/services/workspace/exportPlanDocx.js'
import type { PlanItemView, PlanView } from '../src/services/workspace/planTypes.js'
import { diffWords } from '../src/web/routes/workspace/sefCompare/diff.js'

const TODAY = '2026-06-15'
const ACTIONS = 5000

function item(i: number): PlanItemView {
  const targetDate = `2026-${String((i % 12) + 1).padStart(2, '0')}-15`
  const computed = computeRag(
    { status: 'on-track', milestoneDate: null, targetDate, lastUpdatedOn: '2026-06-01' },
    TODAY,
  )
  return {
    itemId: `item-${i}`,
    planId: 'p',
    sectionId: `s${i % 10}`,
    ref: `A${i}`,
    issue: 'Thresholds are not consistently applied across the front door and assessment teams',
    area: 'Children in need',
    leadManager: 'Head of Service',
    leadOfficer: `Officer ${i % 40}`,
    action: `Audit a sample of contacts and referrals each month and report findings to the board (${i})`,
    milestoneDate: null,
    targetDate,
    status: 'on-track',
    completedOn: null,
    lastUpdatedOn: '2026-06-01',
    sourceReference: '',
    computedRag: computed.rag,
    ragReasons: computed.reasons,
    override: null,
    rag: computed.rag,
    version: 1,
  }
}

async function main() {
  const items = Array.from({ length: ACTIONS }, (_, i) => item(i))
  const plan: PlanView = {
    planId: 'p',
    title: 'Large plan',
    kind: 'improvement',
    sourceName: '',
    createdAt: new Date(),
    rag: summariseRag(items.map(entry => entry.rag)),
    items: items.length,
    today: TODAY,
    sections: Array.from({ length: 10 }, (_, s) => ({
      sectionId: `s${s}`,
      ref: String.fromCharCode(65 + s),
      title: `Theme ${s}`,
      sourceReference: '',
      items: items.filter(entry => entry.sectionId === `s${s}`),
    })),
  }
  let started = performance.now()
  const bytes = await exportPlanDocx(plan)
  const docxSeconds = (performance.now() - started) / 1000

  const overdue: DashboardOverdueInput[] = items.map(entry => ({
    itemId: entry.itemId,
    planId: 'p',
    planTitle: 'Large plan',
    ref: entry.ref,
    action: entry.action,
    lead: entry.leadOfficer,
    due: entry.targetDate!,
    rag: entry.rag,
  }))
  started = performance.now()
  const runs = 100
  for (let i = 0; i < runs; i += 1)
    composeDashboard({
      framework: { id: 'ilacs-2023', label: 'ILACS' },
      today: TODAY,
      sef: null,
      otherSefs: 0,
      plans: [{ planId: 'p', title: 'Large plan', rag: plan.rag, items: ACTIONS }],
      overdue,
      annexA: null,
      inspection: null,
      evidence: 'unavailable',
    })
  const composeMs = (performance.now() - started) / runs

  const words = Array.from({ length: 1200 }, (_, i) => `word${i % 300}`)
  const before = words.join(' ')
  const after = words.map((word, i) => (i % 50 === 0 ? `changed${i}` : word)).join(' ')
  started = performance.now()
  const parts = diffWords(before, after)
  const diffMs = performance.now() - started

  process.stdout.write(
    JSON.stringify(
      {
        docxExport: { actions: ACTIONS, seconds: Number(docxSeconds.toFixed(2)), bytes: bytes.length },
        composeDashboard: { overdueActions: ACTIONS, msPerRun: Number(composeMs.toFixed(2)) },
        versionDiff: { wordsEachSide: 1200, changedWords: 24, ms: Math.round(diffMs), parts: parts.length },
      },
      null,
      2,
    ) + '\n',
  )
}

await main()
