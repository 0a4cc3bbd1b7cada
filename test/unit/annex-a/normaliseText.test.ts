import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { cellText } from '../../../src/domain/annex-a/parse/normaliseText.js'

/** The rules as first written, with one regular expression for the clean case: the fast path must agree with them. */
function cellTextByRules(text: string): string {
  if (/^[\x21-\x5f\x61-\x7e]+(?: [\x21-\x5f\x61-\x7e]+)*$/.test(text)) return text
  return text
    .replace(/[\u2018\u2019\u201B\u2032`]/g, "'")
    .replace(/[\u201C\u201D\u2033]/g, '"')
    .replace(/[\u00A0\u2007\u202F\t\r\n]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
}

describe('cellText', () => {
  it('cleans any text exactly as its rules say', () => {
    const unit = fc.constantFrom(
      'a',
      'Z',
      '0',
      ' ',
      '  ',
      '`',
      '\u2019',
      '\u201C',
      '\u00A0',
      '\t',
      '\n',
      '~',
      '\u00E9',
      '/',
    )
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 12 }), text => assert.equal(cellText(text), cellTextByRules(text))),
      { numRuns: 3000 },
    )
  })
})
