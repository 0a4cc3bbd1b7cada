import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  LIST_NUMBERS,
  packRow,
  SCHEMAS,
  STORED_ROW_KEYS,
  unpackRow,
  type CleanRow,
  type ListNumber,
} from '../../../src/domain/annex-a/index.js'

describe('stored row packing', () => {
  it('has a place for every column of every template version (append new ones, never reorder)', () => {
    for (const schema of Object.values(SCHEMAS))
      for (const list of LIST_NUMBERS)
        for (const column of schema.lists[list].columns)
          assert.ok(STORED_ROW_KEYS[list].includes(column.key), `${schema.version} List ${list}: ${column.key}`)
  })

  it('keeps the stored positions of the first release (rows already in databases are read by them)', () => {
    // A sample of positions, pinned: moving any of these would misread every stored row.
    assert.deepEqual(STORED_ROW_KEYS[1].slice(0, 7), [
      'childId',
      'gender',
      'ethnicity',
      'dateOfBirth',
      'ageYears',
      'dateOfContact',
      'contactSource',
    ])
    assert.equal(STORED_ROW_KEYS[8].indexOf('placementPostcode'), 24)
    assert.equal(STORED_ROW_KEYS[9].indexOf('latestContactDate'), 16)
    assert.equal(STORED_ROW_KEYS[11][0], 'adopterId')
  })

  const rowFor = (list: ListNumber) =>
    fc
      .tuple(
        ...SCHEMAS['2026'].lists[list].columns.map(() =>
          fc.oneof(fc.constant(null), fc.string({ maxLength: 6 }), fc.integer({ min: -1, max: 30 })),
        ),
      )
      .map(values => {
        const row: CleanRow = {}
        SCHEMAS['2026'].lists[list].columns.forEach((column, index) => (row[column.key] = values[index] ?? null))
        return row
      })

  it('unpacks to the row that was packed, through JSON, for any list', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...LIST_NUMBERS).chain(list => rowFor(list).map(row => ({ list, row }))),
        ({ list, row }) => {
          const stored = JSON.parse(JSON.stringify(packRow(list, row))) as unknown
          const back = unpackRow(list, stored)
          for (const [key, value] of Object.entries(row)) assert.equal(back[key], value, key)
          for (const [key, value] of Object.entries(back)) if (!(key in row)) assert.equal(value, null, key)
        },
      ),
    )
  })

  it('drops trailing blanks and stores no key names', () => {
    const packed = packRow(1, { childId: '007', gender: 'b) Female', dateOfContact: null, contactSource: null })
    assert.deepEqual(packed, ['007', 'b) Female'])
  })

  it('reads rows stored before packing (objects) as they are', () => {
    const old = { childId: '007', gender: 'b) Female' }
    assert.deepEqual(unpackRow(1, old), old)
  })
})
