import assert from 'node:assert/strict'
import { Readable } from 'node:stream'
import { describe, it } from 'node:test'
import { readCsv, type ReadEvent } from '../../../src/services/spreadsheets/index.js'

async function rowsOf(text: string) {
  const rows: { rowNumber: number; cells: unknown[] }[] = []
  for await (const event of readCsv(Readable.from([Buffer.from(text)]), {
    sheetName: 'List 1',
  }) as AsyncIterable<ReadEvent>)
    if (event.type === 'row') rows.push({ rowNumber: event.rowNumber, cells: event.cells })
  return rows
}

const dataRows = (count: number) =>
  Array.from({ length: count }, (_, index) => `${String(index + 1).padStart(7, '0')},b) Female,01/02/2024`).join('\r\n')

describe('Annex A CSV with a short title row', () => {
  it('reads the same rows, cells and row numbers with and without the probe', async () => {
    const body = `Child Unique ID,Gender,Date of Birth\r\n${dataRows(120)}\r\n,,\r\n0000999,"a) Male, quoted",\r\n`
    const short = await rowsOf(`List 1: Contacts\r\n${body}`)
    const padded = await rowsOf(`List 1: Contacts,,\r\n${body}`)
    assert.equal(short.length, 123)
    assert.deepEqual(short[0], { rowNumber: 1, cells: ['List 1: Contacts'] })
    assert.deepEqual(short[1], { rowNumber: 2, cells: ['Child Unique ID', 'Gender', 'Date of Birth'] })
    assert.deepEqual(short[2], { rowNumber: 3, cells: ['0000001', 'b) Female', '01/02/2024'] })
    // The blank row (row 123) is skipped; the row after keeps its number.
    assert.deepEqual(short.at(-1), { rowNumber: 124, cells: ['0000999', 'a) Male, quoted', ''] })
    assert.deepEqual(short.slice(1), padded.slice(1), 'everything after the title row is identical to the padded file')
  })

  it('still names the right row when the file is broken after a title row', async () => {
    await assert.rejects(rowsOf(`Title\r\nA,B\r\n1,2\r\n3,"never closed\r\n`), /starts in row 4/)
  })
})
