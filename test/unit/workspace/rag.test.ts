import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  computeRag,
  notUpdatedThisMonthByLead,
  overdueByLead,
  PROGRESS_STATUSES,
  summariseRag,
  type RagInput,
} from '../../../src/domain/workspace/index.js'

const TODAY = '2026-03-16'
const base: RagInput = {
  status: 'on-track',
  milestoneDate: '2026-05-01',
  targetDate: '2026-06-30',
  lastUpdatedOn: '2026-03-10',
}

describe('computeRag', () => {
  const cases: [string, Partial<RagInput>, string, RegExp][] = [
    ['on track, recently updated, not due', {}, 'green', /On track/],
    ['complete, even when long overdue', { status: 'complete', targetDate: '2020-01-01' }, 'complete', /complete/],
    ['past its target date', { targetDate: '2026-03-15' }, 'red', /Overdue: due 2026-03-15/],
    ['due today is not yet overdue', { targetDate: TODAY, milestoneDate: null }, 'amber', /Due soon/],
    ['off track in the latest update', { status: 'off-track' }, 'red', /off track/],
    ['no dates at all', { milestoneDate: null, targetDate: null }, 'amber', /No milestone or target date/],
    ['milestone passed with no update since', { milestoneDate: '2026-03-12' }, 'amber', /Milestone 2026-03-12 passed/],
    ['milestone passed but updated after it', { milestoneDate: '2026-03-01' }, 'green', /On track/],
    ['at risk', { status: 'at-risk' }, 'amber', /at risk/],
    ['no update for 36 days', { lastUpdatedOn: '2026-02-08' }, 'amber', /No update for 36 days/],
    ['updated exactly 35 days ago', { lastUpdatedOn: '2026-02-09' }, 'green', /On track/],
    ['due in 14 days', { targetDate: '2026-03-30' }, 'amber', /Due soon: 2026-03-30/],
    ['due in 15 days', { targetDate: '2026-03-31' }, 'green', /On track/],
    [
      'milestone only, overdue',
      { targetDate: null, milestoneDate: '2026-01-01', lastUpdatedOn: '2026-03-10' },
      'red',
      /Overdue/,
    ],
  ]
  for (const [label, change, rag, reason] of cases) {
    it(`${label} → ${rag}`, () => {
      const result = computeRag({ ...base, ...change }, TODAY)
      assert.equal(result.rag, rag)
      assert.match(result.reasons[0]!, reason)
    })
  }

  it('puts a red reason first even when amber reasons were found too', () => {
    const result = computeRag({ ...base, status: 'at-risk', targetDate: '2026-01-01' }, TODAY)
    assert.equal(result.rag, 'red')
    assert.deepEqual(result.reasons.slice(0, 1), ['Overdue: due 2026-01-01'])
    assert.ok(result.reasons.includes('Latest update says at risk'))
  })

  it('honours other thresholds', () => {
    assert.equal(
      computeRag({ ...base, lastUpdatedOn: '2026-03-01' }, TODAY, { dueSoonDays: 14, staleAfterDays: 7 }).rag,
      'amber',
    )
  })
})

const date = fc
  .integer({ min: 0, max: 3000 })
  .map(day => new Date(Date.UTC(2020, 0, 1) + day * 86_400_000).toISOString().slice(0, 10))
const item = fc.record({
  status: fc.constantFrom(...PROGRESS_STATUSES),
  milestoneDate: fc.option(date, { nil: null }),
  targetDate: fc.option(date, { nil: null }),
  lastUpdatedOn: date,
})

describe('RAG properties', () => {
  it('always gives at least one reason, and complete exactly when the status is complete', () => {
    fc.assert(
      fc.property(item, date, (input, today) => {
        const result = computeRag(input, today)
        assert.ok(result.reasons.length > 0)
        assert.equal(result.rag === 'complete', input.status === 'complete')
      }),
    )
  })

  it('an open item past its due date is always red', () => {
    fc.assert(
      fc.property(item, date, (input, today) => {
        const due = input.targetDate ?? input.milestoneDate
        fc.pre(input.status !== 'complete' && due !== null && due < today)
        assert.equal(computeRag(input, today).rag, 'red')
      }),
    )
  })

  it('a fresh update never makes an item worse', () => {
    const rank = { complete: 0, green: 1, amber: 2, red: 3 }
    fc.assert(
      fc.property(item, date, (input, today) => {
        fc.pre(input.lastUpdatedOn <= today)
        const before = computeRag(input, today).rag
        const after = computeRag({ ...input, lastUpdatedOn: today }, today).rag
        assert.ok(rank[after] <= rank[before], `${before} → ${after}`)
      }),
    )
  })

  it('the summary counts every item once', () => {
    fc.assert(
      fc.property(fc.array(item), date, (inputs, today) => {
        const summary = summariseRag(inputs.map(input => computeRag(input, today).rag))
        assert.equal(summary.red + summary.amber + summary.green + summary.complete, inputs.length)
      }),
    )
  })
})

describe('lists by lead', () => {
  const items = [
    { ...base, lead: 'Janet Bailey', targetDate: '2026-03-01' },
    { ...base, lead: 'Janet Bailey', lastUpdatedOn: '2026-02-27' },
    { ...base, lead: '', targetDate: '2026-02-01', lastUpdatedOn: '2026-01-05' },
    {
      ...base,
      lead: 'Simon Cribbens',
      status: 'complete' as const,
      targetDate: '2026-01-01',
      lastUpdatedOn: '2025-12-01',
    },
  ]
  it('lists open overdue items by lead, never complete ones', () => {
    const overdue = overdueByLead(items, TODAY)
    assert.deepEqual([...overdue.keys()], ['Janet Bailey', 'No lead named'])
    assert.equal(overdue.get('Janet Bailey')!.length, 1)
  })
  it('lists open items not updated since the first of the month', () => {
    const stale = notUpdatedThisMonthByLead(items, TODAY)
    assert.deepEqual(
      [...stale.entries()].map(([lead, list]) => [lead, list.length]),
      [
        ['Janet Bailey', 1],
        ['No lead named', 1],
      ],
    )
  })
})
