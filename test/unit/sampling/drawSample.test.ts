import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  drawSample,
  listsByChild,
  matchesStratum,
  redrawCase,
  RedrawError,
  type PopulationRow,
  type SamplingPlan,
  type Stratum,
} from '../../../src/domain/sampling/index.js'
import { populationArbitrary, REFERENCE_DATE } from './fixtures.js'

const stratumArbitrary = fc.record({
  id: fc.constantFrom('s1', 's2', 's3'),
  label: fc.constant('A stratum'),
  lists: fc.subarray([1, 3, 4, 5, 6, 8] as const, { minLength: 1 }),
  filters: fc.subarray([
    { column: 'referralNfa', in: ['b) No'] },
    { column: 'referralsInLast12Months', atLeast: 1 },
    { column: 'cinClosureDate', blank: true },
    { column: 'cinClosureDate', withinMonths: 12 },
    { childOnList: 3, present: true },
    { childOnList: 8, present: false },
  ] as const),
  quota: fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constant('all' as const)),
}) as fc.Arbitrary<Stratum>

const planArbitrary = fc
  .record({
    strata: fc.uniqueArray(stratumArbitrary, { minLength: 1, maxLength: 3, selector: stratum => stratum.id }),
    balanceBy: fc.constantFrom(undefined, 'team' as const, 'worker' as const),
  })
  .map(({ strata, balanceBy }): SamplingPlan => ({
    id: 'property-plan',
    label: 'Property plan',
    description: '',
    source: 'test',
    origin: 'custom',
    strata,
    ...(balanceBy ? { balanceBy } : {}),
  }))

const excludedArbitrary = fc
  .uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 6 })
  .map(numbers => new Set(numbers.map(number => `C${String(number).padStart(3, '0')}`)))

const seedArbitrary = fc.string({ maxLength: 12 })

const draw = (plan: SamplingPlan, seed: string, population: readonly PopulationRow[], excluded = new Set<string>()) =>
  drawSample({ plan, seed, population, referenceDate: REFERENCE_DATE, excludedChildIds: excluded })

