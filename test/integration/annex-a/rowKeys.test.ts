import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { CellValue } from '../../../src/domain/annex-a/index.js'
import type { RowCursor } from '../../../src/services/annex-a/storedRows.js'
import type { ReadEvent } from '../../../src/services/spreadsheets/types.js'
import { startTestApp, type TestApp } from '../../support/testApp.js'
import { contextOf, importEvents, LIST_1_HEADER } from './fixtures.js'

/**
 * Migration 0015 keys rows by sheet, row number and the order read: lists are read through their sheets, a page at a
 * time, and a malformed file that repeats a row number still imports.
 */
const HEADER = LIST_1_HEADER
const contact = (id: string): CellValue[] => [
  id,
  'b) Female',
  'a) WBRI',
  '01/02/2015',
  9,
  '01/03/2024',
  'a) 1A: Individual',
]

function events(): ReadEvent[] {
  const rows: ReadEvent[] = [
    { type: 'sheet', name: 'Contacts (part 1)' },
    { type: 'row', rowNumber: 1, cells: HEADER },
  ]
  for (let n = 2; n <= 30; n += 1) rows.push({ type: 'row', rowNumber: n, cells: contact(`A${n}`) })
  // A malformed workbook: row 12 written twice (an XLSX row's number is whatever its `r` attribute says).
  rows.push({ type: 'row', rowNumber: 12, cells: contact('REPEAT') })
  rows.push({ type: 'sheet', name: 'Contacts (part 2)' }, { type: 'row', rowNumber: 1, cells: HEADER })
  for (let n = 2; n <= 20; n += 1) rows.push({ type: 'row', rowNumber: n, cells: contact(`B${n}`) })
  return rows
}

describe('Annex A rows keyed by sheet and row number', () => {
  let t: TestApp
  let runId: string
  before(async () => {
    t = await startTestApp()
    runId = await importEvents(t, events(), 'two-sheets.xlsx')
  })
  after(async () => t.close())

  it('stores a repeated row number as two rows instead of failing the import', async () => {
    const rows = await t.database.db
      .selectFrom('annex_a_row')
      .select(['child_id'])
      .where('run_id', '=', runId)
      .where('sheet_index', '=', 0)
      .where('row_number', '=', 12)
      .orderBy('row_seq')
      .execute()
    assert.deepEqual(
      rows.map(row => row.child_id),
      ['A12', 'REPEAT'],
    )
  })

  it('pages through a list across its sheets, every row once, in sheet and row order', async () => {
    const analyst = contextOf(t, 'orgA', 'analyst')
    const seen: string[] = []
    let after: RowCursor | undefined
    for (let pages = 0; pages < 100; pages += 1) {
      const page = await t.services.annexA.listRows(analyst, runId, 1, { limit: 7, ...(after ? { after } : {}) })
      if (page.length === 0) break
      seen.push(...page.map(row => row.childId!))
      after = page.at(-1)!.cursor
    }
    const expected = [
      ...Array.from({ length: 10 }, (_, index) => `A${index + 2}`),
      'A12',
      'REPEAT',
      ...Array.from({ length: 18 }, (_, index) => `A${index + 13}`),
      ...Array.from({ length: 19 }, (_, index) => `B${index + 2}`),
    ]
    assert.deepEqual(seen, expected)
  })

  it('re-validates a stored run from its cells with every row, the repeated one included', async () => {
    const again = await t.services.annexA.reapplyMappings(contextOf(t, 'orgA', 'analyst'), runId)
    const original = await t.services.annexA.getRun(contextOf(t, 'orgA', 'analyst'), runId)
    assert.equal(again.summary.rows, original.rows)
    assert.equal(again.summary.rows, 29 + 1 + 19)
  })

  it('exports the cleaned list with every row of both sheets', async () => {
    const chunks: Buffer[] = []
    const { Writable } = await import('node:stream')
    const sink = new Writable({
      write(chunk, _encoding, callback) {
        chunks.push(Buffer.from(chunk))
        callback()
      },
    })
    const written = await t.services.annexA.exportRun(contextOf(t, 'orgA', 'analyst'), runId, 'lists', sink, {
      identifiable: true,
    })
    assert.equal(written, 49)
  })
})
