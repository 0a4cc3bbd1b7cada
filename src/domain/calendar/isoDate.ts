/**
 * Calendar dates as 'YYYY-MM-DD' strings. All arithmetic goes through a day number (days since
 * 1970-01-01, computed with Date.UTC) so no local timezone or daylight-saving change can shift a date.
 */
export type IsoDate = string

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const MS_PER_DAY = 86_400_000

export class InvalidDateError extends Error {
  constructor(value: string) {
    super(`Not a calendar date in YYYY-MM-DD form: '${value}'`)
    this.name = 'InvalidDateError'
  }
}

export function isIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value)
  if (!match) return false
  const [, y, m, d] = match.map(Number) as [number, number, number, number]
  const probe = new Date(Date.UTC(y, m - 1, d))
  // Date.UTC silently rolls 31 April into 1 May, so compare the parts back.
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d
}

export function assertIsoDate(value: string): IsoDate {
  if (!isIsoDate(value)) throw new InvalidDateError(value)
  return value
}

export function toDayNumber(date: IsoDate): number {
  const match = ISO_DATE.exec(date)
  if (!match || !isIsoDate(date)) throw new InvalidDateError(date)
  const [, y, m, d] = match.map(Number) as [number, number, number, number]
  return Date.UTC(y, m - 1, d) / MS_PER_DAY
}

export function fromDayNumber(dayNumber: number): IsoDate {
  return new Date(dayNumber * MS_PER_DAY).toISOString().slice(0, 10)
}

export function fromParts(year: number, month: number, day: number): IsoDate {
  return fromDayNumber(Date.UTC(year, month - 1, day) / MS_PER_DAY)
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4))
}

/** 0 = Sunday … 6 = Saturday, as Date#getUTCDay. */
export function dayOfWeek(date: IsoDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7
}

export function isWeekend(date: IsoDate): boolean {
  const day = dayOfWeek(date)
  return day === 0 || day === 6
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days)
}

/**
 * Adds whole calendar months. When the target month is shorter, the date is clamped to its last day
 * (31 August + 6 months = 28 or 29 February), which is how "six months after" is read in practice.
 */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const y = yearOf(date)
  const m = Number(date.slice(5, 7))
  const d = Number(date.slice(8, 10))
  const monthIndex = y * 12 + (m - 1) + months
  const targetYear = Math.floor(monthIndex / 12)
  const targetMonth = monthIndex - targetYear * 12 + 1
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate()
  return fromParts(targetYear, targetMonth, Math.min(d, lastDay))
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return toDayNumber(a) - toDayNumber(b)
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from)
}
