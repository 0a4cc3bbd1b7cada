import type { CellValue } from '../types.js'

/** Turns a cell into trimmed text: non-breaking spaces, tabs and runs of spaces become one space; curly quotes straight. */
/** Plain printable ASCII words separated by single spaces: already clean, the common case in large files. */
const ALREADY_CLEAN = /^[\x21-\x5f\x61-\x7e]+(?: [\x21-\x5f\x61-\x7e]+)*$/

export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return String(value)
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)
  const text = String(value)
  if (isAlreadyClean(text) || ALREADY_CLEAN.test(text)) return text
  return text
    .replace(/[\u2018\u2019\u201B\u2032`]/g, "'")
    .replace(/[\u201C\u201D\u2033]/g, '"')
    .replace(/[\u00A0\u2007\u202F\t\r\n]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim()
}

/** True when a cell holds nothing useful (blank, spaces only). */
export function isBlank(value: CellValue): boolean {
  return cellText(value) === ''
}

/**
 * A comparison key for headers and codes: lower case, letters and digits only. Real files differ from the template
 * in case, spacing, curly quotes, a missing `?` or a doubled `)`; none of that changes what the header means.
 */
export function looseKey(value: CellValue): string {
  return cellText(value)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '')
}

/** A lighter key for codes: case and spacing ignored, punctuation kept, so `b) female` equals `B) Female `. */
export function codeKey(value: CellValue): string {
  return cellText(value).toLowerCase()
}

/** Spreadsheet error values a formula may have cached; never a real answer. */
const EXCEL_ERRORS = new Set(['#n/a', '#ref!', '#value!', '#div/0!', '#name?', '#null!', '#num!', '#spill!', '#calc!'])

export function isExcelError(text: string): boolean {
  return text.startsWith('#') && EXCEL_ERRORS.has(text.toLowerCase())
}

/**
 * The common case of ALREADY_CLEAN without a regular expression (it ran for every cell of a million-row file):
 * printable ASCII other than the backtick, single spaces between words, none at either end. Says false when unsure;
 * the caller then asks the expression.
 */
function isAlreadyClean(text: string): boolean {
  const length = text.length
  if (length === 0 || text.charCodeAt(0) === 32 || text.charCodeAt(length - 1) === 32) return false
  let previousSpace = false
  for (let at = 0; at < length; at += 1) {
    const code = text.charCodeAt(at)
    if (code === 32) {
      if (previousSpace) return false
      previousSpace = true
    } else if (code < 0x21 || code > 0x7e || code === 0x60) return false
    else previousSpace = false
  }
  return true
}
