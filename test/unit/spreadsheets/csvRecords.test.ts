import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parse as csvParse } from 'csv-parse/sync'
import fc from 'fast-check'
import { CsvRecordError, createCsvRecordSplitter } from '../../../src/services/spreadsheets/csvRecords.js'

function split(chunks: readonly string[], delimiter = ',', maxRecordChars = 1_000_000): string[][] {
  const splitter = createCsvRecordSplitter({ delimiter, maxRecordChars })
  const records: string[][] = []
  for (const chunk of chunks) records.push(...splitter.push(chunk))
  records.push(...splitter.end())
  return records
}

/** Cuts text at the given fractions, so a property can try every kind of chunk boundary. */
function cutAt(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map(cut => Math.floor(cut * text.length)))].sort((a, b) => a - b)
  const pieces: string[] = []
  let from = 0
  for (const point of points) {
    pieces.push(text.slice(from, point))
    from = point
  }
  pieces.push(text.slice(from))
  return pieces
}

describe('CSV record splitter', () => {
  const cases: [string, string, string[][]][] = [
    [
      'plain rows, CRLF',
      'a,b\r\n1,2\r\n',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    [
      'LF and CR line ends',
      'a,b\n1,2\r3,4',
      [
        ['a', 'b'],
        ['1', '2'],
        ['3', '4'],
      ],
    ],
    [
      'no final line end',
      'a,b\r\n1,2',
      [
        ['a', 'b'],
        ['1', '2'],
      ],
    ],
    ['an empty line is a record', 'a\r\n\r\nb\r\n', [['a'], [''], ['b']]],
    ['trailing delimiter gives an empty last field', 'a,b,\r\n', [['a', 'b', '']]],
    ['quoted delimiter and line break', '"x, y","two\r\nlines"\r\n', [['x, y', 'two\r\nlines']]],
    ['doubled quotes', '"say ""hello""",b\r\n', [['say "hello"', 'b']]],
    ['a quote inside an unquoted field is kept', '5" x 3",b\r\n', [['5" x 3"', 'b']]],
    ['text after a closing quote is kept', '"abc"def,x\r\n', [['abc"def', 'x']]],
    ['empty quoted field', '"",b\r\n', [['', 'b']]],
    ['ragged rows', 'Title\r\na,b,c\r\n1,2\r\n', [['Title'], ['a', 'b', 'c'], ['1', '2']]],
    ['a byte order mark is dropped', '\uFEFFa,b\r\n', [['a', 'b']]],
    ['leading zeros and spaces stay', ' 007 ,0012\r\n', [[' 007 ', '0012']]],
  ]
  for (const [name, text, expected] of cases) {
    it(name, () => assert.deepEqual(split([text]), expected))
  }

  it('uses the delimiter it is given', () => {
    assert.deepEqual(split(['a;b,c\r\n1;2\r\n'], ';'), [
      ['a', 'b,c'],
      ['1', '2'],
    ])
    assert.deepEqual(split(['a\tb\r\n'], '\t'), [['a', 'b']])
  })

  it('refuses a quote that never closes, naming the record it starts in', () => {
    assert.throws(
      () => split(['a,b\r\n1,2\r\n3,"open\r\n4,5\r\n']),
      (error: unknown) => error instanceof CsvRecordError && error.reason === 'quote-not-closed' && error.record === 3,
    )
  })

  it('refuses a record longer than the limit without waiting for the end of the file', () => {
    const splitter = createCsvRecordSplitter({ delimiter: ',', maxRecordChars: 100 })
    splitter.push('a,b\r\n')
    assert.throws(
      () => splitter.push(`"${'x'.repeat(200)}`),
      (error: unknown) => error instanceof CsvRecordError && error.reason === 'record-too-long' && error.record === 2,
    )
  })

  const field = fc.oneof(
    fc.string({ maxLength: 8 }),
    fc.constantFrom('', '"', '""', ',', '\r\n', '\n', 'a"b', ' x ', '0012', 'é€'),
  )
  const records = fc.array(fc.array(field, { minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 20 })
  const quoteAsNeeded = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value)
  const toCsv = (rows: string[][]) => rows.map(row => row.map(quoteAsNeeded).join(',')).join('\r\n') + '\r\n'

  it('reads back exactly what an RFC 4180 writer wrote, however the text is cut into chunks', () => {
    fc.assert(
      fc.property(records, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), (rows, cuts) => {
        // A record of one empty field is written as an empty line, which reads back as [''].
        assert.deepEqual(split(cutAt(toCsv(rows), cuts)), rows)
      }),
      { numRuns: 500 },
    )
  })

  it('agrees with csv-parse on well-formed files', () => {
    fc.assert(
      fc.property(records, rows => {
        const text = toCsv(rows)
        const expected = csvParse(text, { relax_column_count: true, skip_empty_lines: false }) as string[][]
        assert.deepEqual(split([text]), expected)
      }),
      { numRuns: 300 },
    )
  })

  it('never throws on arbitrary text except for an unclosed quote, and chunking never changes the result', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('a', ',', '"', '\r', '\n', ' '), maxLength: 40 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
        (text, cuts) => {
          const whole = attempt(() => split([text]))
          const chunked = attempt(() => split(cutAt(text, cuts)))
          assert.deepEqual(chunked, whole)
          if (whole instanceof Error) assert.ok(whole instanceof CsvRecordError && whole.reason === 'quote-not-closed')
        },
      ),
      { numRuns: 1000 },
    )
  })
})

function attempt<T>(run: () => T): T | Error {
  try {
    return run()
  } catch (error) {
    return error as Error
  }
}
