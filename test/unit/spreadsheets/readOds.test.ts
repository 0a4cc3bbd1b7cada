import assert from 'node:assert/strict'
import path from 'node:path'
import { describe, it } from 'node:test'
import { OdsReadError, readOdsRows, type OdsRow } from '../../../src/services/spreadsheets/readOds.js'
import { buildOds, buildZip } from '../../fixtures/frameworks/buildOds.js'

async function rowsOf(file: Buffer | string, options = {}): Promise<OdsRow[]> {
  const rows: OdsRow[] = []
  for await (const row of readOdsRows(file, options)) rows.push(row)
  return rows
}

const cell = (attributes: string, inner = '') => `<table:table-cell ${attributes}>${inner}</table:table-cell>`

describe('readOdsRows', () => {
  it('reads strings, numbers, dates, booleans and percentages by their office:value', async () => {
    const ods = buildOds(
      `<table:table table:name="Sheet1"><table:table-row>${[
        cell('office:value-type="string"', '<text:p>Barnet</text:p>'),
        cell('office:value-type="float" office:value="1234.5"', '<text:p>1,234.50</text:p>'),
        cell('office:value-type="date" office:date-value="2019-02-18T00:00:00"', '<text:p>18/02/2019</text:p>'),
        cell('office:value-type="date" office:date-value="2019-02-18T09:30:00"', '<text:p>18/02/2019 09:30</text:p>'),
        cell('office:value-type="boolean" office:boolean-value="true"', '<text:p>TRUE</text:p>'),
        cell('office:value-type="percentage" office:value="0.25"', '<text:p>25%</text:p>'),
        cell('office:value-type="string" office:string-value="Link text"', '<text:p>ignored</text:p>'),
      ].join('')}</table:table-row></table:table>`,
    )
    const [row] = await rowsOf(ods)
    assert.deepEqual(row, {
      sheet: 'Sheet1',
      row: 1,
      cells: ['Barnet', 1234.5, '2019-02-18', '2019-02-18T09:30:00', true, 0.25, 'Link text'],
    })
  })

  it('joins text:p, text:span and text:s into one value, and leaves comments out', async () => {
    const ods = buildOds(
      `<table:table table:name="S"><table:table-row>${cell(
        'office:value-type="string"',
        '<office:annotation><text:p>a reviewer comment</text:p></office:annotation><text:p><text:s/>First SIF <text:span>Overall</text:span><text:s text:c="3"/>Judgement</text:p><text:p>(OE)</text:p>',
      )}</table:table-row></table:table>`,
    )
    const [row] = await rowsOf(ods)
    assert.deepEqual(row?.cells, [' First SIF Overall   Judgement\n(OE)'])
  })

  it('repeats cells and rows as declared, skips empty rows, and keeps row numbers', async () => {
    const ods = buildOds(
      `<table:table table:name="S">` +
        `<table:table-row>${cell('table:number-columns-repeated="2"')}${cell('office:value-type="string" table:number-columns-repeated="3"', '<text:p>x</text:p>')}${cell('table:number-columns-repeated="16379"')}</table:table-row>` +
        `<table:table-row table:number-rows-repeated="4"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>` +
        `<table:table-row table:number-rows-repeated="2">${cell('office:value-type="float" office:value="7"', '<text:p>7</text:p>')}</table:table-row>` +
        `<table:table-row table:number-rows-repeated="1048570"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>` +
        `</table:table>`,
    )
    const rows = await rowsOf(ods)
    assert.deepEqual(
      rows.map(row => [row.row, row.cells]),
      [
        [1, [null, null, 'x', 'x', 'x']],
        [6, [7]],
        [7, [7]],
      ],
    )
  })

  it('caps huge runs of non-empty cells at maxColumns and refuses a hostile row repeat', async () => {
    const wide = buildOds(
      `<table:table table:name="S"><table:table-row>${cell('office:value-type="string" table:number-columns-repeated="16384"', '<text:p>x</text:p>')}</table:table-row></table:table>`,
    )
    const [row] = await rowsOf(wide, { maxColumns: 10 })
    assert.equal(row?.cells.length, 10)
    const tall = buildOds(
      `<table:table table:name="S"><table:table-row table:number-rows-repeated="1000000">${cell('office:value-type="string"', '<text:p>x</text:p>')}</table:table-row></table:table>`,
    )
    await assert.rejects(rowsOf(tall), /repeats row 1 1000000 times/)
  })

  it('reads only the sheets asked for, with each row named by its sheet', async () => {
    const ods = buildOds(
      ['Cover', 'Data', 'Notes']
        .map(
          name =>
            `<table:table table:name="${name}"><table:table-row>${cell('office:value-type="string"', `<text:p>${name}</text:p>`)}</table:table-row></table:table>`,
        )
        .join(''),
    )
    assert.deepEqual(
      (await rowsOf(ods, { sheets: ['Data'] })).map(row => [row.sheet, row.cells[0]]),
      [['Data', 'Data']],
    )
  })

  it('explains in one line why a file is not a readable ODS', async () => {
    const cases: [Buffer | string, RegExp][] = [
      [Buffer.from('just some text, not a zip'), /not an ODS spreadsheet \(not a readable zip file/],
      [buildZip([{ name: 'other.txt', content: 'hello' }]), /it has no content\.xml/],
      [
        buildOds('', { mimetype: 'application/vnd.oasis.opendocument.text' }),
        /its mimetype is 'application\/vnd\.oasis\.opendocument\.text'/,
      ],
      [buildOds('<table:table table:name="S"><table:table-row><table:table-cell>'), /content\.xml is not well-formed/],
      [path.join('test', 'no-such-file.ods'), /cannot open the file \(no such file\)/],
    ]
    for (const [file, message] of cases) {
      await assert.rejects(rowsOf(file), (error: Error) => {
        assert.ok(error instanceof OdsReadError, `${error.name}: ${error.message}`)
        assert.match(error.message, message)
        assert.doesNotMatch(error.message, /\n/)
        return true
      })
    }
  })

  it('reads the real Ofsted file, where the ILACS history table starts at row 3', async () => {
    const file = path.resolve('..', 'shared', 'data', 'ofsted', 'LA_Inspection_Outcomes_as_at_31_March_2025.ods')
    const rows = await rowsOf(file, { sheets: ['ILACS_inspection_history'] })
    assert.equal(rows[2]?.row, 3)
    assert.equal(rows[2]?.cells[5], 'Inspection date')
    assert.equal(rows.length, 274, 'title, note, header and 271 inspections')
    assert.match(String(rows[3]?.cells[5]), /^\d{4}-\d{2}-\d{2}$/)
  })
})
