import assert from 'node:assert/strict'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import {
  detectEncoding,
  openSpreadsheet,
  readCsv,
  SpreadsheetError,
  type ReadEvent,
} from '../../../src/services/spreadsheets/index.js'
import { storedZip } from './storedZip.js'

async function collect(events: AsyncIterable<ReadEvent>) {
  const sheets: { name: string; rows: { rowNumber: number; cells: unknown[] }[] }[] = []
  for await (const event of events) {
    if (event.type === 'sheet') sheets.push({ name: event.name, rows: [] })
    else sheets[sheets.length - 1]!.rows.push({ rowNumber: event.rowNumber, cells: event.cells })
  }
  return sheets
}

const csv = (bytes: Buffer | string, sheetName = 'List 1') =>
  collect(readCsv(Readable.from([Buffer.from(bytes)]), { sheetName }))

describe('spreadsheet readers', () => {
  let dir: string
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'readers-'))
  })
  after(async () => fs.rm(dir, { recursive: true, force: true }))

  it('reads .xlsx: shared strings, cached formula values and errors, booleans, serial dates, leading zeros, gaps', async () => {
    const book = new ExcelJS.Workbook()
    const sheet = book.addWorksheet('Contacts')
    sheet.addRow(['List 1: Contacts'])
    sheet.addRow(['Child Unique ID', 'Date of Contact', 'Count', 'Flag', 'Looked up'])
    sheet.getCell('A3').value = '0001234'
    sheet.getCell('B3').value = new Date(Date.UTC(2024, 2, 5))
    sheet.getCell('C3').value = { formula: '1+1', result: 2 }
    sheet.getCell('D3').value = true
    sheet.getCell('E3').value = { formula: 'VLOOKUP(A1,Z:Z,1,0)', result: { error: '#N/A' } }
    sheet.getCell('B5').value = 'after a blank row'
    const file = path.join(dir, 'book.xlsx')
    await book.xlsx.writeFile(file)

    const opened = await openSpreadsheet(file)
    assert.equal(opened.kind, 'xlsx')
    const [read] = await collect(opened.events)
    assert.equal(read!.name, 'Contacts')
    assert.deepEqual(read!.rows[2], { rowNumber: 3, cells: ['0001234', 45356, 2, true, '#N/A'] })
    assert.deepEqual(
      read!.rows[3],
      { rowNumber: 5, cells: [null, 'after a blank row'] },
      'blank rows are skipped, row numbers kept',
    )
  })

  it('names a one-sheet workbook called Sheet1 after its file', async () => {
    const book = new ExcelJS.Workbook()
    book.addWorksheet('Sheet1').addRow(['x'])
    const file = path.join(dir, 'List 3.xlsx')
    await book.xlsx.writeFile(file)
    const [read] = await collect((await openSpreadsheet(file)).events)
    assert.equal(read!.name, 'List 3')
  })

  it('reads CSV as UTF-8 with or without a BOM, Windows-1252 and UTF-16, and sniffs the delimiter', async () => {
    const utf8 = await csv(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Child Unique ID,Ethnicity\r\n0042,“Other”\r\n')]),
    )
    assert.deepEqual(utf8[0]!.rows, [
      { rowNumber: 1, cells: ['Child Unique ID', 'Ethnicity'] },
      { rowNumber: 2, cells: ['0042', '“Other”'] },
    ])
    const windows = await csv(
      Buffer.from([0x61, 0x3b, 0x93, 0x62, 0x94, 0x0d, 0x0a, 0x43, 0x61, 0x66, 0xe9, 0x3b, 0x80]),
    )
    assert.deepEqual(
      windows[0]!.rows.map(row => row.cells),
      [
        ['a', '“b”'],
        ['Café', '€'],
      ],
    )
    const utf16 = await csv(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ID\tName\r\n7\tZoë\r\n', 'utf16le')]),
    )
    assert.deepEqual(
      utf16[0]!.rows.map(row => row.cells),
      [
        ['ID', 'Name'],
        ['7', 'Zoë'],
      ],
    )
    assert.equal(
      detectEncoding(Buffer.from([0xc3])),
      'utf-8',
      'a character cut at the end of the sample is still UTF-8',
    )
  })

  it('counts CSV rows as records, so a quoted line break does not shift later row numbers', async () => {
    const [read] = await csv('a,b\r\n"two\r\nlines",x\r\n\r\nlast,y\r\n')
    assert.deepEqual(
      read!.rows.map(row => row.rowNumber),
      [1, 2, 4],
    )
  })

  it('refuses a CSV with a quote that never closes, naming the row', async () => {
    await assert.rejects(
      csv('a,b\r\n1,2\r\n3,"open\r\n'),
      (error: unknown) => error instanceof SpreadsheetError && /row 3 is never closed/.test(error.message),
    )
  })

  it('reads a zip of per-list CSV and XLSX files, skipping zip-tool clutter', async () => {
    const book = new ExcelJS.Workbook()
    book.addWorksheet('Sheet1').addRow(['Child Unique ID'])
    const inner = Buffer.from(await book.xlsx.writeBuffer())
    const file = path.join(dir, 'lists.zip')
    await fs.writeFile(
      file,
      storedZip([
        { name: 'List 2.csv', data: 'Child Unique ID\r\n9\r\n' },
        { name: '__MACOSX/._List 2.csv', data: 'junk' },
        { name: 'List 1.xlsx', data: inner },
        { name: 'readme.pdf', data: '%PDF-' },
      ]),
    )
    const opened = await openSpreadsheet(file, { displayName: 'lists.zip' })
    assert.equal(opened.kind, 'zip')
    const read = await collect(opened.events)
    assert.deepEqual(
      read.map(sheet => sheet.name),
      ['List 1', 'List 2'],
    )
    assert.deepEqual(read[1]!.rows[1]!.cells, ['9'])
  })

  it('reads an .ods through the shared ODS reader', async () => {
    const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet>
<table:table table:name="List 1"><table:table-row><table:table-cell office:value-type="string"><text:p>Child Unique ID</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>Date of Contact</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>007</text:p></table:table-cell><table:table-cell office:value-type="date" office:date-value="2024-03-05"><text:p>05/03/2024</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>`
    const file = path.join(dir, 'lists.ods')
    await fs.writeFile(
      file,
      storedZip([
        { name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet' },
        { name: 'content.xml', data: content },
      ]),
    )
    const opened = await openSpreadsheet(file)
    assert.equal(opened.kind, 'ods')
    const [read] = await collect(opened.events)
    assert.deepEqual(read!.rows[1], { rowNumber: 1_000_002, cells: ['007', '2024-03-05'] })
  })

  describe('hostile and malformed files get a precise message, never a crash', () => {
    const cases: [string, Buffer | string, RegExp][] = [
      ['empty.csv', '', /is empty/],
      [
        'old.xls',
        Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100)]),
        /Excel 97–2003.*Save As/,
      ],
      ['report.csv', '%PDF-1.7 blah', /is a PDF/],
      ['binary.csv', Buffer.from([1, 2, 0, 3, 4]), /not a spreadsheet or CSV/],
      [
        'truncated.xlsx',
        Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(300, 9)]),
        /damaged or not a complete file/,
      ],
      ['nothing.zip', storedZip([]), /empty zip/],
      ['pictures.zip', storedZip([{ name: 'photo.jpg', data: 'x' }]), /no CSV, XLSX or ODS files/],
      ['letter.docx', storedZip([{ name: 'word/document.xml', data: '<w/>' }]), /Word document/],
      ['no-sheets.xlsx', storedZip([{ name: 'xl/workbook.xml', data: '<workbook><sheets/></workbook>' }]), /no sheets/],
      [
        'entities.xlsx',
        storedZip([
          {
            name: 'xl/workbook.xml',
            data: '<workbook><sheets><sheet name="List 1" r:id="rId1" xmlns:r="r"/></sheets></workbook>',
          },
          {
            name: 'xl/worksheets/sheet1.xml',
            data: '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&b;</t></is></c></row></sheetData></worksheet>',
          },
        ]),
        /damaged/,
      ],
      [
        'lying-size.zip',
        storedZip([{ name: 'List 1.csv', data: 'Child Unique ID\r\n1\r\n'.repeat(50), declaredSize: 10 }]),
        /damaged/,
      ],
      [
        'bad-xml.xlsx',
        storedZip([
          { name: 'xl/workbook.xml', data: '<workbook><sheets><sheet name="List 1"/></sheets></workbook>' },
          { name: 'xl/worksheets/sheet1.xml', data: '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></row>' },
        ]),
        /sheet "List 1" is damaged/,
      ],
    ]
    for (const [name, bytes, expected] of cases) {
      it(name, async () => {
        const file = path.join(dir, name)
        await fs.writeFile(file, bytes)
        await assert.rejects(
          (async () => collect((await openSpreadsheet(file)).events))(),
          (error: unknown) =>
            error instanceof SpreadsheetError && expected.test(error.message) && !error.message.includes('\n'),
        )
      })
    }

    it('refuses a file over the size limit before reading it', async () => {
      const file = path.join(dir, 'big.csv')
      await fs.writeFile(file, 'a,b\r\n'.repeat(1000))
      await assert.rejects(openSpreadsheet(file, { maxFileBytes: 1000 }), /largest file accepted is/)
    })
  })

  it('reads the shared samples, including the dirty one, without a crash', async () => {
    const samples = path.resolve('..', 'shared', 'data', 'annex-a')
    for (const name of ['liia-dirty-sample.xlsx', 'ofsted-annex-a-template-2019-with-sample-rows.xlsx']) {
      const file = path.resolve(samples, name)
      const read = await collect((await openSpreadsheet(file)).events)
      assert.ok(read.length >= 11, `${name} has its lists`)
    }
  })
})
