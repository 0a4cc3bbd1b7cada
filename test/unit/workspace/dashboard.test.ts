import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  composeDashboard,
  judgementText,
  windowStatus,
  type DashboardInput,
  type DashboardOverdueInput,
} from '../../../src/domain/workspace/dashboard.js'
import { RAG_VALUES } from '../../../src/domain/workspace/index.js'
import { barChart } from '../../../src/web/routes/workspace/dashboard/chart.js'

const TODAY = '2026-06-15'

const EMPTY: DashboardInput = {
  framework: { id: 'ilacs-2023', label: 'ILACS 2023' },
  today: TODAY,
  sef: null,
  otherSefs: 0,
  plans: [],
  overdue: [],
  annexA: null,
  inspection: null,
  evidence: 'unavailable',
}

describe('readiness dashboard composition (pure)', () => {
  for (const [earliest, latest, status, text] of [
    ['2026-07-01', '2027-01-01', 'before-window', 'Window opens in 16 days'],
    ['2026-06-16', null, 'before-window', 'Window opens in 1 day'],
    ['2026-06-15', '2026-06-15', 'in-window', 'In the window: 0 days to its end'],
    ['2026-01-01', '2026-06-16', 'in-window', 'In the window: 1 day to its end'],
    [null, '2026-12-31', 'in-window', 'In the window: 199 days to its end'],
    ['2025-01-01', null, 'in-window', 'In the window (no end date)'],
    ['2025-01-01', '2026-06-14', 'overdue', 'Past the end of the window by 1 day'],
    [null, '2026-05-16', 'overdue', 'Past the end of the window by 30 days'],
    [null, null, 'open-ended', 'No window set by the rules'],
  ] as const) {
    it(`window ${earliest ?? '–'} to ${latest ?? '–'} on ${TODAY}: ${status}`, () => {
      assert.deepEqual(windowStatus({ earliest, latest }, TODAY), { status, statusText: text })
    })
  }

  it('writes a narrowed judgement as its grade and an open one as a range, best first', () => {
    const labels = { good: 'good', 'requires-improvement-to-be-good': 'requires improvement to be good' }
    const base = { judgementId: 'x', label: 'X', given: false }
    assert.equal(judgementText({ ...base, grade: 'good', min: 'good', max: 'good' }, labels), 'good')
    assert.equal(
      judgementText({ ...base, grade: null, min: 'requires-improvement-to-be-good', max: 'good' }, labels),
      'between good and requires improvement to be good',
    )
    assert.equal(judgementText({ ...base, grade: null, min: 'inadequate', max: 'inadequate' }, labels), 'inadequate')
  })

  it('shows nothing as nothing: zero counts, no sections invented, evidence marked unavailable', () => {
    const dashboard = composeDashboard(EMPTY)
    assert.equal(dashboard.sef, null)
    assert.equal(dashboard.gaps.open, 0)
    assert.deepEqual(dashboard.plans.rag, { red: 0, amber: 0, green: 0, complete: 0 })
    assert.equal(dashboard.evidence, 'unavailable')
    assert.equal(dashboard.charts.evidence, null)
    assert.deepEqual(
      dashboard.charts.rag.rows.map(row => row.value),
      [0, 0, 0, 0],
    )
  })

  it('counts gaps by severity and by area, and which are already in a plan', () => {
    const gap = (judgementId: string, severity: 'not-met' | 'partly-met' | 'not-assessed', planned = false) => ({
      judgementId,
      judgementLabel: judgementId.toUpperCase(),
      severity,
      planned,
    })
    const dashboard = composeDashboard({
      ...EMPTY,
      sef: {
        sefId: 's',
        title: 'SEF',
        versionNumber: 2,
        status: 'approved',
        approvedBy: 'DCS',
        approvedAtBoard: 'Improvement Board',
        approvedOn: '2026-05-01',
        gradeLabels: { good: 'good' },
        judgements: [
          { judgementId: 'a', label: 'A', grade: 'good', min: 'good', max: 'good', given: true },
          {
            judgementId: 'overall-effectiveness',
            label: 'Overall',
            grade: 'good',
            min: 'good',
            max: 'good',
            given: false,
          },
        ],
        ungradedAreas: 0,
        gaps: [gap('a', 'not-met', true), gap('a', 'not-assessed'), gap('b', 'partly-met')],
      },
    })
    assert.deepEqual(dashboard.gaps.bySeverity, { 'not-met': 1, 'partly-met': 1, 'not-assessed': 1 })
    assert.deepEqual(dashboard.gaps.byArea, [
      { label: 'A', notMet: 1, partlyMet: 0, notAssessed: 1, total: 2 },
      { label: 'B', notMet: 0, partlyMet: 1, notAssessed: 0, total: 1 },
    ])
    assert.equal(dashboard.gaps.planned, 1)
    assert.equal(dashboard.gaps.unplanned, 2)
    assert.deepEqual(dashboard.sef?.overall, { label: 'Overall', text: 'good' })
    assert.deepEqual(dashboard.sef?.judgements, [{ label: 'A', text: 'good', given: true }])
    assert.deepEqual(dashboard.sef?.approval, { by: 'DCS', board: 'Improvement Board', on: '2026-05-01' })
  })

  it('gives the Annex A status from the latest run', () => {
    const run = {
      runId: 'r',
      referenceDate: '2026-03-31',
      createdAt: new Date(),
      rows: 10,
      errors: 0,
      warnings: 0,
      queries: 0,
    }
    assert.equal(composeDashboard({ ...EMPTY, annexA: run }).annexA?.status, 'clean')
    assert.equal(composeDashboard({ ...EMPTY, annexA: { ...run, queries: 2 } }).annexA?.status, 'warnings')
    assert.equal(composeDashboard({ ...EMPTY, annexA: { ...run, errors: 1 } }).annexA?.statusText, '1 error to fix')
  })

  const isoDate = fc
    .date({ min: new Date('2025-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true })
    .map(date => date.toISOString().slice(0, 10))
  const rag = fc.record({ red: fc.nat(50), amber: fc.nat(50), green: fc.nat(50), complete: fc.nat(50) })
  const overdueItem: fc.Arbitrary<DashboardOverdueInput> = fc.record({
    itemId: fc.uuid(),
    planId: fc.constant('p'),
    planTitle: fc.constantFrom('Plan A', 'Plan B'),
    ref: fc.string({ maxLength: 4 }),
    action: fc.string({ maxLength: 20 }),
    lead: fc.string({ maxLength: 10 }),
    due: isoDate,
    rag: fc.constantFrom(...RAG_VALUES),
  })

  it('property: RAG totals are the sum of the plans; overdue is exactly the items due before today, longest first', () => {
    fc.assert(
      fc.property(
        fc.array(rag, { maxLength: 6 }),
        fc.array(overdueItem, { maxLength: 30 }),
        isoDate,
        (rags, items, today) => {
          const dashboard = composeDashboard({
            ...EMPTY,
            today,
            plans: rags.map((value, i) => ({ planId: `p${i}`, title: `P${i}`, rag: value, items: 0 })),
            overdue: items,
          })
          for (const value of RAG_VALUES)
            assert.equal(
              dashboard.plans.rag[value],
              rags.reduce((sum, entry) => sum + entry[value], 0),
            )
          assert.equal(dashboard.plans.overdue.length, items.filter(item => item.due < today).length)
          dashboard.plans.overdue.forEach((item, i, all) => {
            assert.ok(item.daysOverdue > 0)
            if (i > 0) assert.ok(all[i - 1]!.daysOverdue >= item.daysOverdue)
          })
          const chart = barChart(dashboard.charts.rag)
          assert.equal(
            chart.total,
            RAG_VALUES.reduce((sum, value) => sum + dashboard.plans.rag[value], 0),
          )
          assert.ok(chart.bars.every(bar => bar.width >= 1 && bar.width <= 300))
        },
      ),
    )
  })

  it('draws the longest bar full width and every bar with its value', () => {
    const chart = barChart({
      title: 'T',
      rows: [
        { key: 'red', label: 'Red', value: 10 },
        { key: 'green', label: 'Green', value: 5 },
        { key: 'amber', label: 'Amber', value: 0 },
      ],
    })
    assert.deepEqual(
      chart.bars.map(bar => bar.width),
      [300, 150, 1],
    )
    assert.deepEqual(
      chart.bars.map(bar => bar.value),
      [10, 5, 0],
    )
    assert.equal(chart.total, 15)
  })
})
