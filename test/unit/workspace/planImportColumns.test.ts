import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { mapPlanColumns, NOT_IN_FILE } from '../../../src/domain/workspace/index.js'
import { readMapping } from '../../../src/web/routes/workspace/planImport/schemas.js'
import { PLAN_FIELD_LABELS } from '../../../src/domain/workspace/index.js'

describe('column mapping chosen by a person', () => {
  const headers = ['Ref', 'Action', 'Lead officer', 'RAG']

  it('"not in this file" stops recognition from claiming the field', () => {
    assert.equal(mapPlanColumns(headers).mapping.rag, 3)
    const { mapping, unmapped } = mapPlanColumns(headers, { rag: NOT_IN_FILE })
    assert.equal(mapping.rag, undefined)
    assert.deepEqual(unmapped, [{ index: 3, header: 'RAG' }])
    assert.equal(mapping.action, 1, 'other fields are still recognised')
  })

  const columns = new Set([0, 1, 2, 3])
  for (const [name, values, expected] of [
    ['action only', { 'map-action': '1' }, { mapping: { action: 1 } }],
    [
      'none and blank are "not in this file"',
      { 'map-action': '1', 'map-ref': 'none', 'map-rag': '' },
      { mapping: { action: 1 } },
    ],
    ['no action', { 'map-ref': '0' }, { errors: { 'map-action': 'Select the column that holds the actions' } }],
    ['unknown column', { 'map-action': '7' }, { errors: { 'map-action': 'Select a column for action from the list' } }],
    [
      'not a number',
      { 'map-action': '1', 'map-ref': '-1' },
      { errors: { 'map-ref': 'Select a column for ref from the list' } },
    ],
    [
      'a column twice',
      { 'map-action': '1', 'map-ref': '1' },
      { errors: { 'map-action': 'Action and ref cannot both read the same column' } },
    ],
  ] as const) {
    it(name, () => {
      assert.deepEqual(readMapping(values, columns, PLAN_FIELD_LABELS), expected)
    })
  }
})
