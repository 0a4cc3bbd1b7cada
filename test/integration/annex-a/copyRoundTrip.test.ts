import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { CellValue } from '../../../src/domain/annex-a/index.js'
import type { ReadEvent } from '../../../src/services/spreadsheets/types.js'
import { startTestApp, type TestApp } from '../../support/testApp.js'
import { contextOf, importEvents, LIST_1_HEADER } from './fixtures.js'

/**
 * Rows and issues reach PostgreSQL through COPY's text format (ADR 0008), where a tab ends a field, a line break
 * ends a row and a backslash starts an escape. Hostile or merely odd cells must come back exactly as they went in.
 */
const HEADER = [...LIST_1_HEADER, 'Notes']
const ODD_TEXT = [
  'tab\there',
  'two\nlines',
  'carriage\r\nreturn',
  'back\\slash',
  '\\N',
  '\\',
  'nul\u0000inside',
  'emoji 😀 and ’curly’ “quotes”',
  'lone \ud800 surrogate',
  '=HYPERLINK("http://example.invalid")',
  '"double" and \'single\'',
]
const ODD_IDS = ['ID\\1', 'ID\t2', '\\N', 'ID 4 ’']

function events(): ReadEvent[] {
  const rows: ReadEvent[] = [
    { type: 'sheet', name: 'List 1' },
    { type: 'row', rowNumber: 1, cells: HEADER },
  ]
  let rowNumber = 1
  for (const id of ODD_IDS)
    for (const text of ODD_TEXT) {
      rowNumber += 1
      rows.push({
        type: 'row',
        rowNumber,
        cells: [id, text, 'a) WBRI', '01/02/2015', 9, '01/03/2024', 'a) 1A: Individual', text] as CellValue[],
      })
    }
  return rows
}

describe('Annex A rows and issues survive COPY exactly', () => {
  let t: TestApp
  let runId: string
  const sent = events()
  before(async () => {
    t = await startTestApp()
    runId = await importEvents(t, sent, 'odd.csv')
  })
  after(async () => t.close())

  it('stores every cell as it was read, tabs, line breaks, backslashes, NUL and all', async () => {
    const stored = await t.database.db
      .selectFrom('annex_a_row')
      .select(['row_number', 'cells', 'child_id', 'data'])
      .where('run_id', '=', runId)
      .orderBy('row_number')
      .execute()
    const rows = sent.filter(event => event.type === 'row').slice(1) as { rowNumber: number; cells: CellValue[] }[]
    assert.equal(stored.length, rows.length)
    for (const [index, row] of rows.entries()) {
      assert.equal(stored[index]!.row_number, row.rowNumber)
      // A lone surrogate is not text PostgreSQL can hold; JSON keeps it as an escape, so it too comes back.
      assert.deepEqual(JSON.parse(stored[index]!.cells), row.cells, `row ${row.rowNumber}`)
    }
  })

  it('keeps each odd child id, a literal \\N included, as the id and never as NULL', async () => {
    const ids = await t.database.db
      .selectFrom('annex_a_row')
      .select('child_id')
      .distinct()
      .where('run_id', '=', runId)
      .execute()
    const stored = ids.map(row => row.child_id)
    assert.ok(!stored.includes(null), 'no child id became NULL')
    const child = await t.services.annexA.getChild(contextOf(t, 'orgA', 'analyst'), runId, '\\N')
    assert.equal(child.lists[0]!.rows.length, ODD_TEXT.length)
    const tabbed = stored.find(id => id?.startsWith('ID') && id.endsWith('2'))
    assert.ok(tabbed, 'the id with a tab in it is stored')
    const view = await t.services.annexA.getChild(contextOf(t, 'orgA', 'analyst'), runId, tabbed)
    assert.ok(view.lists[0]!.rows.length > 0)
  })

  it('stores issue values and messages with their odd characters intact', async () => {
    const issues = await t.database.db
      .selectFrom('annex_a_issue')
      .select(['code', 'value', 'message', 'column_name'])
      .where('run_id', '=', runId)
      .execute()
    const gender = issues.filter(issue => issue.column_name === 'Gender')
    assert.ok(gender.length >= ODD_TEXT.length, 'every odd gender is reported')
    const values = new Set(gender.map(issue => issue.value))
    for (const text of ODD_TEXT.filter(text => !text.includes('\u0000') && !text.includes('\ud800')))
      assert.ok(
        [...values].some(value => value?.includes(text.trim())),
        `an issue names ${JSON.stringify(text)}`,
      )
    // PostgreSQL text cannot hold NUL: it is replaced, never fails the import.
    assert.ok([...values].some(value => value?.includes('nul\uFFFDinside')))
  })
})