describe('drawSample properties', () => {
  it('is reproducible: the same plan, seed and run give the same sample, whatever order the rows come in', () => {
    fc.assert(
      fc.property(
        planArbitrary,
        seedArbitrary,
        populationArbitrary,
        fc.infiniteStream(fc.nat()),
        (plan, seed, rows, noise) => {
          const first = draw(plan, seed, rows)
          assert.deepEqual(draw(plan, seed, rows), first)
          const reordered = rows
            .map(row => ({ row, key: noise.next().value }))
            .sort((a, b) => a.key - b.key)
            .map(item => item.row)
          assert.deepEqual(draw(plan, seed, reordered), first)
        },
      ),
      { seed: 20260601, numRuns: 150 },
    )
  })

  it('respects every quota, filter and exclusion, draws each child once and reports every shortfall', () => {
    fc.assert(
      fc.property(
        planArbitrary,
        seedArbitrary,
        populationArbitrary,
        excludedArbitrary,
        (plan, seed, rows, excluded) => {
          const sample = draw(plan, seed, rows, excluded)
          const context = { referenceDate: REFERENCE_DATE, listsByChild: listsByChild(rows) }
          const children = sample.cases.map(item => item.childId)
          assert.equal(new Set(children).size, children.length, 'a child was drawn twice')
          for (const item of sample.cases) {
            assert.ok(!excluded.has(item.childId), 'an excluded child was drawn')
            const stratum = plan.strata.find(candidate => candidate.id === item.stratum)!
            const row = rows.find(candidate => candidate.list === item.list && candidate.row === item.row)!
            assert.equal(row.childId, item.childId)
            assert.ok(matchesStratum(row, stratum, context), `case ${item.childId} fails stratum ${stratum.id}`)
          }
          const earlier = new Set<string>()
          for (const stratum of plan.strata) {
            const drawn = sample.cases.filter(item => item.stratum === stratum.id)
            const eligible = new Set(
              rows
                .filter(
                  row =>
                    matchesStratum(row, stratum, context) && !excluded.has(row.childId) && !earlier.has(row.childId),
                )
                .map(row => row.childId),
            )
            const wanted = stratum.quota === 'all' ? eligible.size : stratum.quota
            assert.equal(drawn.length, Math.min(wanted, eligible.size))
            const shortfall = sample.shortfalls.find(item => item.stratum === stratum.id)
            if (drawn.length < wanted)
              assert.deepEqual(shortfall, { stratum: stratum.id, wanted, available: eligible.size })
            else assert.equal(shortfall, undefined)
            for (const item of drawn) earlier.add(item.childId)
          }
        },
      ),
      { seed: 20260602, numRuns: 200 },
    )
  })

  it('balances each stratum: group counts differ by at most one unless a group ran out', () => {
    fc.assert(
      fc.property(planArbitrary, seedArbitrary, populationArbitrary, (plan, seed, rows) => {
        if (!plan.balanceBy) return
        const sample = draw(plan, seed, rows)
        const context = { referenceDate: REFERENCE_DATE, listsByChild: listsByChild(rows) }
        const chosen = new Set(sample.cases.map(item => item.childId))
        const groupOf = (row: PopulationRow) =>
          String((plan.balanceBy === 'team' ? row.data.allocatedTeam : row.data.allocatedWorker) ?? '')
        const seen = new Set<string>()
        for (const stratum of plan.strata) {
          if (stratum.quota === 'all') continue
          const pool = rows.filter(row => matchesStratum(row, stratum, context) && !seen.has(row.childId))
          const counts = new Map<string, number>()
          for (const row of pool) counts.set(groupOf(row), 0)
          for (const item of sample.cases.filter(candidate => candidate.stratum === stratum.id)) {
            const group = (plan.balanceBy === 'team' ? item.team : item.worker) ?? ''
            counts.set(group, (counts.get(group) ?? 0) + 1)
          }
          const exhausted = (group: string) => pool.every(row => groupOf(row) !== group || chosen.has(row.childId))
          for (const [group, count] of counts)
            for (const [other, otherCount] of counts)
              if (group !== other && count > otherCount + 1)
                assert.ok(exhausted(other), `${group} has ${count} but ${other} only ${otherCount} with cases left`)
          for (const item of sample.cases.filter(candidate => candidate.stratum === stratum.id)) seen.add(item.childId)
        }
      }),
      { seed: 20260603, numRuns: 200 },
    )
  })

  it('redraws one case and keeps the rest where they were', () => {
    fc.assert(
      fc.property(planArbitrary, seedArbitrary, populationArbitrary, fc.nat(), (plan, seed, rows, pick) => {
        const sample = draw(plan, seed, rows)
        if (sample.cases.length === 0) return
        const replace = sample.cases[pick % sample.cases.length]!.childId
        const input = { plan, seed, population: rows, referenceDate: REFERENCE_DATE, cases: sample.cases, replace }
        const result = redrawCase(input)
        assert.deepEqual(redrawCase(input), result, 'redraw is not reproducible')
        const changed = result.cases.filter((item, index) => item !== sample.cases[index])
        if (result.replacement === null) {
          assert.deepEqual(result.cases, sample.cases)
          return
        }
        assert.equal(changed.length, 1)
        const position = sample.cases.findIndex(item => item.childId === replace)
        assert.equal(result.cases[position], result.replacement)
        assert.equal(result.replacement.stratum, result.replaced.stratum)
        assert.ok(
          !sample.cases.some(item => item.childId === result.replacement!.childId),
          'the replacement was already drawn',
        )
        const stratum = plan.strata.find(item => item.id === result.replaced.stratum)!
        const row = rows.find(item => item.list === result.replacement!.list && item.row === result.replacement!.row)!
        assert.ok(matchesStratum(row, stratum, { referenceDate: REFERENCE_DATE, listsByChild: listsByChild(rows) }))
      }),
      { seed: 20260604, numRuns: 200 },
    )
  })
})

const plan = (strata: Stratum[], extra: Partial<SamplingPlan> = {}): SamplingPlan => ({
  id: 'table',
  label: 'Table',
  description: '',
  source: 'test',
  origin: 'custom',
  strata,
  ...extra,
})

const rowsOf = (specs: [string, number, Record<string, string | number | null>][]): PopulationRow[] =>
  specs.map(([childId, list, data], index) => ({ childId, list: list as PopulationRow['list'], row: index + 3, data }))

