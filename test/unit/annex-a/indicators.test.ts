import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import type { CleanRow, ListNumber } from '../../../src/domain/annex-a/index.js'
import {
  computeIndicators,
  createWorkingDayCalendar,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  INDICATORS,
} from '../../../src/domain/annex-a/index.js'

const calendar = createWorkingDayCalendar()

describe('working days (England and Wales)', () => {
  const cases: [string, string, number][] = [
    ['2024-03-01', '2024-03-01', 0],
    ['2024-03-01', '2024-03-04', 1], // Friday to Monday
    ['2024-03-28', '2024-04-02', 1], // over Good Friday and Easter Monday
    ['2024-01-01', '2024-01-08', 5],
    ['2024-02-01', '2024-02-15', 10],
    ['2022-09-16', '2022-09-20', 1], // the State Funeral
  ]
  for (const [from, to, expected] of cases)
    it(`${from} → ${to} is ${expected}`, () => assert.equal(calendar.workingDaysBetween(from, to), expected))

  it('agrees with counting day by day', () => {
    const holidays = new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS)
    const day = (n: number) => new Date(Date.UTC(2015, 0, 1) + n * 86_400_000).toISOString().slice(0, 10)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 0, max: 400 }), (start, span) => {
        let expected = 0
        for (let n = start + 1; n <= start + span; n += 1) {
          const weekday = new Date(day(n)).getUTCDay()
          if (weekday !== 0 && weekday !== 6 && !holidays.has(day(n))) expected += 1
        }
        assert.equal(calendar.workingDaysBetween(day(start), day(start + span)), expected)
      }),
    )
  })
})

/** A small fixture whose indicators were worked out by hand (see the comments). */
const fixture = new Map<ListNumber, CleanRow[]>([
  [1, [{ childId: '1' }, { childId: '1' }, { childId: '2' }]], // 3 contacts, children 1 and 2
  [
    3,
    [
      { childId: '1', referralNfa: 'a) Yes', referralsInLast12Months: 0 },
      { childId: '3', referralNfa: 'b) No', referralsInLast12Months: 1 },
    ],
  ],
  [
    4,
    [
      { assessmentStartDate: '2024-01-01', assessmentAuthorisedDate: '2024-01-08', allocatedTeam: 'A' }, // 5 working days
      { assessmentStartDate: '2024-01-02', assessmentAuthorisedDate: '2024-03-28', allocatedTeam: 'B' }, // 61
      { assessmentStartDate: '2024-03-01', assessmentAuthorisedDate: null, allocatedTeam: 'B' }, // open: not counted
    ],
  ],
  [
    5,
    [
      { s47StartDate: '2024-02-01', icpcDate: '2024-02-15', icpcResultedInPlan: 'a) Yes' }, // 10 working days
      { s47StartDate: '2024-02-01', icpcDate: '2024-03-01', icpcResultedInPlan: 'b) No' }, // 21
      { s47StartDate: '2024-03-01', icpcDate: null },
    ],
  ],
  [
    7,
    [
      {
        cpStartDate: '2024-01-10',
        cpEndDate: null,
        initialCategory: 'a) Neglect',
        previousCpPlans: 1,
        lastStatutoryVisit: '2024-03-25',
      },
      { cpStartDate: '2021-01-01', cpEndDate: '2024-02-01', initialCategory: 'b) Physical abuse', previousCpPlans: 0 },
      { cpStartDate: '2023-12-01', cpEndDate: '2024-03-01', initialCategory: 'a) Neglect', previousCpPlans: 0 },
    ],
  ],
  [
    8,
    [
      {
        dateOfBirth: '2015-05-01',
        dateStartedLookedAfter: '2020-01-01',
        placementStartDate: '2021-01-01',
        placementsInLast12Months: 1,
        missingEpisodes: 2,
        dateCeasedLookedAfter: null,
      },
      {
        dateOfBirth: '2010-05-01',
        dateStartedLookedAfter: '2023-06-01',
        placementStartDate: '2023-06-01',
        placementsInLast12Months: 3,
        missingEpisodes: 0,
        dateCeasedLookedAfter: null,
      },
      {
        dateOfBirth: '2010-05-01',
        dateStartedLookedAfter: '2022-06-01',
        placementStartDate: '2022-06-01',
        placementsInLast12Months: 1,
        missingEpisodes: 0,
        dateCeasedLookedAfter: '2024-02-01',
      },
    ],
  ],
  [
    9,
    [
      { inTouch: 'a) Yes', suitability: 'a) Suitable', activity: 'F1: Full time in higher education' },
      { inTouch: 'b) No', suitability: null, activity: 'G5: Not in education, employment or training - other' },
    ],
  ],
  [
    10,
    [
      { dateEnteredCare: '2023-01-01', placedForAdoptionDate: '2023-07-01' }, // 181 days
      { dateEnteredCare: '2023-02-01', placedForAdoptionDate: '2023-03-03' }, // 30 days
    ],
  ],
])

