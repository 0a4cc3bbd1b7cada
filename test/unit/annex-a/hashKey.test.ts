import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { createHashRowIndex, hashKey, hashValues } from '../../../src/domain/annex-a/validate/hashKey.js'

describe('duplicate-key hashing', () => {
  it('hashes several values as their joined text would hash, without joining them', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 4 }), values =>
        assert.equal(hashValues(values), hashKey(values.join('\u0000'))),
      ),
    )
  })

  it('tells apart values that join to the same text', () => {
    assert.notEqual(hashValues(['ab', 'c']), hashValues(['a', 'bc']))
  })

  it('the row index answers like a Map from hash to first row, through every resize', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 2 ** 53 - 1 })), {
          maxLength: 3000,
        }),
        hashes => {
          const index = createHashRowIndex(4)
          const model = new Map<number, number>()
          hashes.forEach((hash, position) => {
            const row = position + 1
            const expected = model.get(hash) ?? 0
            if (expected === 0) model.set(hash, row)
            assert.equal(index.firstRowOrAdd(hash, row), expected)
          })
          assert.equal(index.size, model.size)
        },
      ),
      { numRuns: 200 },
    )
  })
})
