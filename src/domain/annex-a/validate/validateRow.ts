import { addMonths, ageAt, formatUkDate } from '../parse/dates.js'
import type { CellContext } from '../parse/parseCell.js'
import { parseCell } from '../parse/parseCell.js'
import type { MappedColumn } from '../schema/mapColumns.js'
import type { CellValue, CleanRow, IsoDate, Issue, ListSpec } from '../types.js'
import type { IssueCode } from './issueCodes.js'
import { makeIssue } from './issueCodes.js'
import type { DateOrderRule, FieldDependencyRule } from './rowRules.js'
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
  /** Per sheet, not per row: a million-row file made these lookups and filters a fifth of validation. */
  readonly headerByKey: ReadonlyMap<string, string>
  readonly cellIndexByKey: ReadonlyMap<string, number>
  readonly dateColumns: readonly MappedColumn[]
  readonly dateOrderRules: readonly DateOrderRule[]
  readonly dependencyRules: readonly FieldDependencyRule[]
  /** An unborn child may carry an expected date of birth, so only dates beyond any pregnancy are wrong. */
  readonly latestDateOfBirth: IsoDate
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
  const headerByKey = new Map(spec.columns.map(column => [column.key, column.header]))
  for (const mapped of columns) headerByKey.set(mapped.spec.key, mapped.header)
  return {
    spec,
    columns,
    referenceDate,
    windowStart: windowStartFor(spec, referenceDate),
    cell: base,
    cellContexts: columns.map(mapped => ({ ...base, header: mapped.header })),
    headerByKey,
    cellIndexByKey: new Map(columns.map(mapped => [mapped.spec.key, mapped.index])),
    dateColumns: columns.filter(mapped => mapped.spec.type === 'date'),
    dateOrderRules: DATE_ORDER_RULES.filter(rule => rule.list === spec.list),
    dependencyRules: FIELD_DEPENDENCY_RULES.filter(rule => rule.list === spec.list),
    latestDateOfBirth: addMonths(referenceDate, 10),
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
  let cellProblemKeys: Set<string> | null = null
  const found = new FoundIssues(spec.list, rowNumber)

  for (const column of spec.columns) row[column.key] = null
  for (let position = 0; position < columns.length; position += 1) {
    const mapped = columns[position] as MappedColumn
    const parsed = parseCell(cells[mapped.index], mapped.spec, context.cellContexts[position] ?? context.cell)
    row[mapped.spec.key] = parsed.value
    if (parsed.problems.length === 0) continue
    ;(cellProblemKeys ??= new Set()).add(mapped.spec.key)
    for (const problem of parsed.problems)
      found.add(problem.code, mapped.spec.key, `${found.prefix()}: ${problem.message}`)
  }

  for (const mapped of context.dateColumns) {
    const date = row[mapped.spec.key]
    if (typeof date !== 'string') continue
    if (date < EARLIEST_PLAUSIBLE_DATE) {
      found.add(
        'date-implausible',
        mapped.spec.key,
        `${found.prefix()}: ${mapped.header} is ${formatUkDate(date)}, which cannot be right. Check the year.`,
      )
    } else if (mapped.spec.key === 'dateOfBirth') {
      if (date > context.latestDateOfBirth) {
        found.add(
          'date-implausible',
          'dateOfBirth',
          `${found.prefix()}: Date of Birth ${formatUkDate(date)} is too far after the reference date ${formatUkDate(referenceDate)}, even for an expected date. Check the year.`,
        )
      }
    } else if (date > referenceDate) {
      found.add(
        'date-after-reference-date',
        mapped.spec.key,
        `${found.prefix()}: ${mapped.header} ${formatUkDate(date)} is after the reference date ${formatUkDate(referenceDate)}. Correct the date, or check the reference date of this run.`,
      )
    }
  }

  for (const rule of context.dateOrderRules) {
    const earlier = row[rule.earlier]
    const later = row[rule.later]
    if (typeof earlier !== 'string' || typeof later !== 'string' || later >= earlier) continue
    found.add(
      rule.code,
      rule.later,
      `${found.prefix()}: ${headerOf(context, rule.later)} (${formatUkDate(later)}) is before ${headerOf(context, rule.earlier)} (${formatUkDate(earlier)}). ${rule.code === 'date-order' ? 'Correct whichever date is wrong.' : 'Check both dates.'}`,
    )
  }

  for (const rule of context.dependencyRules) {
    if (!rule.when(row)) continue
    const value = row[rule.field]
    const isFilled = value !== null && value !== undefined
    if (rule.code === 'field-pair-incomplete' && !isFilled && !cellProblemKeys?.has(rule.field)) {
      found.add(
        rule.code,
        rule.field,
        `${found.prefix()}: ${headerOf(context, rule.field)} is blank. Because ${rule.because}, fill it in.`,
      )
    } else if (rule.code === 'field-should-be-blank' && isFilled) {
      found.add(
        rule.code,
        rule.field,
        `${found.prefix()}: ${headerOf(context, rule.field)} should be blank because ${rule.because}. Clear it, or check the related fields.`,
      )
    }
  }

  checkAge(row, context, found)
  checkCaseStatusAgainstClosure(row, context, found)

  if (context.windowStart !== null && isInWindow(spec.list, row, context.windowStart) === false) {
    found.add(
      'row-outside-window',
      null,
      `${found.prefix()} is outside List ${spec.list}'s window (${spec.windowMonths} months before ${formatUkDate(referenceDate)}, from ${formatUkDate(context.windowStart)}). Remove the row, or check its dates and the reference date.`,
    )
  }
  const pending = found.pending
  if (pending.length === 0) return { row, issues: [] }

  // Issues are rare, so what they quote (the header as the file spells it, the cell as written) is found only now.
  const personValue = row[spec.personKey]
  const childId = typeof personValue === 'string' ? personValue : null
  const rawValue = (key: string) => {
    const index = context.cellIndexByKey.get(key)
    const value = index === undefined ? undefined : cells[index]
    return value === null || value === undefined ? '' : String(value)
  }
  const issues = pending.map(({ code, key, message, value }) =>
    makeIssue(
      code,
      {
        list: spec.list,
        row: rowNumber,
        childId,
        column: key === null ? null : headerOf(context, key),
        value:
          value !== undefined ? value : key === null ? null : context.cellIndexByKey.has(key) ? rawValue(key) : null,
      },
      message,
    ),
  )
  return { row, issues }
}

