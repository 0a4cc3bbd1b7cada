import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { normaliseTags, policiesRegister, policyStatus } from '../../../src/domain/workspace/evidence.js'
import {
  evaluateChecklist,
  evaluateRequirement,
  evidenceChecklists,
  findChecklist,
  monthsBefore,
  type ChecklistEvidence,
  type EvidenceRequirement,
} from '../../../src/domain/workspace/evidenceChecklists.js'

const TODAY = '2026-11-23'
const slac = findChecklist('slac-2009')!
const requirement = (id: string): EvidenceRequirement => {
  const found = slac.requirements.find(entry => entry.documentId === id)
  assert.ok(found, `SLAC requirement ${id}`)
  return found
}
let next = 0
const item = (areas: string[], documentDate: string | null, reviewDue: string | null = null): ChecklistEvidence => ({
  id: `item-${(next += 1)}`,
  title: `Item ${next}`,
  documentDate,
  reviewDue,
  areas,
})
const minutes = (dates: (string | null)[]) => dates.map(date => item(['slac-2009/lscb-minutes'], date))

describe('evidence checklists', () => {
  it('encodes SLAC’s documents and lists from the framework data, with the seed’s six-minutes rule', () => {
    assert.equal(slac.requirements.filter(entry => entry.group === 'documents').length, 13)
    assert.equal(slac.requirements.filter(entry => entry.group === 'lists').length, 3)
    const lscb = requirement('lscb-minutes')
    assert.equal(lscb.rule.minCount, 6)
    assert.equal(lscb.rule.basis, 'seed')
    assert.equal(lscb.source.ref, 'seed 000')
    assert.equal(requirement('management-reviews').rule.countWithinMonths, 24)
    const ids = evidenceChecklists().map(checklist => checklist.frameworkId)
    assert.deepEqual(ids, ['ilacs-2023', 'ilacs-2026', 'sif-2013', 'slac-2009'])
    const ilacs = findChecklist('ilacs-2023')!
    assert.equal(ilacs.requirements.filter(entry => entry.group === 'lists').length, 11)
    assert.ok(ilacs.requirements.some(entry => entry.key === 'ilacs-2023/self-evaluation'))
  })

  it('evaluates the LSCB minutes rule: six present, the newest within four months', () => {
    const cases: { name: string; dates: (string | null)[]; status: string; reason?: RegExp }[] = [
      { name: 'none', dates: [], status: 'not-met', reason: /0 of 6 items/ },
      {
        name: 'five recent',
        dates: ['2026-10-01', '2026-08-01', '2026-06-01', '2026-04-01', '2026-02-01'],
        status: 'not-met',
        reason: /5 of 6/,
      },
      {
        name: 'six, newest recent',
        dates: ['2026-10-01', '2026-08-01', '2026-06-01', '2026-04-01', '2026-02-01', '2025-12-01'],
        status: 'met',
      },
      {
        name: 'six, newest exactly four months ago',
        dates: ['2026-07-23', '2026-05-01', '2026-03-01', '2026-01-01', '2025-11-01', '2025-09-01'],
        status: 'met',
      },
      {
        name: 'six, newest a day too old',
        dates: ['2026-07-22', '2026-05-01', '2026-03-01', '2026-01-01', '2025-11-01', '2025-09-01'],
        status: 'stale',
        reason: /newest is dated 22 July 2026, more than 4 months ago \(it should be on or after 23 July 2026\)/,
      },
      {
        name: 'six undated',
        dates: [null, null, null, null, null, null],
        status: 'stale',
        reason: /no supporting item has a document date/i,
      },
      {
        name: 'five, old: not met with both reasons',
        dates: ['2025-01-01', '2024-11-01', '2024-09-01', '2024-07-01', '2024-05-01'],
        status: 'not-met',
        reason: /5 of 6/,
      },
    ]
    for (const entry of cases) {
      const result = evaluateRequirement(requirement('lscb-minutes'), minutes(entry.dates), TODAY)
      assert.equal(result.status, entry.status, entry.name)
      if (entry.reason) assert.match(result.reasons.join(' | '), entry.reason, entry.name)
      else assert.deepEqual(result.reasons, [], entry.name)
    }
  })

  it('counts only items in the window, ignores other areas, and flags overdue reviews as stale', () => {
    const reviews = requirement('management-reviews')
    assert.equal(
      evaluateRequirement(reviews, [item(['slac-2009/management-reviews'], '2024-01-01')], TODAY).status,
      'not-met',
    )
    assert.match(
      evaluateRequirement(reviews, [item(['slac-2009/management-reviews'], '2024-01-01')], TODAY).reasons[0]!,
      /dated in the last 24 months/,
    )
    assert.equal(
      evaluateRequirement(reviews, [item(['slac-2009/management-reviews'], '2025-06-01')], TODAY).status,
      'met',
    )
    assert.equal(evaluateRequirement(reviews, [item(['slac-2009/cypp'], '2026-06-01')], TODAY).status, 'not-met')
    const missing = requirement('missing-children')
    const overdue = evaluateRequirement(
      missing,
      [item(['slac-2009/missing-children'], '2026-01-01', '2026-11-01')],
      TODAY,
    )
    assert.equal(overdue.status, 'stale')
    assert.match(overdue.reasons[0]!, /Review overdue: "Item/)
  })

  it('summarises a checklist: coverage counts only met requirements', () => {
    const evidence = [
      ...minutes(['2026-10-01', '2026-08-01', '2026-06-01', '2026-04-01', '2026-02-01', '2025-12-01']),
      item(['slac-2009/cypp'], '2025-01-01'),
    ]
    const result = evaluateChecklist(slac, evidence, TODAY)
    assert.equal(result.met, 1)
    assert.equal(result.stale, 1)
    assert.equal(result.notMet, slac.requirements.length - 2)
    assert.equal(result.coveragePercent, Math.floor(100 / slac.requirements.length))
  })

  it('keeps every requirement in exactly one state, whatever the evidence (property)', () => {
    const keys = slac.requirements.map(entry => entry.key)
    const date = fc
      .date({ min: new Date('2020-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
      .map(d => d.toISOString().slice(0, 10))
    const evidence = fc.array(
      fc.record({
        id: fc.uuid(),
        title: fc.string(),
        documentDate: fc.option(date, { nil: null }),
        reviewDue: fc.option(date, { nil: null }),
        areas: fc.subarray(keys),
      }),
      { maxLength: 40 },
    )
    fc.assert(
      fc.property(evidence, items => {
        const result = evaluateChecklist(slac, items, TODAY)
        assert.equal(result.met + result.stale + result.notMet, slac.requirements.length)
        for (const entry of result.results) {
          if (entry.status === 'met') assert.deepEqual(entry.reasons, [])
          else assert.ok(entry.reasons.length > 0)
        }
        assert.ok(result.coveragePercent >= 0 && result.coveragePercent <= 100)
      }),
      { numRuns: 200 },
    )
  })

  it('steps months back to the same day, or the month’s last day', () => {
    const cases: [string, number, string][] = [
      ['2026-11-23', 4, '2026-07-23'],
      ['2026-03-31', 1, '2026-02-28'],
      ['2024-03-31', 1, '2024-02-29'],
      ['2026-01-15', 24, '2024-01-15'],
      ['2026-01-31', 2, '2025-11-30'],
    ]
    for (const [from, months, expected] of cases)
      assert.equal(monthsBefore(from, months), expected, `${from} - ${months}`)
  })
})

describe('policies register', () => {
  it('flags overdue, due soon, in date and missing review dates, overdue first', () => {
    const cases: [string | null, string][] = [
      ['2026-11-22', 'overdue'],
      ['2026-11-23', 'due-soon'],
      ['2026-12-23', 'due-soon'],
      ['2026-12-24', 'in-date'],
      [null, 'no-review-date'],
      ['2026-02-30', 'no-review-date'],
    ]
    for (const [reviewDue, status] of cases) assert.equal(policyStatus(reviewDue, TODAY), status, String(reviewDue))
    const register = policiesRegister(
      [
        { id: '1', title: 'In date', owner: '', documentDate: null, reviewDue: '2027-06-01' },
        { id: '2', title: 'Long overdue', owner: '', documentDate: null, reviewDue: '2025-01-01' },
        { id: '3', title: 'No date', owner: '', documentDate: null, reviewDue: null },
        { id: '4', title: 'Just overdue', owner: '', documentDate: null, reviewDue: '2026-11-01' },
      ],
      TODAY,
    )
    assert.deepEqual(
      register.map(entry => entry.title),
      ['Long overdue', 'Just overdue', 'No date', 'In date'],
    )
    assert.equal(register[1]!.daysOverdue, 22)
  })

  it('normalises tags', () => {
    assert.deepEqual(normaliseTags(' Early help, MASH ,mash,, early   HELP '), ['early help', 'mash'])
    assert.deepEqual(normaliseTags(['A', 'a', ' b ']), ['a', 'b'])
  })
})
