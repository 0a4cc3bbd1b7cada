import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  addMonths,
  ageAt,
  excelSerialToIsoDate,
  formatUkDate,
  isoDateToExcelSerial,
  parseDate,
} from '../../../src/domain/annex-a/index.js'

const isoDates = fc
  .date({ min: new Date(Date.UTC(1901, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true })
  .map(date => date.toISOString().slice(0, 10))

describe('parseDate', () => {
  const cases: [string, unknown, string | null][] = [
    ['DD/MM/YYYY', '05/03/2024', '2024-03-05'],
    ['D/M/YYYY', '5/3/2024', '2024-03-05'],
    ['D/M/YY', '5/3/24', '2024-03-05'],
    ['dashes', '05-03-2024', '2024-03-05'],
    ['dots', '05.03.2024', '2024-03-05'],
    ['ISO', '2024-03-05', '2024-03-05'],
    ['ISO with time', '2024-03-05T00:00:00Z', '2024-03-05'],
    ['UK with time', '05/03/2024 00:00:00', '2024-03-05'],
    ['named month', '5 Mar 2024', '2024-03-05'],
    ['Excel serial number', 45356, '2024-03-05'],
    ['Excel serial as text', '45356', '2024-03-05'],
    ['Excel serial with time', 45356.75, '2024-03-05'],
    ['Date object', new Date(Date.UTC(2024, 2, 5)), '2024-03-05'],
    ['trailing spaces', ' 05/03/2024  ', '2024-03-05'],
    ['29 Feb in a leap year', '29/02/2024', '2024-02-29'],
    ['29 Feb otherwise', '29/02/2023', null],
    ['31 February', '31/02/2024', null],
    ['month first only', '03/25/2024', null],
    ['words', 'last Tuesday', null],
    ['blank', '', null],
  ]
  for (const [name, input, expected] of cases) {
    it(`reads ${name}`, () => {
      const parsed = parseDate(input as string)
      assert.equal(parsed.ok ? parsed.date : null, expected)
    })
  }

  it('says when a date only reads month first', () => {
    const parsed = parseDate('03/25/2024')
    assert.equal(parsed.ok, false)
    assert.equal(!parsed.ok && parsed.monthFirst, true)
  })

  it('flags two-digit years and puts old ones in the last century', () => {
    const recent = parseDate('01/01/05', 2024)
    const old = parseDate('01/01/99', 2024)
    assert.deepEqual(recent, { ok: true, date: '2005-01-01', twoDigitYear: true })
    assert.deepEqual(old, { ok: true, date: '1999-01-01', twoDigitYear: true })
  })

  it('round-trips any date through DD/MM/YYYY', () => {
    fc.assert(
      fc.property(isoDates, date =>
        assert.deepEqual(parseDate(formatUkDate(date)), { ok: true, date, twoDigitYear: false }),
      ),
    )
  })

  it('round-trips any date through an Excel serial', () => {
    fc.assert(fc.property(isoDates, date => assert.equal(excelSerialToIsoDate(isoDateToExcelSerial(date)), date)))
  })

  it('accepts exactly the day, month and year triples the calendar has (checked against Date)', () => {
    const calendarHas = (year: number, month: number, day: number) => {
      const date = new Date(Date.UTC(2000, month - 1, day))
      date.setUTCFullYear(year, month - 1, day)
      return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
    }
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        (year, month, day) => {
          const parsed = parseDate(`${day}/${month}/${year}`)
          const valid = month >= 1 && month <= 12 && day >= 1 && calendarHas(year, month, day)
          assert.equal(parsed.ok, valid)
          if (parsed.ok)
            assert.equal(parsed.date, `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`)
        },
      ),
      { numRuns: 2000 },
    )
  })

  it('reads DD/MM/YYYY (its own fast path) exactly as DD.MM.YYYY (the general reader), valid or not', () => {
    const two = fc.integer({ min: 0, max: 39 }).map(value => String(value).padStart(2, '0'))
    fc.assert(
      fc.property(two, two, fc.integer({ min: 0, max: 9999 }), (day, month, year) => {
        const yyyy = String(year).padStart(4, '0')
        assert.deepEqual(parseDate(`${day}/${month}/${yyyy}`), parseDate(`${day}.${month}.${yyyy}`))
      }),
      { numRuns: 3000 },
    )
  })

  it('reads ISO text as itself', () => {
    fc.assert(fc.property(isoDates, date => assert.deepEqual(parseDate(date), { ok: true, date, twoDigitYear: false })))
  })
})

describe('date arithmetic', () => {
  it('measures age at last birthday, -1 before birth', () => {
    assert.equal(ageAt('2010-06-15', '2024-06-14'), 13)
    assert.equal(ageAt('2010-06-15', '2024-06-15'), 14)
    assert.equal(ageAt('2024-08-01', '2024-06-15'), -1)
    assert.equal(ageAt('2008-02-29', '2024-02-28'), 15)
  })

  it('never gives a negative age after birth, and grows by one a year', () => {
    fc.assert(
      fc.property(isoDates, isoDates, (a, b) => {
        const [birth, on] = a <= b ? [a, b] : [b, a]
        const age = ageAt(birth, on)
        assert.ok(age >= 0)
        assert.equal(ageAt(birth, addMonths(on, 12)), age + 1)
      }),
    )
  })

  it('adds months like the calendar, clamped to the last day', () => {
    fc.assert(
      fc.property(isoDates, fc.integer({ min: -240, max: 240 }), (date, months) => {
        const [year, month, day] = date.split('-').map(Number) as [number, number, number]
        const firstOfTarget = new Date(Date.UTC(year, month - 1 + months, 1))
        const lastDay = new Date(Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth() + 1, 0))
        const expected = new Date(
          Date.UTC(firstOfTarget.getUTCFullYear(), firstOfTarget.getUTCMonth(), Math.min(day, lastDay.getUTCDate())),
        )
        assert.equal(addMonths(date, months), expected.toISOString().slice(0, 10))
      }),
    )
  })

  it('clamps month arithmetic to the end of the month', () => {
    assert.equal(addMonths('2024-08-31', -6), '2024-02-29')
    assert.equal(addMonths('2024-03-31', -12), '2023-03-31')
    assert.equal(addMonths('2024-01-15', 1), '2024-02-15')
  })
})
