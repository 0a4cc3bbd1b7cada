import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  computeRag,
  effectiveRag,
  summariseRag,
  type ProgressStatus,
  type Rag,
} from '../../../src/domain/workspace/index.js'
import { exportPlanDocx, overdueItems, paperDate } from '../../../src/services/workspace/exportPlanDocx.js'
import type { PlanItemView, PlanView } from '../../../src/services/workspace/planTypes.js'
import { docxText } from '../../support/docxText.js'

const TODAY = '2026-06-15'

let counter = 0
function item(
  fields: Partial<PlanItemView> & {
    status?: ProgressStatus
    override?: { rag: Rag; reason: string; by: string } | null
  },
): PlanItemView {
  counter += 1
  const base = {
    status: fields.status ?? 'on-track',
    milestoneDate: fields.milestoneDate ?? null,
    targetDate: fields.targetDate ?? null,
    lastUpdatedOn: fields.lastUpdatedOn ?? TODAY,
  }
  const computed = computeRag(base, TODAY)
  const override = fields.override ?? null
  return {
    itemId: `item-${counter}`,
    planId: 'plan-1',
    sectionId: 'section-1',
    ref: `A${counter}`,
    issue: 'Thresholds are not understood',
    area: 'Safeguarding',
    leadManager: 'Head of Service',
    leadOfficer: 'Team manager',
    action: `Action number ${counter}`,
    completedOn: null,
    sourceReference: '',
    ragReasons: computed.reasons,
    computedRag: computed.rag,
    rag: effectiveRag(computed.rag, override),
    version: 1,
    ...fields,
    ...base,
    override,
  }
}

function plan(sections: { title: string; ref: string; items: PlanItemView[]; sourceReference?: string }[]): PlanView {
  const items = sections.flatMap(section => section.items)
  return {
    planId: 'plan-1',
    title: 'Safeguarding improvement plan',
    kind: 'improvement',
    sourceName: 'plan.xlsx',
    createdAt: new Date('2026-01-01T00:00:00Z'),
    rag: summariseRag(items.map(entry => entry.rag)),
    items: items.length,
    today: TODAY,
    sections: sections.map((section, index) => ({
      sectionId: `section-${index}`,
      sourceReference: section.sourceReference ?? '',
      ...section,
    })),
  }
}

describe('plan export to a Word committee paper', () => {
  it('writes dates the GOV.UK way', () => {
    assert.equal(paperDate('2026-03-05'), '5 March 2026')
    assert.equal(paperDate(null), 'Not set')
  })

  it('has the title, the date, RAG counts, the overdue actions called out and a table per section', async () => {
    const late = item({ action: 'Audit 20 strategy meetings', targetDate: '2026-05-01', leadOfficer: 'Jo Bloggs' })
    const done = item({ status: 'complete', targetDate: '2026-04-01' })
    const green = item({ targetDate: '2026-12-01', action: 'Train all team managers' })
    const overridden = item({ targetDate: '2026-12-01', override: { rag: 'red', reason: 'Staff left', by: 'Lead' } })
    const view = plan([
      { ref: 'A', title: 'Thresholds', items: [late, done], sourceReference: 'Laming Recommendation 11' },
      { ref: 'B', title: 'Supervision', items: [green, overridden] },
      { ref: 'C', title: 'Empty theme', items: [] },
    ])
    assert.deepEqual(view.rag, { red: 2, amber: 0, green: 1, complete: 1 })
    const { text } = await docxText(
      await exportPlanDocx(view, { latestUpdates: { [late.itemId]: { date: '2026-05-20', note: 'Audits slipped' } } }),
    )
    const lines = text.split('\n')
    assert.equal(lines[0], 'Safeguarding improvement plan')
    assert.ok(lines.includes('Progress report on the improvement plan'))
    assert.ok(lines.includes('15 June 2026'), 'date of report')
    // Summary table: word then count, row by row.
    const summary = lines.indexOf('3. Summary of RAG ratings')
    assert.ok(summary > 0)
    assert.deepEqual(lines.slice(lines.indexOf('Red', summary), lines.indexOf('Red', summary) + 10), [
      'Red',
      '2',
      'Amber',
      '0',
      'Green',
      '1',
      'Complete',
      '1',
      'Total',
      '4',
    ])
    // Overdue: only the open late action (the complete one is not overdue).
    const overdue = text.slice(text.indexOf('4. Overdue actions'), text.indexOf('5. Progress by section'))
    assert.match(overdue, /1 open action is past its due date/)
    assert.match(
      overdue,
      /Audit 20 strategy meetings\nJo Bloggs\n1 May 2026\n45\nOn track \(20 May 2026\): Audits slipped/,
    )
    assert.doesNotMatch(overdue, new RegExp(done.action))
    // Sections with seed 001's columns.
    assert.match(
      text,
      /5\.1 A: Thresholds\nSource: Laming Recommendation 11\nRef\nIssue\nArea of responsibility\nLead manager\nLead officer\nAction\nMilestone date\nProgress against action\nRAG\nCompletion date\n/,
    )
    assert.match(text, /5\.2 B: Supervision/)
    assert.match(text, /Red \(override; computed Green\)/)
    assert.match(text, /5\.3 C: Empty theme\nNo actions in this section\./)
  })

  it('keeps hostile text as text and drops characters XML cannot hold', async () => {
    const hostile = item({ action: '<w:t>injected</w:t> & "quoted"\u0007 =HYPERLINK("x")', targetDate: '2026-12-01' })
    const { xml, text } = await docxText(
      await exportPlanDocx(plan([{ ref: '', title: 'T\u0000heme', items: [hostile] }])),
    )
    assert.match(text, /<w:t>injected<\/w:t> & "quoted" =HYPERLINK\("x"\)/)
    // eslint-disable-next-line no-control-regex
    assert.doesNotMatch(xml, /\u0007|\u0000/)
    assert.match(text, /5\.1 Theme/)
  })

  it('says so when nothing is overdue, and finds overdue items by completion date, else milestone', () => {
    const byMilestone = item({ milestoneDate: '2026-06-14' })
    const dueToday = item({ targetDate: TODAY })
    const milestonePassedTargetLater = item({ milestoneDate: '2026-01-01', targetDate: '2026-09-01' })
    const view = plan([{ ref: 'A', title: 'x', items: [byMilestone, dueToday, milestonePassedTargetLater] }])
    assert.deepEqual(
      overdueItems(view).map(entry => entry.itemId),
      [byMilestone.itemId],
    )
  })

  it('says no action is overdue when none is', async () => {
    const { text } = await docxText(
      await exportPlanDocx(plan([{ ref: 'A', title: 'x', items: [item({ targetDate: '2027-01-01' })] }])),
    )
    assert.match(text, /4\. Overdue actions\nNo open action is past its due date\./)
  })
})
