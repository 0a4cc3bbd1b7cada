import { addMonths, ageAt, formatUkDate } from '../parse/dates.js'
import type { CellContext } from '../parse/parseCell.js'
import { parseCell } from '../parse/parseCell.js'
import type { MappedColumn } from '../schema/mapColumns.js'
import type { CellValue, CleanRow, IsoDate, Issue, ListSpec } from '../types.js'
import type { IssueCode } from './issueCodes.js'
import { makeIssue } from './issueCodes.js'
import { DATE_ORDER_RULES, ELIGIBILITY_AGES, EXPECTED_AGE, FIELD_DEPENDENCY_RULES, isInWindow } from './rowRules.js'

export interface RowContext {
  readonly spec: ListSpec
  readonly columns: readonly MappedColumn[]
  readonly referenceDate: IsoDate
  /** First day of the list's window; null for lists that are "at inspection". */
  readonly windowStart: IsoDate | null
  readonly cell: CellContext
  /** One cell context per mapped column, built once per sheet rather than once per cell. */
  readonly cellContexts: readonly CellContext[]
}

export interface RowValidation {
  readonly row: CleanRow
  readonly issues: Issue[]
}

/** Dates before this are typing errors (a year of 1012 or 0024), never real events. */
const EARLIEST_PLAUSIBLE_DATE = '1900-01-01'

export function windowStartFor(spec: ListSpec, referenceDate: IsoDate): IsoDate | null {
  return spec.windowMonths === null ? null : addMonths(referenceDate, -spec.windowMonths)
}

/** Builds the per-sheet context once, so the per-row work is only parsing and rule checks. */
export function createRowContext(
  spec: ListSpec,
  columns: readonly MappedColumn[],
  referenceDate: IsoDate,
  cell: Omit<CellContext, 'header' | 'list'>,
): RowContext {
  const base: CellContext = { ...cell, list: spec.list, header: '' }
  return {
    spec,
    columns,
    referenceDate,
    windowStart: windowStartFor(spec, referenceDate),
    cell: base,
    cellContexts: columns.map(mapped => ({ ...base, header: mapped.header })),
  }
}

/**
 * Validates one data row: every cell (type, code list, date, required), then the row's own rules (date order,
 * dependent fields, age against date of birth, eligibility, window). Cross-row and cross-list checks happen in
 * the accumulator. `rowNumber` is the row number the user sees in the sheet.
 */
export function validateRow(cells: readonly CellValue[], rowNumber: number, context: RowContext): RowValidation {
  const { spec, columns, referenceDate } = context
  const row: CleanRow = {}
  const headers: Record<string, string> = {}
  const raw: Record<string, string> = {}
  const cellIssues: { code: IssueCode; key: string; message: string }[] = []

  for (const column of spec.columns) row[column.key] = null
  for (let position = 0; position < columns.length; position += 1) {
    const mapped = columns[position] as MappedColumn
    const value = cells[mapped.index]
    const parsed = parseCell(value, mapped.spec, context.cellContexts[position] ?? context.cell)
    row[mapped.spec.key] = parsed.value
    headers[mapped.spec.key] = mapped.header
    raw[mapped.spec.key] = value === null || value === undefined ? '' : String(value)
    for (const problem of parsed.problems)
      cellIssues.push({ code: problem.code, key: mapped.spec.key, message: problem.message })
  }

  const personValue = row[spec.personKey]
  const childId = typeof personValue === 'string' ? personValue : null
  const issues: Issue[] = []
  const header = (key: string) => headers[key] ?? spec.columns.find(column => column.key === key)?.header ?? key
  const add = (code: IssueCode, key: string | null, message: string, value?: string | null) =>
    issues.push(
      makeIssue(
        code,
        {
          list: spec.list,
          row: rowNumber,
          childId,
          column: key === null ? null : header(key),
          value: value !== undefined ? value : key === null ? null : (raw[key] ?? null),
        },
        message,
      ),
    )
  const prefix = `List ${spec.list} row ${rowNumber}`

  for (const problem of cellIssues) add(problem.code, problem.key, `${prefix}: ${problem.message}`)

  for (const mapped of columns) {
    if (mapped.spec.type !== 'date') continue
    const date = row[mapped.spec.key]
    if (typeof date !== 'string') continue
    if (date < EARLIEST_PLAUSIBLE_DATE) {
      add(
        'date-implausible',
        mapped.spec.key,
        `${prefix}: ${mapped.header} is ${formatUkDate(date)}, which cannot be right. Check the year.`,
      )
    } else if (mapped.spec.key === 'dateOfBirth') {
      // An unborn child may carry an expected date of birth, so only dates beyond any pregnancy are wrong.
      if (date > addMonths(referenceDate, 10)) {
        add(
          'date-implausible',
          'dateOfBirth',
          `${prefix}: Date of Birth ${formatUkDate(date)} is too far after the reference date ${formatUkDate(referenceDate)}, even for an expected date. Check the year.`,
        )
      }
    } else if (date > referenceDate) {
      add(
        'date-after-reference-date',
        mapped.spec.key,
        `${prefix}: ${mapped.header} ${formatUkDate(date)} is after the reference date ${formatUkDate(referenceDate)}. Correct the date, or check the reference date of this run.`,
      )
    }
  }

  for (const rule of DATE_ORDER_RULES) {
    if (rule.list !== spec.list) continue
    const earlier = row[rule.earlier]
    const later = row[rule.later]
    if (typeof earlier !== 'string' || typeof later !== 'string' || later >= earlier) continue
    add(
      rule.code,
      rule.later,
      `${prefix}: ${header(rule.later)} (${formatUkDate(later)}) is before ${header(rule.earlier)} (${formatUkDate(earlier)}). ${rule.code === 'date-order' ? 'Correct whichever date is wrong.' : 'Check both dates.'}`,
    )
  }

  for (const rule of FIELD_DEPENDENCY_RULES) {
    if (rule.list !== spec.list || !rule.when(row)) continue
    const value = row[rule.field]
    const isFilled = value !== null && value !== undefined
    if (rule.code === 'field-pair-incomplete' && !isFilled && !cellIssues.some(problem => problem.key === rule.field)) {
      add(rule.code, rule.field, `${prefix}: ${header(rule.field)} is blank. Because ${rule.because}, fill it in.`)
    } else if (rule.code === 'field-should-be-blank' && isFilled) {
      add(
        rule.code,
        rule.field,
        `${prefix}: ${header(rule.field)} should be blank because ${rule.because}. Clear it, or check the related fields.`,
      )
    }
  }

  checkAge(row, context, add, prefix)
  checkCaseStatusAgainstClosure(row, context, add, prefix)

  if (context.windowStart !== null && isInWindow(spec.list, row, context.windowStart) === false) {
    add(
      'row-outside-window',
      null,
      `${prefix} is outside List ${spec.list}'s window (${spec.windowMonths} months before ${formatUkDate(referenceDate)}, from ${formatUkDate(context.windowStart)}). Remove the row, or check its dates and the reference date.`,
    )
  }
  return { row, issues }
}