describe('drawSample examples', () => {
  const rows = rowsOf([
    ['A', 1, {}],
    ['B', 1, {}],
    ['A', 3, { referralNfa: 'b) No', allocatedTeam: 'North' }],
    ['C', 3, { referralNfa: 'a) Yes', allocatedTeam: 'South' }],
    ['D', 3, { referralNfa: 'b) No', allocatedTeam: 'South' }],
    ['E', 6, { cinClosureDate: '2023-02-01' }],
    ['F', 6, { cinClosureDate: '2024-01-10' }],
  ])
  const cases: {
    name: string
    stratum: Omit<Stratum, 'id' | 'label'>
    expected: string[]
    shortfall?: { wanted: number; available: number }
  }[] = [
    {
      name: 'contacts that proceeded to referral',
      stratum: { lists: [1], filters: [{ childOnList: 3, present: true }], quota: 'all' },
      expected: ['A'],
    },
    {
      name: 'contacts that did not proceed',
      stratum: { lists: [1], filters: [{ childOnList: 3, present: false }], quota: 'all' },
      expected: ['B'],
    },
    {
      name: 'referrals not NFA',
      stratum: { lists: [3], filters: [{ column: 'referralNfa', in: ['b) No'] }], quota: 'all' },
      expected: ['A', 'D'],
    },
    {
      name: 'closed in the last 12 months',
      stratum: { lists: [6], filters: [{ column: 'cinClosureDate', withinMonths: 12 }], quota: 'all' },
      expected: ['F'],
    },
    {
      name: 'a quota larger than the stratum',
      stratum: { lists: [3], filters: [{ column: 'referralNfa', notIn: ['b) No'] }], quota: 3 },
      expected: ['C'],
      shortfall: { wanted: 3, available: 1 },
    },
  ]
  for (const example of cases) {
    it(example.name, () => {
      const result = drawSample({
        plan: plan([{ id: 's', label: 'S', ...example.stratum }]),
        seed: 'x',
        population: rows,
        referenceDate: REFERENCE_DATE,
      })
      assert.deepEqual(result.cases.map(item => item.childId).sort(), example.expected)
      assert.deepEqual(result.shortfalls, example.shortfall ? [{ stratum: 's', ...example.shortfall }] : [])
    })
  }

  it('leaves out children audited recently', () => {
    const result = drawSample({
      plan: plan([{ id: 's', label: 'S', lists: [3], filters: [], quota: 'all' }]),
      seed: 'x',
      population: rows,
      referenceDate: REFERENCE_DATE,
      excludedChildIds: new Set(['C']),
    })
    assert.deepEqual(result.cases.map(item => item.childId).sort(), ['A', 'D'])
  })

  it('gives a different sample for a different seed', () => {
    const many = rowsOf(
      Array.from({ length: 500 }, (_, index): [string, number, Record<string, string>] => [`K${index}`, 6, {}]),
    )
    const sampleOf = (seed: string) =>
      drawSample({
        plan: plan([{ id: 's', label: 'S', lists: [6], filters: [], quota: 10 }]),
        seed,
        population: many,
        referenceDate: REFERENCE_DATE,
      }).cases.map(item => item.childId)
    assert.notDeepEqual(sampleOf('1'), sampleOf('2'))
    assert.deepEqual(sampleOf('1'), sampleOf('1'))
  })

  it('refuses to redraw a child who is not in the sample', () => {
    assert.throws(
      () =>
        redrawCase({
          plan: plan([]),
          seed: 'x',
          population: rows,
          referenceDate: REFERENCE_DATE,
          cases: [],
          replace: 'Z',
        }),
      RedrawError,
    )
  })

  it('never draws a rejected child back in', () => {
    const stratum: Stratum = { id: 's', label: 'S', lists: [3], filters: [], quota: 1 }
    const sample = drawSample({ plan: plan([stratum]), seed: 'x', population: rows, referenceDate: REFERENCE_DATE })
    const first = sample.cases[0]!.childId
    const others = ['A', 'C', 'D'].filter(child => child !== first)
    const result = redrawCase({
      plan: plan([stratum]),
      seed: 'x',
      population: rows,
      referenceDate: REFERENCE_DATE,
      cases: sample.cases,
      replace: first,
      rejected: [others[0]!],
    })
    assert.equal(result.replacement?.childId, others[1])
  })
})
