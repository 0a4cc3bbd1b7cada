import type { Issue, ListNumber, Severity } from '../types.js'

/**
 * Every issue code, its severity and what it means. Severity says what the user should do:
 * `error` must be fixed before inspectors see the data; `warning` was read but should be corrected at source
 * (often we have already cleaned it); `query` may be right but is unusual enough to check.
 */
export const ISSUE_CODES = {
  // File level
  'sheet-unrecognised': {
    severity: 'warning',
    level: 'file',
    means: 'A sheet is not one of Lists 1–11; it was skipped.',
  },
  'header-row-not-found': {
    severity: 'error',
    level: 'file',
    means: 'No header row was found near the top of a list.',
  },
  'list-missing': { severity: 'error', level: 'file', means: 'One of Lists 1–11 is not in the upload.' },
  'list-repeated': { severity: 'warning', level: 'file', means: 'Two sheets hold the same list; both were read.' },
  'column-missing': { severity: 'error', level: 'file', means: 'A required column is missing.' },
  'column-missing-optional': { severity: 'warning', level: 'file', means: 'An optional template column is missing.' },
  'column-unknown': { severity: 'warning', level: 'file', means: 'A column is not in the template; it was ignored.' },
  'column-repeated': { severity: 'warning', level: 'file', means: 'A column appears twice; the first was used.' },
  // Cell level
  'value-required': { severity: 'error', level: 'cell', means: 'A required cell is blank.' },
  'cell-formula-error': { severity: 'error', level: 'cell', means: 'The cell holds a spreadsheet error such as #N/A.' },
  'date-invalid': { severity: 'error', level: 'cell', means: 'The cell is not a date we can read.' },
  'date-month-first': { severity: 'error', level: 'cell', means: 'The date looks like month/day/year (US order).' },
  'date-two-digit-year': { severity: 'warning', level: 'cell', means: 'A two-digit year was expanded to four digits.' },
  'date-after-reference-date': {
    severity: 'error',
    level: 'cell',
    means: 'An event date is after the reference date.',
  },
  'date-implausible': {
    severity: 'error',
    level: 'cell',
    means: 'A date is before 1900 or long after the reference date.',
  },
  'integer-invalid': { severity: 'error', level: 'cell', means: 'The cell is not a whole number.' },
  'integer-not-whole': { severity: 'warning', level: 'cell', means: 'A fraction was given; the whole part was kept.' },
  'integer-below-minimum': { severity: 'error', level: 'cell', means: 'A count is negative.' },
  'age-invalid': { severity: 'error', level: 'cell', means: 'Age is below -1 (unborn is -1).' },
  'code-invalid': { severity: 'error', level: 'cell', means: 'The value is not in the column’s code list.' },
  'code-ambiguous': { severity: 'error', level: 'cell', means: 'The value could mean more than one code.' },
  'code-mapped': { severity: 'warning', level: 'cell', means: 'Free text was mapped to its code.' },
  'code-newer-version': {
    severity: 'warning',
    level: 'cell',
    means: 'The code belongs to a later template than the one chosen.',
  },
  'postcode-invalid': { severity: 'error', level: 'cell', means: 'The placement postcode is not a UK postcode.' },
  // Row level
  'date-order': { severity: 'error', level: 'row', means: 'Two dates on a row are in an impossible order.' },
  'date-order-unusual': { severity: 'query', level: 'row', means: 'Two dates on a row are in an unusual order.' },
  'field-pair-incomplete': {
    severity: 'error',
    level: 'row',
    means: 'A field is filled but the field it depends on is blank.',
  },
  'field-should-be-blank': {
    severity: 'warning',
    level: 'row',
    means: 'A field is filled although the guidance says leave it blank.',
  },
  'age-dob-mismatch': {
    severity: 'error',
    level: 'row',
    means: 'Age does not match the date of birth at the reference date.',
  },
  'age-out-of-range': { severity: 'query', level: 'row', means: 'Age is unusual for the list.' },
  'case-status-closure-mismatch': {
    severity: 'error',
    level: 'row',
    means: 'Case Status and the CIN closure date disagree.',
  },
  'eligibility-age-mismatch': {
    severity: 'query',
    level: 'row',
    means: 'The care leaver’s eligibility category does not fit their age.',
  },
  // List level
  'row-duplicate': { severity: 'error', level: 'list', means: 'The same row (by the list’s key) appears twice.' },
  'child-repeated': { severity: 'error', level: 'list', means: 'A child appears twice on a one-row-per-child list.' },
  'row-outside-window': { severity: 'warning', level: 'list', means: 'The row falls outside the list’s time window.' },
  'referral-count-inconsistent': {
    severity: 'error',
    level: 'list',
    means: 'A child’s referral count differs between rows.',
  },
  'referral-count-too-low': {
    severity: 'query',
    level: 'list',
    means: 'The referral count is lower than the referrals on the list.',
  },
  // Cross-list
  'child-not-on-list-6': { severity: 'error', level: 'cross-list', means: 'A child on List 7 or 8 is not on List 6.' },
  'case-status-precedence': {
    severity: 'error',
    level: 'cross-list',
    means: 'List 6 Case Status ranks below what Lists 7/8 show.',
  },
  'case-status-unsupported': {
    severity: 'query',
    level: 'cross-list',
    means: 'List 6 Case Status is not supported by Lists 7/8.',
  },
  'family-not-on-list-11': {
    severity: 'query',
    level: 'cross-list',
    means: 'A List 10 family identifier is not on List 11.',
  },
  'family-not-on-list-10': {
    severity: 'query',
    level: 'cross-list',
    means: 'A placed List 11 family is not on List 10.',
  },
} as const satisfies Record<string, { severity: Severity; level: string; means: string }>

export type IssueCode = keyof typeof ISSUE_CODES

export interface IssueFields {
  readonly list: ListNumber | null
  readonly row?: number | null
  readonly childId?: string | null
  readonly column?: string | null
  readonly value?: string | null
}

/** Builds an issue with the catalogue's severity, so a code always carries the same severity. */
export function makeIssue(code: IssueCode, fields: IssueFields, message: string): Issue {
  return {
    code,
    severity: ISSUE_CODES[code].severity,
    list: fields.list,
    row: fields.row ?? null,
    childId: fields.childId ?? null,
    column: fields.column ?? null,
    value: fields.value ?? null,
    message,
  }
}