describe('indicators on a hand-computed fixture', () => {
  const results = computeIndicators(fixture, { referenceDate: '2024-03-31', population: 10_000 })
  const byId = new Map(results.map(result => [result.id, result]))
  const expected: [string, number | null, number, number][] = [
    ['contacts-per-10k', 3, 3, 10_000],
    ['contacts-to-referral-rate', 50, 1, 2],
    ['referrals-per-10k', 2, 2, 10_000],
    ['referrals-nfa-rate', 50, 1, 2],
    ['re-referrals-within-12-months-rate', 50, 1, 2],
    ['assessments-within-45-working-days-rate', 50, 1, 2],
    ['s47-per-10k', 3, 3, 10_000],
    ['icpc-within-15-working-days-rate', 50, 1, 2],
    ['s47-to-icpc-rate', 66.7, 2, 3],
    ['icpc-to-cp-plan-rate', 50, 1, 2],
    ['cp-plans-by-category', 3, 3, 3],
    ['cp-plans-second-or-subsequent-rate', 50, 1, 2],
    ['cp-plans-lasting-2-years-plus-rate', 50, 1, 2],
    ['cp-visit-recency-bands', 1, 1, 1],
    ['cla-per-10k', 2, 2, 10_000],
    ['cla-3-plus-placements-rate', 50, 1, 2],
    ['cla-long-term-stability-rate', 100, 1, 1],
    ['cla-missing-rate', 33.3, 1, 3],
    ['care-leavers-in-touch-rate', 50, 1, 2],
    ['care-leavers-suitable-accommodation-rate', 50, 1, 2],
    ['care-leavers-eet-rate', 50, 1, 2],
    ['adoption-days-entry-to-placement', 105.5, 211, 2],
  ]
  for (const [id, value, numerator, denominator] of expected) {
    it(id, () => {
      const result = byId.get(id)
      assert.deepEqual([result?.value, result?.numerator, result?.denominator], [value, numerator, denominator])
    })
  }

  it('covers every indicator the issue asks for', () => {
    assert.deepEqual(INDICATORS.map(indicator => indicator.id).sort(), expected.map(([id]) => id).sort())
  })

  it('breaks rates down by team and distributions by category', () => {
    assert.deepEqual(
      byId.get('assessments-within-45-working-days-rate')?.breakdown.map(part => [part.key, part.value]),
      [
        ['A', 100],
        ['B', 0],
      ],
    )
    assert.deepEqual(
      byId.get('cp-plans-by-category')?.breakdown.map(part => [part.key, part.numerator]),
      [
        ['a) Neglect', 2],
        ['b) Physical abuse', 1],
      ],
    )
  })

  it('leaves rates per 10,000 empty without a population', () => {
    const withoutPopulation = computeIndicators(fixture, { referenceDate: '2024-03-31' })
    assert.equal(withoutPopulation.find(result => result.id === 'contacts-per-10k')?.value, null)
  })
})
