import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  benchmark,
  mean,
  median,
  quantileType7,
  quartileBand,
  quartilesOf,
  rankOf,
  trendOf,
  valuesFromRecord,
  DFE_INDICATORS,
} from '../../../src/domain/intelligence/index.js'

describe('intelligence: LAIT benchmarking maths', () => {
  it('computes R type 7 quantiles (checked by hand: quantile(c(1,2,3,4,10)))', () => {
    const sorted = [1, 2, 3, 4, 10]
    assert.equal(quantileType7(sorted, 0.25), 2)
    assert.equal(quantileType7(sorted, 0.5), 3)
    assert.equal(quantileType7(sorted, 0.75), 4)
    // quantile(c(1,2,3,4), 0.25) = 1.75
    assert.equal(quantileType7([1, 2, 3, 4], 0.25), 1.75)
  })

  it('bands A–D by polarity, A always the best quarter', () => {
    const q = quartilesOf([10, 20, 30, 40, 50]) // q1 20, median 30, q3 40
    const cases: [number, 'high' | 'low', string][] = [
      [10, 'low', 'A'],
      [20, 'low', 'A'],
      [25, 'low', 'B'],
      [30, 'low', 'B'],
      [40, 'low', 'C'],
      [50, 'low', 'D'],
      [50, 'high', 'A'],
      [40, 'high', 'B'],
      [30, 'high', 'C'],
      [20, 'high', 'D'],
      [10, 'high', 'D'],
    ]
    for (const [value, polarity, band] of cases)
      assert.equal(quartileBand(value, q, polarity), band, `${value} ${polarity}`)
    assert.equal(quartileBand(30, q, null), null)
  })

  it('ranks with ties at the lowest rank, and not at all without polarity', () => {
    const values = [5, 3, 3, 9]
    assert.equal(rankOf(3, values, 'low'), 1)
    assert.equal(rankOf(5, values, 'low'), 3)
    assert.equal(rankOf(9, values, 'high'), 1)
    assert.equal(rankOf(3, values, 'high'), 3)
    assert.equal(rankOf(3, values, null), null)
  })

  it('leaves missing neighbours out of the mean and median', () => {
    assert.equal(mean([1, 2, 6]), 3)
    assert.equal(median([1, 2, 6, 100]), 4)
    assert.equal(mean([]), null)
  })

  it('reports a trend only between consecutive years, judged by polarity', () => {
    assert.deepEqual(trendOf({ year: 2025, value: 20 }, { year: 2024, value: 25 }, 'low'), {
      change: -5,
      direction: 'down',
      improving: true,
    })
    assert.equal(trendOf({ year: 2025, value: 20 }, { year: 2023, value: 25 }, 'low'), null)
    assert.equal(trendOf({ year: 2025, value: 20 }, { year: 2024, value: 20 }, 'high')?.improving, null)
  })

  it('benchmarks one authority against its neighbours, region and England', () => {
    const authorities = new Map([
      ['301', 10],
      ['302', 20],
      ['303', 30],
      ['304', 40],
      ['305', 50],
    ])
    const result = benchmark({
      polarity: 'low',
      authority: '302',
      region: 'London',
      neighbours: ['303', '304', '999'],
      year: 2025,
      current: { authorities, regions: new Map([['London', 28]]), england: 31 },
      previous: { year: 2024, value: 22 },
    })
    assert.equal(result.value, 20)
    assert.equal(result.neighbourMean, 35)
    assert.equal(result.neighboursWithData, 2)
    assert.equal(result.rank, 2)
    assert.equal(result.band, 'A')
    assert.equal(result.region, 28)
    assert.equal(result.england, 31)
    assert.equal(result.trend?.improving, true)
  })

  it('bands agree with rank order: a better rank never has a worse band', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 4, maxLength: 60 }),
        fc.constantFrom('high' as const, 'low' as const),
        (values, polarity) => {
          const q = quartilesOf(values)
          const ordered = [...values].sort((a, b) => rankOf(a, values, polarity)! - rankOf(b, values, polarity)!)
          const bands = ordered.map(value => quartileBand(value, q, polarity)!)
          for (let i = 1; i < bands.length; i += 1) assert.ok(bands[i - 1]! <= bands[i]!, `${bands.join('')}`)
        },
      ),
    )
  })

  it('reads DfE long-format records, leaving out suppressed values', () => {
    const record = {
      time_period: '2025',
      geographic_level: 'Local authority',
      region_name: 'London',
      old_la_code: '301',
      CPP_subsequent_percent: '24.5',
    }
    assert.deepEqual(valuesFromRecord(DFE_INDICATORS, record), [
      { indicator: 'cpp-subsequent', year: 2025, level: 'local', area: '301', value: 24.5 },
    ])
    assert.deepEqual(valuesFromRecord(DFE_INDICATORS, { ...record, CPP_subsequent_percent: 'c' }), [])
  })
})
