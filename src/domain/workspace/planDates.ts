import { isIsoDate, lastDayOfMonth, type IsoDate } from './dates.js'

export type DateReading =
  { kind: 'date'; date: IsoDate; note?: string } | { kind: 'blank' } | { kind: 'unreadable'; text: string }

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
// Excel's day 0 is 1899-12-30 (it keeps Lotus's phantom 29 February 1900).
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30)

function fullYear(year: number): number {
  if (year >= 100) return year
  return year < 70 ? 2000 + year : 1900 + year
}

function fromParts(year: number, month: number, day: number): IsoDate | undefined {
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
  return isIsoDate(date) ? date : undefined
}

/**
 * Reads a plan's date cell the way English councils write them: 01/06/09, 31.05.14, 2014-05-31, a spreadsheet
 * date, or a month alone ("Jan-11", "January 2011", read as that month's last day and said so). Anything else
 * ("2nd week of each month", "lan 10") is unreadable and kept as text by the caller: never guessed.
 */
export function readPlanDate(value: unknown): DateReading {
  if (value === null || value === undefined) return { kind: 'blank' }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { kind: 'unreadable', text: 'an invalid date' }
    return { kind: 'date', date: value.toISOString().slice(0, 10) }
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 1 || value > 2_958_465) return { kind: 'unreadable', text: String(value) }
    return { kind: 'date', date: new Date(EXCEL_EPOCH_MS + Math.floor(value) * 86_400_000).toISOString().slice(0, 10) }
  }
  const text = String(value).trim()
  if (text === '') return { kind: 'blank' }
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text)
  if (iso) return orUnreadable(fromParts(Number(iso[1]), Number(iso[2]), Number(iso[3])), text)
  const dmy = /^(\d{1,2})[/.\-\s](\d{1,2})[/.\-\s](\d{2}|\d{4})$/.exec(text)
  if (dmy) return orUnreadable(fromParts(fullYear(Number(dmy[3])), Number(dmy[2]), Number(dmy[1])), text)
  const monthYear = /^([a-z]{3,9})[\s\-/.,']*(\d{2}|\d{4})$/i.exec(text)
  if (monthYear) {
    const month = MONTHS.indexOf(monthYear[1]!.slice(0, 3).toLowerCase()) + 1
    if (month > 0 && monthYear[1]!.length <= 9) {
      const date = lastDayOfMonth(fullYear(Number(monthYear[2])), month)
      return { kind: 'date', date, note: `"${text}" read as the end of that month, ${date}` }
    }
  }
  return { kind: 'unreadable', text }
}

function orUnreadable(date: IsoDate | undefined, text: string): DateReading {
  return date ? { kind: 'date', date } : { kind: 'unreadable', text }
}
