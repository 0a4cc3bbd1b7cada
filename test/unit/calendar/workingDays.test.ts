import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import {
  addMonths,
  addWorkingDays,
  assertIsoDate,
  countWorkingDays,
  dayOfWeek,
  DateOutsideCalendarError,
  endOfWorkingDaySpan,
  InvalidDateError,
  isIsoDate,
  isWorkingDay,
  nextWorkingDay,
} from '../../../src/domain/calendar/index.js'

// Dates 2002-01-01 … 2033-12-31, so ±400 working days stays inside the covered years.
const FIRST = Date.UTC(2002, 0, 1)
const LAST = Date.UTC(2033, 11, 31)
const date = fc
  .integer({ min: FIRST / 86_400_000, max: LAST / 86_400_000 })
  .map(day => new Date(day * 86_400_000).toISOString().slice(0, 10))
const steps = fc.integer({ min: -400, max: 400 })

describe('addWorkingDays', () => {
  const cases: [from: string, n: number, expected: string, why: string][] = [
    ['2025-05-02', 5, '2025-05-12', 'skips the weekend and the early May bank holiday'],
    ['2022-05-27', 5, '2022-06-07', 'skips the Platinum Jubilee Thursday and Friday'],
    ['2022-09-16', 1, '2022-09-20', 'skips the state funeral'],
    ['2023-05-05', 1, '2023-05-09', 'skips the coronation'],
    ['2010-12-24', 1, '2010-12-29', 'skips both Christmas substitute days'],
    ['2011-04-21', 1, '2011-04-26', 'skips Good Friday and Easter Monday'],
    ['2011-04-21', 4, '2011-05-03', 'skips the royal wedding and early May'],
    ['2012-06-01', 1, '2012-06-06', 'skips the moved spring bank holiday and the Diamond Jubilee'],
    ['2023-01-03', -1, '2022-12-30', 'backwards over the New Year substitute and Christmas'],
    ['2024-06-01', 0, '2024-06-01', 'zero leaves even a Saturday unchanged'],
    ['2024-06-01', 1, '2024-06-03', 'from a Saturday the first working day is Monday'],
  ]
  for (const [from, n, expected, why] of cases) {
    it(`${from} + ${n} = ${expected}: ${why}`, () => assert.equal(addWorkingDays(from, n), expected))
  }

  it('rejects fractional working days and dates outside the calendar', () => {
    assert.throws(() => addWorkingDays('2024-01-01', 1.5), RangeError)
    assert.throws(() => addWorkingDays('1999-12-30', 1), DateOutsideCalendarError)
    assert.throws(() => addWorkingDays('2035-12-28', 5), DateOutsideCalendarError)
  })

  it('always lands on a working day when n is not zero', () => {
    fc.assert(
      fc.property(
        date,
        steps.filter(n => n !== 0),
        (from, n) => isWorkingDay(addWorkingDays(from, n)),
      ),
    )
  })

  it('is monotonic in n', () => {
    fc.assert(
      fc.property(date, steps, steps, (from, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a]
        return addWorkingDays(from, low) <= addWorkingDays(from, high)
      }),
    )
  })

  it('is undone by countWorkingDays: count(d, add(d, n)) = n', () => {
    fc.assert(fc.property(date, steps, (from, n) => countWorkingDays(from, addWorkingDays(from, n)) === n))
  })

  it('composes: add(add(d, a), b) = add(d, a + b) for same-sign steps from a working day', () => {
    fc.assert(
      fc.property(date, fc.nat(200), fc.nat(200), (from, a, b) => {
        const start = isWorkingDay(from) ? from : nextWorkingDay(from)
        return addWorkingDays(addWorkingDays(start, a), b) === addWorkingDays(start, a + b)
      }),
    )
  })
})

describe('countWorkingDays', () => {
  const cases: [from: string, to: string, expected: number][] = [
    ['2022-05-27', '2022-06-07', 5],
    ['2022-12-23', '2023-01-03', 4],
    ['2024-01-01', '2024-01-01', 0],
    ['2024-01-02', '2024-01-01', 0],
    ['2024-01-03', '2024-01-01', -1],
    ['2002-01-01', '2001-12-31', -1],
    // 260 weekdays in 2023, less its 9 weekday bank holidays; 2022 had 260 weekdays and 10.
    ['2022-12-31', '2023-12-31', 251],
    ['2021-12-31', '2022-12-31', 250],
  ]
  for (const [from, to, expected] of cases) {
    it(`counts ${expected} working days from ${from} to ${to}`, () =>
      assert.equal(countWorkingDays(from, to), expected))
  }

  it('adds up over consecutive intervals in one direction', () => {
    fc.assert(
      fc.property(date, date, date, (x, y, z) => {
        const [a, b, c] = [x, y, z].sort() as [string, string, string]
        return (
          countWorkingDays(a, b) + countWorkingDays(b, c) === countWorkingDays(a, c) &&
          countWorkingDays(c, b) + countWorkingDays(b, a) === countWorkingDays(c, a)
        )
      }),
    )
  })

  it('is antisymmetric between working days', () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        fc.pre(isWorkingDay(a) && isWorkingDay(b))
        return countWorkingDays(a, b) === -countWorkingDays(b, a)
      }),
    )
  })

  it('gives add(d, count(d, e)) = e whenever e is a working day after d', () => {
    fc.assert(
      fc.property(date, date, (a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a]
        fc.pre(isWorkingDay(to) && from !== to)
        return addWorkingDays(from, countWorkingDays(from, to)) === to
      }),
    )
  })
})

describe('spans and dates', () => {
  it('ends a span of working days counting the first day', () => {
    assert.equal(endOfWorkingDaySpan('2024-06-03', 10), '2024-06-14')
    assert.equal(endOfWorkingDaySpan('2024-05-27', 10), '2024-06-10', 'starts after the spring bank holiday')
    assert.equal(endOfWorkingDaySpan('2024-06-03', 1), '2024-06-03')
  })

  it('rejects impossible dates', () => {
    assert.equal(isIsoDate('2023-02-29'), false)
    assert.equal(isIsoDate('2024-02-29'), true)
    assert.equal(isIsoDate('2024-2-9'), false)
    assert.throws(() => assertIsoDate('2024-04-31'), InvalidDateError)
  })

  it('adds months clamping to the end of shorter months', () => {
    assert.equal(addMonths('2023-08-31', 6), '2024-02-29')
    assert.equal(addMonths('2024-02-29', 12), '2025-02-28')
    assert.equal(addMonths('2024-03-15', -3), '2023-12-15')
  })

  it('computes the day of the week as Date does', () => {
    fc.assert(fc.property(date, d => dayOfWeek(d) === new Date(`${d}T12:00:00Z`).getUTCDay()))
  })
})