type Add = (code: IssueCode, key: string | null, message: string, value?: string | null) => void

function checkAge(row: CleanRow, context: RowContext, add: Add, prefix: string): void {
  const { spec, referenceDate } = context
  const dateOfBirth = row['dateOfBirth']
  const givenAge = row['ageYears']
  const derivedAge = typeof dateOfBirth === 'string' ? ageAt(dateOfBirth, referenceDate) : null
  if (derivedAge !== null && typeof givenAge === 'number' && derivedAge !== givenAge) {
    add(
      'age-dob-mismatch',
      'ageYears',
      `${prefix}: Age is ${givenAge} but the date of birth ${formatUkDate(dateOfBirth as string)} gives ${derivedAge} at the reference date ${formatUkDate(referenceDate)}. Enter the age at last birthday (-1 if unborn), or correct the date of birth.`,
    )
  }
  const age = derivedAge ?? (typeof givenAge === 'number' ? givenAge : null)
  if (age === null) return
  const expected = EXPECTED_AGE[spec.list]
  if (expected !== undefined && (age < expected.min || age > expected.max)) {
    add(
      'age-out-of-range',
      'ageYears',
      `${prefix}: the child is ${age === -1 ? 'unborn' : `${age}`}, which is unusual on List ${spec.list} (expected ${expected.min === -1 ? 'unborn' : expected.min} to ${expected.max}). Check the date of birth and whether the child belongs on this list.`,
      String(age),
    )
  }
  const eligibility = row['eligibility']
  const range = typeof eligibility === 'string' ? ELIGIBILITY_AGES[eligibility] : undefined
  if (spec.list === 9 && range !== undefined && (age < range.min || age > range.max)) {
    add(
      'eligibility-age-mismatch',
      'eligibility',
      `${prefix}: "${eligibility}" is for young people aged ${range.min} to ${range.max}, but this young person is ${age}. Check the eligibility category and the date of birth.`,
    )
  }
}

/** Guidance: Case Status is `e) Closed episode` exactly when the CIN episode has closed. */
function checkCaseStatusAgainstClosure(row: CleanRow, context: RowContext, add: Add, prefix: string): void {
  if (context.spec.list !== 6) return
  const status = row['caseStatus']
  const closure = row['cinClosureDate']
  if (typeof status !== 'string') return
  if (status === 'e) Closed episode' && closure === null) {
    add(
      'case-status-closure-mismatch',
      'caseStatus',
      `${prefix}: Case Status is "e) Closed episode" but there is no CIN Closure Date. Add the closure date, or correct the Case Status.`,
    )
  } else if (status !== 'e) Closed episode' && typeof closure === 'string' && closure <= context.referenceDate) {
    add(
      'case-status-closure-mismatch',
      'caseStatus',
      `${prefix}: the CIN episode closed on ${formatUkDate(closure)} but Case Status is "${status}". Use "e) Closed episode" for closed episodes, or remove the closure date.`,
    )
  }
}
