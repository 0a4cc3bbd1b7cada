import {
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  FIRST_COVERED_YEAR,
  LAST_COVERED_YEAR,
  type BankHoliday,
} from './bankHolidays.js'
import { assertIsoDate, fromDayNumber, isWeekend, toDayNumber, yearOf, type IsoDate } from './isoDate.js'

/**
 * A set of non-working days (besides Saturdays and Sundays) and the years it is complete for.
 * Asking about a date outside those years throws: silently treating an unlisted Christmas as a
 * working day would move a statutory deadline.
 */
export interface WorkingDayCalendar {
  id: string
  firstYear: number
  lastYear: number
  holidays: ReadonlyMap<IsoDate, BankHoliday>
}

export class DateOutsideCalendarError extends RangeError {
  constructor(date: IsoDate, calendar: WorkingDayCalendar) {
    super(
      `${date} is outside the '${calendar.id}' calendar, which lists holidays for ${calendar.firstYear}–${calendar.lastYear}`,
    )
    this.name = 'DateOutsideCalendarError'
  }
}

export function createCalendar(
  id: string,
  holidays: readonly BankHoliday[],
  firstYear: number,
  lastYear: number,
): WorkingDayCalendar {
  return { id, firstYear, lastYear, holidays: new Map(holidays.map(holiday => [holiday.date, holiday])) }
}

export const ENGLAND_AND_WALES: WorkingDayCalendar = createCalendar(
  'england-and-wales',
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  FIRST_COVERED_YEAR,
  LAST_COVERED_YEAR,
)

function checkCovered(date: IsoDate, calendar: WorkingDayCalendar): void {
  const year = yearOf(assertIsoDate(date))
  if (year < calendar.firstYear || year > calendar.lastYear) throw new DateOutsideCalendarError(date, calendar)
}

export function bankHolidayOn(
  date: IsoDate,
  calendar: WorkingDayCalendar = ENGLAND_AND_WALES,
): BankHoliday | undefined {
  checkCovered(date, calendar)
  return calendar.holidays.get(date)
}

/** Monday to Friday and not a bank holiday. */
export function isWorkingDay(date: IsoDate, calendar: WorkingDayCalendar = ENGLAND_AND_WALES): boolean {
  checkCovered(date, calendar)
  return !isWeekend(date) && !calendar.holidays.has(date)
}

/**
 * The working day `n` working days after `date` (or before it when `n` is negative). `date` itself is
 * never counted, whether or not it is a working day: 5 working days after Friday 2 May 2025 skips
 * the weekend and the 5 May bank holiday and lands on Monday 12 May. With n = 0 the date is
 * returned unchanged. The result is always a working day when n ≠ 0.
 */
export function addWorkingDays(date: IsoDate, n: number, calendar: WorkingDayCalendar = ENGLAND_AND_WALES): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number, got ${n}`)
  checkCovered(date, calendar)
  const step = n < 0 ? -1 : 1
  let remaining = Math.abs(n)
  let day = toDayNumber(date)
  while (remaining > 0) {
    day += step
    if (isWorkingDay(fromDayNumber(day), calendar)) remaining -= 1
  }
  return fromDayNumber(day)
}

/**
 * The number of working days stepped onto when moving from `from` to `to`: the start is excluded and
 * the end included, in the direction of travel. Forwards that is from < d ≤ to; backwards (to before
 * from) it is to ≤ d < from, counted negative. So countWorkingDays(d, addWorkingDays(d, n)) === n for
 * every whole n, in both directions. (Because the excluded end swaps, count(a, b) is not always
 * −count(b, a) when a or b is itself a non-working day.)
 */
export function countWorkingDays(from: IsoDate, to: IsoDate, calendar: WorkingDayCalendar = ENGLAND_AND_WALES): number {
  checkCovered(from, calendar)
  checkCovered(to, calendar)
  const start = toDayNumber(from)
  const end = toDayNumber(to)
  const [first, last, sign] = end >= start ? [start + 1, end, 1] : [end, start - 1, -1]
  const count = weekdaysBetween(first, last) - holidaysOnWeekdays(calendar, first, last)
  return count === 0 ? 0 : sign * count
}

/** Monday–Friday days in [first, last] (day numbers): whole weeks by arithmetic, the rest one by one. */
function weekdaysBetween(first: number, last: number): number {
  if (last < first) return 0
  const days = last - first + 1
  let count = Math.floor(days / 7) * 5
  for (let day = first + Math.floor(days / 7) * 7; day <= last; day += 1) {
    if (!isWeekend(fromDayNumber(day))) count += 1
  }
  return count
}

function holidaysOnWeekdays(calendar: WorkingDayCalendar, first: number, last: number): number {
  let count = 0
  for (const date of calendar.holidays.keys()) {
    const day = toDayNumber(date)
    if (day >= first && day <= last && !isWeekend(date)) count += 1
  }
  return count
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: IsoDate, calendar: WorkingDayCalendar = ENGLAND_AND_WALES): IsoDate {
  return addWorkingDays(date, 1, calendar)
}

/** `date` itself when it is a working day, otherwise the next one (for "starts on the next working day"). */
export function workingDayOnOrAfter(date: IsoDate, calendar: WorkingDayCalendar = ENGLAND_AND_WALES): IsoDate {
  return isWorkingDay(date, calendar) ? date : addWorkingDays(date, 1, calendar)
}

/**
 * The last day of a span of `length` working days that starts on `start` (counted as day 1 when it is
 * a working day): "up to 10 working days on site" from Monday 3 June ends on Friday 14 June.
 */
export function endOfWorkingDaySpan(
  start: IsoDate,
  length: number,
  calendar: WorkingDayCalendar = ENGLAND_AND_WALES,
): IsoDate {
  if (!Number.isInteger(length) || length < 1)
    throw new RangeError(`A span needs at least one working day, got ${length}`)
  return addWorkingDays(workingDayOnOrAfter(start, calendar), length - 1, calendar)
}
