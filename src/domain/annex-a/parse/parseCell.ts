import type { IssueCode } from '../validate/issueCodes.js'
import type { CellValue, CleanValue, ColumnSpec, ListNumber, SchemaVersion } from '../types.js'
import { codeMatcherFor } from './codeMatcher.js'
import { formatUkDate, parseDate } from './dates.js'
import { cellText, isExcelError } from './normaliseText.js'
import type { ValueMappingTable } from './valueMappings.js'
import { isVersionAtLeast } from '../schema/versions.js'

export interface CellProblem {
  readonly code: IssueCode
  readonly message: string
}

export interface CellParse {
  readonly value: CleanValue
  /** Empty for a clean cell; a cell may be both cleaned (value set) and reported (a warning). */
  readonly problems: readonly CellProblem[]
}

export interface CellContext {
  readonly list: ListNumber
  /** The header as the user's file spells it. */
  readonly header: string
  readonly valueMappings: ValueMappingTable
  /** When the user chose a version, codes from later templates are flagged; in auto mode they are accepted. */
  readonly strictVersion: SchemaVersion | null
  /** Century pivot for two-digit years: the reference date's year. */
  readonly pivotYear: number
}

const NO_PROBLEMS: readonly CellProblem[] = []
const ok = (value: CleanValue): CellParse => ({ value, problems: NO_PROBLEMS })
const problem = (value: CleanValue, code: IssueCode, message: string): CellParse => ({
  value,
  problems: [{ code, message }],
})

/** UK postcode shape (outward code, space optional, inward code); BFPO and overseas are out of scope. */
const POSTCODE = /^([A-Z]{1,2}\d[A-Z\d]?) ?(\d[A-Z]{2})$/

function parseInteger(text: string, column: ColumnSpec, context: CellContext): CellParse {
  const number = Number(text)
  if (text === '' || !Number.isFinite(number)) {
    return problem(
      null,
      'integer-invalid',
      `"${text}" in ${context.header} is not a number. Enter a whole number such as 0, 1 or 2.`,
    )
  }
  const whole = Math.trunc(number)
  const problems: CellProblem[] = []
  if (whole !== number) {
    problems.push({
      code: 'integer-not-whole',
      message: `${context.header} holds ${text}; we read it as ${whole}. Enter whole ${column.type === 'age' ? 'years (age at last birthday)' : 'numbers'} in the file.`,
    })
  }
  if (column.type === 'age' && whole < -1) {
    problems.push({
      code: 'age-invalid',
      message: `Age ${whole} is not possible. Enter age at last birthday, or -1 for an unborn child.`,
    })
    return { value: null, problems }
  }
  if (column.type === 'integer' && column.min !== undefined && whole < column.min) {
    problems.push({
      code: 'integer-below-minimum',
      message: `${context.header} is ${whole}; it cannot be below ${column.min}. Enter ${column.min} if there were none.`,
    })
    return { value: null, problems }
  }
  return { value: whole === 0 ? 0 : whole, problems }
}

function parseCode(text: string, column: ColumnSpec, context: CellContext): CellParse {
  const codeListId = column.codeList ?? ''
  const matcher = codeMatcherFor(codeListId)
  const mappedByOrganisation = context.valueMappings.lookup(context.list, column.key, text)
  const match = matcher.match(mappedByOrganisation ?? text)
  const problems: CellProblem[] = []
  if (match.kind === 'ambiguous') {
    return problem(
      null,
      'code-ambiguous',
      `"${text}" in ${context.header} could mean ${match.candidates.join(' or ')}. Enter the exact code, or add a mapping for "${text}" to your organisation's value mappings.`,
    )
  }
  if (match.kind === 'unknown') {
    const via =
      mappedByOrganisation === undefined
        ? ''
        : ` (your organisation maps it to "${mappedByOrganisation}", which is not a code either)`
    const examples = matcher.list.entries
      .slice(0, 3)
      .map(entry => entry.code)
      .join('", "')
    return problem(
      null,
      'code-invalid',
      `"${text}" is not a code for ${context.header}${via}. Use one of the template's codes, such as "${examples}".`,
    )
  }
  if (match.kind === 'mapped' || mappedByOrganisation !== undefined) {
    const by = mappedByOrganisation === undefined ? '' : ' using your organisation’s value mappings'
    problems.push({
      code: 'code-mapped',
      message: `"${text}" in ${context.header} was read as "${match.entry.code}"${by}. Use the code itself in the file.`,
    })
  }
  const since = match.entry.since
  if (since !== undefined && context.strictVersion !== null && !isVersionAtLeast(context.strictVersion, since)) {
    problems.push({
      code: 'code-newer-version',
      message: `"${match.entry.code}" was added in the ${since} template, but the file is being checked as ${context.strictVersion}. Check the template version, or use a ${context.strictVersion} code.`,
    })
  }
  return { value: match.entry.code, problems }
}

/**
 * Parses one cell for its column. Never throws: an unreadable cell becomes null plus a problem, so one bad cell
 * never stops the rest of the row being checked.
 */
export function parseCell(raw: CellValue, column: ColumnSpec, context: CellContext): CellParse {
  const text = cellText(raw)
  if (text === '') {
    return column.required
      ? problem(
          null,
          'value-required',
          `${context.header} is blank. It is required on List ${context.list}; fill it in.`,
        )
      : ok(null)
  }
  if (isExcelError(text)) {
    return problem(
      null,
      'cell-formula-error',
      `${context.header} shows the spreadsheet error ${text}. Fix the formula or paste the value itself.`,
    )
  }
  switch (column.type) {
    case 'id':
      // Text as written: leading zeros are part of the ID. A reader may hand an ID over as a number; keep its digits.
      return ok(typeof raw === 'number' && Number.isInteger(raw) ? String(raw) : text)
    case 'text':
      return ok(text)
    case 'integer':
    case 'age':
      return parseInteger(text, column, context)
    case 'code':
      return parseCode(text, column, context)
    case 'postcode': {
      const match = POSTCODE.exec(text.toUpperCase())
      if (match === null) {
        return problem(
          null,
          'postcode-invalid',
          `"${text}" is not a UK postcode. Enter the placement's full postcode, such as "AB1 2CD".`,
        )
      }
      return ok(`${match[1]} ${match[2]}`)
    }
    case 'date': {
      const parsed = parseDate(raw, context.pivotYear)
      if (parsed.ok) {
        return parsed.twoDigitYear
          ? problem(
              parsed.date,
              'date-two-digit-year',
              `${context.header} "${text}" has a two-digit year; we read it as ${formatUkDate(parsed.date)}. Enter dates as DD/MM/YYYY.`,
            )
          : ok(parsed.date)
      }
      return parsed.monthFirst
        ? problem(
            null,
            'date-month-first',
            `${context.header} "${text}" reads only as month/day/year. Enter it day first, as DD/MM/YYYY.`,
          )
        : problem(
            null,
            'date-invalid',
            `${context.header} "${text}" is not a date we can read. Enter it as DD/MM/YYYY.`,
          )
    }
  }
}
