/** Shared types of the Annex A domain core. Plain data only, so rows can stream through without classes. */

export const LIST_NUMBERS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const
export type ListNumber = (typeof LIST_NUMBERS)[number]

/** Template versions we know: Ofsted's August 2019 workbook, the 2023/2024 additions, and the 2026 Gender → Sex change. */
export const SCHEMA_VERSIONS = ['2019', '2023', '2026'] as const
export type SchemaVersion = (typeof SCHEMA_VERSIONS)[number]

/** A cell as a reader hands it over: spreadsheet readers give numbers, strings, booleans, Dates or nothing. */
export type CellValue = string | number | boolean | Date | null | undefined

/** A calendar date as `YYYY-MM-DD`; string order is date order, and it survives JSON and databases unchanged. */
export type IsoDate = string

/** A cleaned value: text and codes as strings, dates as IsoDate, counts as integers, blank as null. */
export type CleanValue = string | number | null

/** A cleaned row, keyed by the column's stable key (for example `childId`, `dateOfContact`). */
export type CleanRow = Record<string, CleanValue>

export type ColumnType = 'id' | 'text' | 'date' | 'integer' | 'age' | 'code' | 'postcode'

export interface ColumnSpec {
  /** Stable key used in cleaned rows, issues and the database. */
  readonly key: string
  /** The header exactly as the template writes it. */
  readonly header: string
  /** Other spellings seen in real files; matched after normalisation. */
  readonly aliases?: readonly string[]
  readonly type: ColumnType
  readonly required: boolean
  /** For `code` columns: the id of the code list. */
  readonly codeList?: string
  /** For `integer` columns. */
  readonly min?: number
}

export interface ListSpec {
  readonly list: ListNumber
  readonly name: string
  /** Other names of the tab (`Contacts`, `Sec47 and ICPC`). */
  readonly sheetNames: readonly string[]
  readonly columns: readonly ColumnSpec[]
  /** Columns that together identify a duplicate row. */
  readonly uniqueKey: readonly string[]
  /** Lists 6–9 hold one row per child (the latest episode). */
  readonly onePerChild: boolean
  /** The column that names the person a row is about (`childId`, or `adopterId` on List 11). */
  readonly personKey: string
  /** How far back the list reaches, in months before the reference date; null when the list is "at inspection". */
  readonly windowMonths: number | null
}

export interface AnnexASchema {
  readonly version: SchemaVersion
  readonly label: string
  readonly lists: Readonly<Record<ListNumber, ListSpec>>
}

export type Severity = 'error' | 'warning' | 'query'

export interface Issue {
  readonly code: string
  readonly severity: Severity
  /** null for file-level issues that belong to no list (an unrecognised sheet). */
  readonly list: ListNumber | null
  /** The row number the user sees in the sheet (1-based, title and header rows included); null when not about a row. */
  readonly row: number | null
  readonly childId: string | null
  /** The header as the user's file spells it, or the template's header when the column is missing. */
  readonly column: string | null
  readonly value: string | null
  readonly message: string
}

/** An organisation's own value mapping, e.g. `{ column: 'contactSource', from: 'MASH', to: 'n) 5A: LA services' }`. */
export interface ValueMapping {
  readonly list?: ListNumber
  readonly column: string
  readonly from: string
  readonly to: string
}
