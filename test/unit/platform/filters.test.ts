import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { govukDate, govukDateTime } from '../../../src/web/filters/dates.js'

describe('GOV.UK date filters', () => {
  const table: [string | Date | null, string, string][] = [
    ['2026-11-23', '23 November 2026', '23 November 2026 at midday'],
    [new Date('2026-06-01T13:05:00Z'), '1 June 2026', '1 June 2026 at 2:05pm'],
    [new Date('2026-01-15T09:00:00Z'), '15 January 2026', '15 January 2026 at 9am'],
    [new Date('2026-03-29T23:30:00Z'), '30 March 2026', '30 March 2026 at 12:30am'],
    [null, '', ''],
    ['not a date', '', ''],
  ]
  for (const [input, date, dateTime] of table) {
    it(`formats ${String(input)}`, () => {
      assert.equal(govukDate(input), date)
      assert.equal(govukDateTime(input), dateTime)
    })
  }
})
