import assert from 'node:assert/strict'
import path from 'node:path'
import { before, describe, it } from 'node:test'
import {
  benchmarkAuthority,
  buildAuthorityIndex,
  findIndicator,
  seriesOf,
  type AuthorityIndex,
  type IndicatorSeries,
} from '../../../src/domain/intelligence/index.js'
import { readDfeIndicatorValues, readLocalAuthorities } from '../../../src/services/intelligence/readReferenceData.js'

const DATA = path.resolve('..', 'shared', 'data')

/**
 * Expected values were worked out independently of this code (a short Python script over the same CSV:
 * R type 7 quartiles of the 153 LA values for 2025 are 20.0, 24.3 and 27.6; low polarity).
 */
describe('benchmarking against the published DfE data', () => {
  let series: IndicatorSeries
  let index: AuthorityIndex
  before(async () => {
    const definition = findIndicator('cpp-subsequent')!
    const { values } = await readDfeIndicatorValues(path.join(DATA, 'dfe'), [definition])
    series = seriesOf(definition, values)
    index = buildAuthorityIndex(await readLocalAuthorities(path.join(DATA, 'la')))
  })

  it('reproduces LAIT’s quartile bands and ranks on a hand-checked sample', () => {
    const cases: [string, number, string, number][] = [
      ['Barnsley', 28.2, 'D', 124],
      ['Kent', 24.3, 'B', 75],
      ['City of London', 0, 'A', 1],
      ['Barking & Dagenham', 17, 'A', 19],
    ]
    for (const [name, value, band, rank] of cases) {
      const authority = index.resolve(name)!
      const neighbours = (authority.neighbours['2025'] ?? []).map(n => n.oldCode)
      const result = benchmarkAuthority(
        series,
        { oldCode: authority.oldCode, region: authority.region, neighbours },
        2025,
      )!
      assert.equal(result.value, value, name)
      assert.equal(result.band, band, name)
      assert.equal(result.rank, rank, name)
      assert.equal(result.rankedAuthorities, 153)
      assert.deepEqual(result.quartiles, { q1: 20, median: 24.3, q3: 27.6 })
    }
  })

  it('gives neighbour, regional and England comparators and the trend', () => {
    const barnsley = index.resolve('E08000016')!
    assert.equal(barnsley.neighbours['2025']?.length, 10)
    const neighbours = barnsley.neighbours['2025']!.map(n => n.oldCode)
    const result = benchmarkAuthority(series, { oldCode: barnsley.oldCode, region: barnsley.region, neighbours }, 2025)!
    assert.equal(result.england, 24.5)
    assert.ok(result.neighbourMean !== null && result.neighboursWithData > 0)
    assert.notEqual(result.region, null)
    // 29.7 in 2024, 28.2 in 2025: down, which for a low-polarity indicator is an improvement.
    assert.deepEqual(result.trend, { change: -1.5, direction: 'down', improving: true })
  })
})
