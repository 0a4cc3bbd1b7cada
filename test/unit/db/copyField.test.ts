import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { copyField, CopyLines } from '../../../src/db/copy.js'

/** How PostgreSQL reads one field of COPY's text format (the escapes we write; \N alone is NULL). */
function readCopyField(field: string): string | null {
  if (field === '\\N') return null
  let out = ''
  for (let index = 0; index < field.length; index += 1) {
    const character = field[index]!
    if (character !== '\\') {
      out += character
      continue
    }
    index += 1
    const escaped = field[index]
    out += escaped === 'n' ? '\n' : escaped === 'r' ? '\r' : escaped === 't' ? '\t' : escaped === '\\' ? '\\' : '?'
  }
  return out
}

describe('copyField: one field of a COPY text-format line', () => {
  const cases: [string, string | number | null | undefined, string][] = [
    ['plain text as it is', 'b) Female', 'b) Female'],
    ['null as \\N', null, '\\N'],
    ['undefined as \\N', undefined, '\\N'],
    ['a number as its digits', 42, '42'],
    ['a literal backslash-N is escaped, so it is never read as NULL', '\\N', '\\\\N'],
    ['tab', 'a\tb', 'a\\tb'],
    ['line feed', 'a\nb', 'a\\nb'],
    ['carriage return', 'a\rb', 'a\\rb'],
    ['backslash', 'a\\b', 'a\\\\b'],
    ['NUL, which PostgreSQL text cannot hold, as U+FFFD', 'a\u0000b', 'a\uFFFDb'],
    ['the empty string stays empty (not NULL)', '', ''],
  ]
  for (const [name, input, expected] of cases)
    it(name, () => {
      assert.equal(copyField(input), expected)
    })

  it('never writes a raw tab, line break or NUL, and PostgreSQL reads back the same text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), text => {
        const field = copyField(text)
        for (const raw of ['\t', '\n', '\r', '\u0000']) assert.ok(!field.includes(raw))
        assert.equal(readCopyField(field), text.replaceAll('\u0000', '\uFFFD'))
      }),
      { numRuns: 2000 },
    )
  })
})

describe('CopyLines: a batch of COPY lines as bytes', () => {
  it('encodes text once as UTF-8, ends fields and lines, and counts lines', () => {
    const lines = new CopyLines(8)
    lines.bytes(Buffer.from('key\t')).text('é😀').tab().text(copyField('a\tb')).end()
    lines.text('2').end()
    assert.equal(lines.lines, 2)
    assert.equal(lines.take().toString('utf8'), 'key\té😀\ta\\tb\n2\n')
  })

  it('grows past its first size without losing a byte, and starts afresh after take', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 64 }),
        (texts, size) => {
          const lines = new CopyLines(size)
          for (const text of texts) lines.text(copyField(text)).end()
          const expected = texts.map(text => `${copyField(text)}\n`).join('')
          assert.equal(lines.byteLength, Buffer.byteLength(expected))
          assert.equal(lines.take().toString('utf8'), expected)
          assert.equal(lines.lines, 0)
          assert.equal(lines.take().length, 0)
        },
      ),
      { numRuns: 300 },
    )
  })
})