/**
 * The issues one row collects before they are given their quoted values. Methods on a class, not closures made per
 * row: under tsx every closure created per row also paid a naming call, which showed in profiles.
 */
class FoundIssues {
  readonly pending: { code: IssueCode; key: string | null; message: string; value?: string | null }[] = []
  constructor(
    private readonly list: number,
    private readonly rowNumber: number,
  ) {}
  add(code: IssueCode, key: string | null, message: string, value?: string | null): void {
    this.pending.push({ code, key, message, value })
  }
  prefix(): string {
    return `List ${this.list} row ${this.rowNumber}`
  }
}

function headerOf(context: RowContext, key: string): string {
  return context.headerByKey.get(key) ?? key
}

function checkAge(row: CleanRow, context: RowContext, found: FoundIssues): void {
  const { spec, referenceDate } = context
  const dateOfBirth = row['dateOfBirth']
  const givenAge = row['ageYears']
  const derivedAge = typeof dateOfBirth === 'string' ? ageAt(dateOfBirth, referenceDate) : null
  if (derivedAge !== null && typeof givenAge === 'number' && derivedAge !== givenAge) {
    found.add(
      'age-dob-mismatch',
      'ageYears',
      `${found.prefix()}: Age is ${givenAge} but the date of birth ${formatUkDate(dateOfBirth as string)} gives ${derivedAge} at the reference date ${formatUkDate(referenceDate)}. Enter the age at last birthday (-1 if unborn), or correct the date of birth.`,
    )
  }
  const age = derivedAge ?? (typeof givenAge === 'number' ? givenAge : null)
  if (age === null) return
  const expected = EXPECTED_AGE[spec.list]
  if (expected !== undefined && (age < expected.min || age > expected.max)) {
    found.add(
      'age-out-of-range',
      'ageYears',
      `${found.prefix()}: the child is ${age === -1 ? 'unborn' : `${age}`}, which is unusual on List ${spec.list} (expected ${expected.min === -1 ? 'unborn' : expected.min} to ${expected.max}). Check the date of birth and whether the child belongs on this list.`,
      String(age),
    )
  }
  const eligibility = row['eligibility']
  const range = typeof eligibility === 'string' ? ELIGIBILITY_AGES[eligibility] : undefined
  if (spec.list === 9 && range !== undefined && (age < range.min || age > range.max)) {
    found.add(
      'eligibility-age-mismatch',
      'eligibility',
      `${found.prefix()}: "${eligibility}" is for young people aged ${range.min} to ${range.max}, but this young person is ${age}. Check the eligibility category and the date of birth.`,
    )
  }
}

/** Guidance: Case Status is `e) Closed episode` exactly when the CIN episode has closed. */
function checkCaseStatusAgainstClosure(row: CleanRow, context: RowContext, found: FoundIssues): void {
  if (context.spec.list !== 6) return
  const status = row['caseStatus']
  const closure = row['cinClosureDate']
  if (typeof status !== 'string') return
  if (status === 'e) Closed episode' && closure === null) {
    found.add(
      'case-status-closure-mismatch',
      'caseStatus',
      `${found.prefix()}: Case Status is "e) Closed episode" but there is no CIN Closure Date. Add the closure date, or correct the Case Status.`,
    )
  } else if (status !== 'e) Closed episode' && typeof closure === 'string' && closure <= context.referenceDate) {
    found.add(
      'case-status-closure-mismatch',
      'caseStatus',
      `${found.prefix()}: the CIN episode closed on ${formatUkDate(closure)} but Case Status is "${status}". Use "e) Closed episode" for closed episodes, or remove the closure date.`,
    )
  }
}
