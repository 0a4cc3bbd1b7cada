import { addMonths, dayNumber, formatUkDate, fromDayNumber, parseDate } from '../parse/dates.js'
import type { IssueCode } from '../validate/issueCodes.js'
import type { AnnexASchema, CellValue, IsoDate, ListNumber } from '../types.js'
import type { Random } from './random.js'

/** One planted error: where it is and the issue code a validator must report there. */
export interface PlantedError {
  readonly list: ListNumber
  /** Sheet row number (row 1 is the title, row 2 the headers). */
  readonly row: number
  readonly column: string | null
  readonly expectedCode: IssueCode
  readonly description: string
}

interface Sheet {
  readonly list: ListNumber
  readonly rows: CellValue[][]
}

interface Planter {
  readonly list: ListNumber
  readonly code: IssueCode
  /** Changes one data row in place (or appends one); returns the row it planted on, or null if this row does not fit. */
  plant(
    sheet: Sheet,
    rowIndex: number,
    column: (key: string) => number,
    context: PlantContext,
  ): { row: number; column: string | null; description: string } | null
}

interface PlantContext {
  readonly referenceDate: IsoDate
  readonly header: (list: ListNumber, key: string) => string
}

const DATA_START = 2 // index of the first data row: title, then headers

const readDate = (value: CellValue): IsoDate | null => {
  const parsed = parseDate(value)
  return parsed.ok ? parsed.date : null
}
const writeLike = (original: CellValue, date: IsoDate): CellValue =>
  typeof original === 'number' ? dayNumber(date) - dayNumber('1899-12-30') : formatUkDate(date)

const set = (row: CellValue[] | undefined, index: number, value: CellValue) => {
  if (row !== undefined && index >= 0) row[index] = value
}

/** Each kind of planted error, with the validator's expected code. */
const PLANTERS: readonly Planter[] = [
  {
    list: 1,
    code: 'code-invalid',
    plant: (sheet, index, column, context) => {
      set(sheet.rows[index], column('contactSource'), 'Carrier pigeon')
      return {
        row: index + 1,
        column: context.header(1, 'contactSource'),
        description: 'Contact Source not in the code list',
      }
    },
  },
  {
    list: 3,
    code: 'date-invalid',
    plant: (sheet, index, column, context) => {
      set(sheet.rows[index], column('dateOfReferral'), '31/02/2024')
      return {
        row: index + 1,
        column: context.header(3, 'dateOfReferral'),
        description: 'Date of referral is 31 February',
      }
    },
  },
  {
    list: 1,
    code: 'value-required',
    plant: (sheet, index, column, context) => {
      set(sheet.rows[index], column('ethnicity'), null)
      return { row: index + 1, column: context.header(1, 'ethnicity'), description: 'Ethnicity left blank' }
    },
  },
  {
    list: 5,
    code: 'date-order',
    plant: (sheet, index, column, context) => {
      const row = sheet.rows[index]
      const start = readDate(row?.[column('s47StartDate')])
      if (row === undefined || start === null || readDate(row[column('icpcDate')]) === null) return null
      set(row, column('icpcDate'), writeLike(row[column('s47StartDate')], fromDayNumber(dayNumber(start) - 3)))
      return {
        row: index + 1,
        column: context.header(5, 'icpcDate'),
        description: 'ICPC three days before the strategy discussion',
      }
    },
  },
  {
    list: 1,
    code: 'row-duplicate',
    plant: (sheet, index) => {
      const row = sheet.rows[index]
      if (row === undefined) return null
      sheet.rows.push([...row])
      return { row: sheet.rows.length, column: null, description: `Row ${index + 1} repeated at the end of the list` }
    },
  },
  {
    list: 3,
    code: 'age-dob-mismatch',
    plant: (sheet, index, column, context) => {
      const row = sheet.rows[index]
      const age = row?.[column('ageYears')]
      if (row === undefined || typeof age !== 'number' || age < 0 || readDate(row[column('dateOfBirth')]) === null)
        return null
      set(row, column('ageYears'), age + 2)
      return {
        row: index + 1,
        column: context.header(3, 'ageYears'),
        description: 'Age two years more than the date of birth gives',
      }
    },
  },
  {
    list: 7,
    code: 'child-not-on-list-6',
    plant: (sheet, index, column, context) => {
      const row = sheet.rows[index]
      if (row === undefined) return null
      set(row, column('childId'), `X${String(row[column('childId')])}`)
      return {
        row: index + 1,
        column: context.header(7, 'childId'),
        description: 'Child on List 7 with an ID not on List 6',
      }
    },
  },
  {
    list: 1,
    code: 'row-outside-window',
    plant: (sheet, index, column, context) => {
      const row = sheet.rows[index]
      const born = readDate(row?.[column('dateOfBirth')])
      const early = fromDayNumber(dayNumber(addMonths(context.referenceDate, -6)) - 10)
      if (row === undefined || born === null || born > early) return null
      set(row, column('dateOfContact'), writeLike(row[column('dateOfContact')], early))
      return { row: index + 1, column: null, description: 'Contact ten days before the six-month window' }
    },
  },
  {
    list: 8,
    code: 'postcode-invalid',
    plant: (sheet, index, column, context) => {
      set(sheet.rows[index], column('placementPostcode'), 'nope')
      return {
        row: index + 1,
        column: context.header(8, 'placementPostcode'),
        description: 'Placement postcode "nope"',
      }
    },
  },
]

/**
 * Plants errors in about `rate` of the data rows, at most one per row and never on an appended row, and lists them.
 * Deterministic: it draws from the generator's own random source.
 */
export function plantErrors(
  sheets: readonly Sheet[],
  schema: AnnexASchema,
  random: Random,
  rate: number,
  referenceDate: IsoDate,
): PlantedError[] {
  const planted: PlantedError[] = []
  if (rate <= 0) return planted
  const header = (list: ListNumber, key: string) =>
    schema.lists[list].columns.find(column => column.key === key)?.header ?? key
  const context: PlantContext = { referenceDate, header }
  const used = new Set<string>()
  const originalLength = new Map(sheets.map(sheet => [sheet.list, sheet.rows.length]))
  const dataRows = sheets.reduce((total, sheet) => total + sheet.rows.length - DATA_START, 0)
  const target = Math.max(1, Math.round(dataRows * rate))
  for (let attempt = 0; attempt < target * 20 && planted.length < target; attempt += 1) {
    const planter = random.pick(PLANTERS)
    const sheet = sheets.find(candidate => candidate.list === planter.list)
    const length = originalLength.get(planter.list) ?? 0
    if (sheet === undefined || length <= DATA_START) continue
    const index = random.int(DATA_START, length - 1)
    const key = `${planter.list}:${index}`
    if (used.has(key)) continue
    const keys = schema.lists[planter.list].columns.map(column => column.key)
    const result = planter.plant(sheet, index, columnKey => keys.indexOf(columnKey), context)
    if (result === null) continue
    used.add(key)
    if (planter.code === 'row-duplicate') used.add(`${planter.list}:${result.row - 1}`)
    planted.push({
      list: planter.list,
      row: result.row,
      column: result.column,
      expectedCode: planter.code,
      description: result.description,
    })
  }
  return planted
}
