import { cellText } from './normaliseText.js'
import type { CellValue, IsoDate } from '../types.js'

/** Date arithmetic on `YYYY-MM-DD` strings through UTC day numbers, so time zones never shift a date. */

const MS_PER_DAY = 86_400_000

export function dayNumber(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY
}

export function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
}

export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from)
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0)
}

const TWO_DIGITS = Array.from({ length: 32 }, (_, index) => String(index).padStart(2, '0'))

/**
 * Plain arithmetic rather than a Date object: this runs for every date cell of a million-row import, and a Date
 * plus toISOString cost a sixth of the whole validation there.
 */
function isoFromParts(year: number, month: number, day: number): IsoDate | null {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return null
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return null
  if (day > daysInMonth(year, month)) return null
  return `${String(year).padStart(4, '0')}-${TWO_DIGITS[month]}-${TWO_DIGITS[day]}`
}

/** Adds calendar months, clamping to the month's last day (31 Aug − 6 months = 28/29 Feb). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  const year = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7)) - 1 + months
  const targetYear = year + Math.floor(month / 12)
  const targetMonth = (((month % 12) + 12) % 12) + 1
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(targetYear, targetMonth))
  return isoFromParts(targetYear, targetMonth, day) ?? date
}

/** Age in whole years at `on` (age at last birthday); -1 when `on` is before the birth (unborn). */
export function ageAt(dateOfBirth: IsoDate, on: IsoDate): number {
  if (on < dateOfBirth) return -1
  const years = Number(on.slice(0, 4)) - Number(dateOfBirth.slice(0, 4))
  return on.slice(5) >= dateOfBirth.slice(5) ? years : years - 1
}

/**
 * Excel stores dates as days since 30 Dec 1899 (its 1900 leap-year bug makes that the working epoch for every
 * date after Feb 1900). Serials up to 2,958,465 are 31 Dec 9999.
 */
const EXCEL_EPOCH_DAY = Date.UTC(1899, 11, 30) / MS_PER_DAY

export function excelSerialToIsoDate(serial: number): IsoDate | null {
  if (!Number.isFinite(serial) || serial < 61 || serial > 2_958_465) return null
  return fromDayNumber(EXCEL_EPOCH_DAY + Math.floor(serial))
}

export function isoDateToExcelSerial(date: IsoDate): number {
  return dayNumber(date) - EXCEL_EPOCH_DAY
}

export function formatUkDate(date: IsoDate): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`
}

export type DateParse =
  | { readonly ok: true; readonly date: IsoDate; readonly twoDigitYear: boolean }
  | { readonly ok: false; readonly monthFirst: boolean }

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/
const DAY_MONTH_YEAR = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?: \d{1,2}:\d{2}(?::\d{2})?)?$/
const DAY_NAMED_MONTH_YEAR = /^(\d{1,2})[ -]([a-z]{3,9})[ ,-]+(\d{2}|\d{4})$/i
const SERIAL_TEXT = /^\d{5}(?:\.\d+)?$/

/** Two-digit years: up to 10 years ahead of the pivot year is this century, the rest the last (DOBs of 1990s leavers). */
function expandYear(twoDigits: number, pivotYear: number): number {
  const century = Math.floor(pivotYear / 100) * 100
  const year = century + twoDigits
  return year > pivotYear + 10 ? year - 100 : year
}

/**
 * Reads a date the way councils' files hold them: Excel date cells (serial numbers or Date objects), text
 * `DD/MM/YYYY`, `D/M/YY`, `DD-MM-YYYY`, `DD.MM.YYYY`, ISO `YYYY-MM-DD` (with or without a time), and `5 Jan 2024`.
 * Day-first is the UK order the guidance asks for; a text date only readable month-first is refused, not guessed.
 */
export function parseDate(value: CellValue, pivotYear = 2025): DateParse {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, monthFirst: false }
    return { ok: true, date: value.toISOString().slice(0, 10), twoDigitYear: false }
  }
  if (typeof value === 'number') {
    const date = excelSerialToIsoDate(value)
    return date === null ? { ok: false, monthFirst: false } : { ok: true, date, twoDigitYear: false }
  }
  const text = cellText(value)
  const fast = plainUkDate(text)
  if (fast !== undefined) return fast === null ? { ok: false, monthFirst: false } : fast
  if (SERIAL_TEXT.test(text)) {
    const date = excelSerialToIsoDate(Number(text))
    if (date !== null) return { ok: true, date, twoDigitYear: false }
  }
  const iso = ISO.exec(text)
  if (iso !== null) {
    const date = isoFromParts(Number(iso[1]), Number(iso[2]), Number(iso[3]))
    return date === null ? { ok: false, monthFirst: false } : { ok: true, date, twoDigitYear: false }
  }
  const dmy = DAY_MONTH_YEAR.exec(text)
  if (dmy !== null) {
    const [first, second, yearText] = [Number(dmy[1]), Number(dmy[2]), dmy[3] ?? '']
    const twoDigitYear = yearText.length === 2
    const year = twoDigitYear ? expandYear(Number(yearText), pivotYear) : Number(yearText)
    const date = isoFromParts(year, second, first)
    if (date !== null) return { ok: true, date, twoDigitYear }
    return { ok: false, monthFirst: isoFromParts(year, first, second) !== null }
  }
  const named = DAY_NAMED_MONTH_YEAR.exec(text)
  if (named !== null) {
    const month = MONTHS.indexOf((named[2] ?? '').slice(0, 3).toLowerCase()) + 1
    const yearText = named[3] ?? ''
    const twoDigitYear = yearText.length === 2
    const year = twoDigitYear ? expandYear(Number(yearText), pivotYear) : Number(yearText)
    const date = month === 0 ? null : isoFromParts(year, month, Number(named[1]))
    if (date !== null) return { ok: true, date, twoDigitYear }
  }
  return { ok: false, monthFirst: false }
}

const SLASH = 47
const ZERO = 48

function digitsAt(text: string, from: number, count: number): number {
  let value = 0
  for (let at = from; at < from + count; at += 1) {
    const digit = text.charCodeAt(at) - ZERO
    if (digit < 0 || digit > 9) return -1
    value = value * 10 + digit
  }
  return value
}

/**
 * `DD/MM/YYYY`, the form the guidance asks for and most cells hold, read without regular expressions (three of them
 * ran for every such cell). Returns undefined for any other shape, so the general reader takes over; null for
 * that shape with an impossible date that reads month first neither.
 */
function plainUkDate(text: string): DateParse | null | undefined {
  if (text.length !== 10 || text.charCodeAt(2) !== SLASH || text.charCodeAt(5) !== SLASH) return undefined
  const day = digitsAt(text, 0, 2)
  const month = digitsAt(text, 3, 2)
  const year = digitsAt(text, 6, 4)
  if (day < 0 || month < 0 || year < 0) return undefined
  const date = isoFromParts(year, month, day)
  if (date !== null) return { ok: true, date, twoDigitYear: false }
  return isoFromParts(year, day, month) !== null ? { ok: false, monthFirst: true } : null
}
