import { interpretPlanRows } from '../../domain/workspace/index.js'
import { systemContext } from '../context.js'
import type { WorkspaceServices } from './index.js'

/** Days from today as 'YYYY-MM-DD', so the demo's RAG mix looks the same whenever it is seeded. */
function daysFromNow(today: string, days: number): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/**
 * A work plan shaped like seed 003 Appendix 1 (the inspection and improvement planning group), with invented
 * leads, and a draft self-evaluation: enough for a newcomer to see RAG, overdue lists and gap analysis working.
 */
export async function seedDemoWorkspace(workspace: WorkspaceServices, organisationId: string): Promise<void> {
  const context = systemContext(organisationId, 'demo data')
  const today = workspace.plans.today()
  const at = (days: number) => daysFromNow(today, days)
  const header = [
    'Ref',
    'Issue',
    'Lead officer',
    'Action',
    'Milestone date',
    'Progress against action',
    'Completion date',
  ]
  const rows = [
    header,
    ['1', 'Annex A'],
    ['1.1', 'Annex A', 'Sam Okafor', 'Set up a forward plan of monthly Annex A meetings', at(-40), 'Complete', at(-30)],
    ['1.2', 'Annex A', 'Priya Shah', 'Continue monthly test runs of child-level data', at(-5), 'On track', at(25)],
    [
      '1.3',
      'Annex A',
      'Priya Shah',
      'Update the child-level data issues log from each test run',
      at(-20),
      'Behind: new system fields',
      at(-2),
    ],
    ['2', 'Self-assessment and grade descriptors'],
    [
      '2.1',
      'Self-assessment',
      'Alex Morgan',
      'Complete the gap analysis against grade descriptors',
      at(5),
      'At risk: two areas unassessed',
      at(10),
    ],
    [
      '2.2',
      'Self-assessment',
      'Alex Morgan',
      'Redraft the self-assessment (version 2) for the leadership team',
      at(30),
      'On track',
      at(45),
    ],
    ['3', 'Quality assurance and case audits'],
    ['3.1', 'Audit', 'Jo Barker', 'Audit all open cases with the agreed audit template', at(20), 'On track', at(60)],
    ['3.2', 'Audit', 'Jo Barker', 'Review the quality assurance framework and audit programme', '', '', ''],
  ]
  const imported = interpretPlanRows(rows.map((cells, index) => ({ rowNumber: index + 1, cells })))
  const { plan } = await workspace.plans.saveImport(context, {
    title: 'Inspection preparation work plan',
    kind: 'work',
    sourceName: 'demo',
    imported,
  })

  const { sefId } = await workspace.selfEvaluations.create(context, {
    frameworkId: 'ilacs-2023',
    title: 'Self-evaluation (draft)',
  })
  const areas: [string, string, string][] = [
    ['impact-of-leaders', 'good', 'Leaders know their services well through monthly performance clinics and audit.'],
    [
      'help-and-protection',
      'requires-improvement',
      'Timeliness of assessments has improved but is not yet consistent.',
    ],
    ['children-in-care', 'good', 'Placement stability is above statistical neighbours.'],
    ['care-leavers', 'good', 'Most care leavers are in touch and in suitable accommodation.'],
  ]
  let lock = 1
  for (const [judgementId, gradeId, whatWeKnow] of areas) {
    await workspace.selfEvaluations.saveArea(context, sefId, judgementId, {
      expectedLock: lock++,
      whatWeKnow,
      howWeKnow: 'Case audits, practice observations and performance data reviewed monthly.',
      ourPlans: 'See the inspection preparation work plan.',
      gradeId,
      justification: 'Agreed at the inspection and improvement planning group.',
    })
  }
  const loaded = await workspace.selfEvaluations.get(context, sefId)
  const ratings = ['met', 'partly-met', 'not-met'] as const
  for (const [index, criterion] of loaded.criteria.slice(0, 3).entries()) {
    await workspace.selfEvaluations.rateCriterion(context, sefId, criterion.criterionId, {
      expectedLock: lock++,
      rating: ratings[index]!,
      differenceMade: 'Care leavers told us in the annual survey.',
      evidence: 'Care leavers survey; audit of pathway plans.',
      owner: 'Alex Morgan',
    })
  }
  const gap = (await workspace.selfEvaluations.get(context, sefId)).gaps[0]
  if (gap) await workspace.selfEvaluations.gapToPlanItem(context, sefId, gap.criterion.criterionId, plan.id)
}
