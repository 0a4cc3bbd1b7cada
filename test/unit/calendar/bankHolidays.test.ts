import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  bankHolidaysInYear,
  easterSunday,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  FIRST_COVERED_YEAR,
  isWeekend,
  LAST_COVERED_YEAR,
} from '../../../src/domain/calendar/index.js'

// Easter Sundays from published calendars, including both extremes of the Gregorian range.
const KNOWN_EASTERS: [number, string][] = [
  [1818, '1818-03-22'],
  [1943, '1943-04-25'],
  [2000, '2000-04-23'],
  [2008, '2008-03-23'],
  [2011, '2011-04-24'],
  [2013, '2013-03-31'],
  [2016, '2016-03-27'],
  [2019, '2019-04-21'],
  [2024, '2024-03-31'],
  [2025, '2025-04-20'],
  [2038, '2038-04-25'],
  [2285, '2285-03-22'],
]

// One-off, moved and substitute days as listed on GOV.UK (England and Wales).
const OFFICIAL_DAYS: [string, string][] = [
  ['2002-06-03', 'Golden Jubilee'],
  ['2002-06-04', 'spring bank holiday moved'],
  ['2010-12-27', 'Christmas Day substitute'],
  ['2010-12-28', 'Boxing Day substitute'],
  ['2011-01-03', 'New Year substitute'],
  ['2011-04-29', 'royal wedding'],
  ['2011-12-27', 'Christmas Day substitute'],
  ['2012-06-04', 'spring bank holiday moved'],
  ['2012-06-05', 'Diamond Jubilee'],
  ['2015-12-28', 'Boxing Day substitute'],
  ['2016-12-27', 'Christmas Day substitute'],
  ['2017-01-02', 'New Year substitute'],
  ['2020-05-08', 'VE day'],
  ['2020-12-28', 'Boxing Day substitute'],
  ['2021-12-27', 'Christmas Day substitute'],
  ['2021-12-28', 'Boxing Day substitute'],
  ['2022-01-03', 'New Year substitute'],
  ['2022-06-02', 'spring bank holiday moved'],
  ['2022-06-03', 'Platinum Jubilee'],
  ['2022-09-19', 'state funeral'],
  ['2022-12-27', 'Christmas Day substitute'],
  ['2023-01-02', 'New Year substitute'],
  ['2023-05-08', 'coronation'],
  ['2026-12-28', 'Boxing Day substitute'],
  ['2027-12-27', 'Christmas Day substitute'],
  ['2027-12-28', 'Boxing Day substitute'],
]

// Days the regular pattern would give that were moved away.
const NOT_HOLIDAYS = ['2002-05-27', '2012-05-28', '2020-05-04', '2022-05-30']

const dates = new Set(ENGLAND_AND_WALES_BANK_HOLIDAYS.map(h => h.date))

/** The regular pattern, written independently of the table, to find every day that differs from it. */
function regularPattern(year: number): string[] {
  const iso = (d: Date) => d.toISOString().slice(0, 10)
  const utc = (m: number, d: number) => new Date(Date.UTC(year, m - 1, d))
  const shift = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000)
  const mondayOnOrAfter = (d: Date) => shift(d, (8 - d.getUTCDay()) % 7)
  const lastMonday = (m: number) => {
    const last = utc(m + 1, 0)
    return shift(last, -((last.getUTCDay() + 6) % 7))
  }
  const weekdayOnOrAfter = (d: Date) => (d.getUTCDay() % 6 === 0 ? mondayOnOrAfter(d) : d)
  const easter = new Date(`${easterSunday(year)}T00:00:00Z`)
  const days = [
    weekdayOnOrAfter(utc(1, 1)),
    shift(easter, -2),
    shift(easter, 1),
    mondayOnOrAfter(utc(5, 1)),
    lastMonday(5),
    lastMonday(8),
  ]
  // Christmas and Boxing Day: a weekend day moves to the next weekday not already taken.
  const christmas = utc(12, 25)
  const christmasDays: Date[] = []
  for (const day of [christmas, shift(christmas, 1)]) {
    let candidate = day
    while (
      candidate.getUTCDay() === 0 ||
      candidate.getUTCDay() === 6 ||
      christmasDays.some(d => d.getTime() === candidate.getTime())
    ) {
      candidate = shift(candidate, 1)
    }
    christmasDays.push(candidate)
  }
  return [...days, ...christmasDays].map(iso).sort()
}

describe('England and Wales bank holidays', () => {
  it('computes Easter Sunday correctly for known years', () => {
    for (const [year, expected] of KNOWN_EASTERS) assert.equal(easterSunday(year), expected, String(year))
  })

  it('has Good Friday and Easter Monday matching the Easter algorithm in every covered year', () => {
    for (let year = FIRST_COVERED_YEAR; year <= LAST_COVERED_YEAR; year += 1) {
      const titles = new Map(bankHolidaysInYear(year).map(h => [h.title, h.date]))
      const easter = new Date(`${easterSunday(year)}T00:00:00Z`).getTime()
      const offset = (days: number) => new Date(easter + days * 86_400_000).toISOString().slice(0, 10)
      assert.equal(titles.get('Good Friday'), offset(-2), `Good Friday ${year}`)
      assert.equal(titles.get('Easter Monday'), offset(1), `Easter Monday ${year}`)
    }
  })

  it('lists the one-off, moved and substitute days of the official list', () => {
    for (const [date, why] of OFFICIAL_DAYS) assert.ok(dates.has(date), `${date} (${why})`)
    for (const date of NOT_HOLIDAYS) assert.ok(!dates.has(date), `${date} should not be a holiday`)
  })

  it('differs from the regular pattern only in the documented years', () => {
    const exceptions: Record<number, { added: string[]; removed: string[] }> = {
      2002: { added: ['2002-06-03', '2002-06-04'], removed: ['2002-05-27'] },
      2011: { added: ['2011-04-29'], removed: [] },
      2012: { added: ['2012-06-04', '2012-06-05'], removed: ['2012-05-28'] },
      2020: { added: ['2020-05-08'], removed: ['2020-05-04'] },
      2022: { added: ['2022-06-02', '2022-06-03', '2022-09-19'], removed: ['2022-05-30'] },
      2023: { added: ['2023-05-08'], removed: [] },
    }
    for (let year = FIRST_COVERED_YEAR; year <= LAST_COVERED_YEAR; year += 1) {
      const expected = new Set(regularPattern(year))
      const actual = new Set(bankHolidaysInYear(year).map(h => h.date))
      const added = [...actual].filter(d => !expected.has(d)).sort()
      const removed = [...expected].filter(d => !actual.has(d)).sort()
      assert.deepEqual({ added, removed }, exceptions[year] ?? { added: [], removed: [] }, String(year))
    }
  })

  it('never puts a bank holiday on a weekend, and never lists a date twice', () => {
    for (const holiday of ENGLAND_AND_WALES_BANK_HOLIDAYS) assert.ok(!isWeekend(holiday.date), holiday.date)
    assert.equal(dates.size, ENGLAND_AND_WALES_BANK_HOLIDAYS.length)
  })

  it('marks substitute days as such', () => {
    const kinds = new Map(ENGLAND_AND_WALES_BANK_HOLIDAYS.map(h => [h.date, h.kind]))
    assert.equal(kinds.get('2022-12-27'), 'substitute')
    assert.equal(kinds.get('2022-09-19'), 'one-off')
    assert.equal(kinds.get('2020-05-08'), 'moved')
    assert.equal(kinds.get('2022-12-26'), 'regular')
  })
})
