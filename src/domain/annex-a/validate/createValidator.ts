import { createValueMappingTable } from '../parse/valueMappings.js'
import { cellText, looseKey } from '../parse/normaliseText.js'
import type { VersionDetection } from '../schema/detectVersion.js'
import { detectSchemaVersion } from '../schema/detectVersion.js'
import {
  identifyListFromHeaders,
  identifyListFromSheetName,
  MAX_TITLE_ROWS,
  scoreHeaderRow,
  HEADER_MATCH_THRESHOLD,
} from '../schema/identifyList.js'
import { mapColumns } from '../schema/mapColumns.js'
import { getSchema, isVersionAtLeast } from '../schema/versions.js'
import type {
  CellValue,
  CleanRow,
  IsoDate,
  Issue,
  ListNumber,
  SchemaVersion,
  Severity,
  ValueMapping,
} from '../types.js'
import { LIST_NUMBERS } from '../types.js'
import { createCrossListState } from './crossListState.js'
import { makeIssue } from './issueCodes.js'
import type { RowContext } from './validateRow.js'
import { createRowContext, validateRow } from './validateRow.js'

export interface ValidatorOptions {
  /** The date the data is "as at" (the notional inspection date); windows and ages are measured from it. */
  readonly referenceDate: IsoDate
  /** `auto` (default) detects the template version from each sheet's headers; a version overrides detection. */
  readonly schema?: SchemaVersion | 'auto'
  /** The organisation's value mapping table, applied before built-in mapping. */
  readonly valueMappings?: readonly ValueMapping[]
}

export type RowOutcome =
  | { readonly kind: 'blank' | 'title' | 'skipped' }
  | { readonly kind: 'header'; readonly list: ListNumber; readonly version: SchemaVersion }
  | { readonly kind: 'data'; readonly list: ListNumber; readonly rowNumber: number; readonly row: CleanRow }

export interface RowResult {
  readonly outcome: RowOutcome
  /** Issues found by this row (and, for a header row, about the sheet's columns). */
  readonly issues: readonly Issue[]
}

export interface SheetValidator {
  /** The list this sheet holds, once known (from the name at once, otherwise from the header row). */
  readonly list: ListNumber | null
  /** Feed every row of the sheet in order, title rows included. `rowNumber` defaults to a running count from 1. */
  addRow(cells: readonly CellValue[], rowNumber?: number): RowResult
  /** Call when the sheet ends; returns issues about the sheet as a whole (no header row found, unrecognised). */
  end(): readonly Issue[]
}

export interface ListSummary {
  readonly list: ListNumber
  readonly name: string
  /** Sheet names (or file names) the list was read from. */
  readonly source: readonly string[]
  readonly rows: number
  readonly errors: number
  readonly warnings: number
  readonly queries: number
}

export interface IssueCounts {
  readonly errors: number
  readonly warnings: number
  readonly queries: number
}

export interface ValidationSummary {
  readonly schema: VersionDetection
  readonly referenceDate: IsoDate
  readonly lists: readonly ListSummary[]
  /** Issues found only at the end: missing lists and cross-list checks. Row issues were returned by `addRow`. */
  readonly finalIssues: readonly Issue[]
  readonly summary: IssueCounts & { readonly rows: number }
}

export interface AnnexAValidator {
  /** Starts a sheet (or a CSV file); the name may identify the list (`List 3`, `Referrals`). */
  beginSheet(sheetName: string): SheetValidator
  finish(): ValidationSummary
}

/** Sheets of the Ofsted template that are not lists; skipped without a warning. */
const TEMPLATE_HELPER_SHEETS = new Set(
  ['frontsheet', 'faqandchanges', 'guidance', 'codesused', 'codes', 'notes', 'contents'].map(looseKey),
)

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

/**
 * Creates a streaming Annex A validator. Rows go in one at a time and their issues come straight back; only the
 * facts cross-list checks need are kept, so memory is bounded by the number of children, not rows.
 */
export function createAnnexAValidator(options: ValidatorOptions): AnnexAValidator {
  if (!ISO_DATE.test(options.referenceDate))
    throw new Error(`referenceDate must be YYYY-MM-DD, got "${options.referenceDate}"`)
  const referenceDate = options.referenceDate
  const choice = options.schema ?? 'auto'
  const valueMappings = createValueMappingTable(options.valueMappings)
  const state = createCrossListState(referenceDate)
  const counts = new Map<
    ListNumber,
    { rows: number; errors: number; warnings: number; queries: number; source: string[] }
  >()
  const headerRows: CellValue[][] = []
  let detectedVersion: SchemaVersion = '2019'
  const total = { errors: 0, warnings: 0, queries: 0, rows: 0 }

  const countsFor = (list: ListNumber) => {
    let entry = counts.get(list)
    if (entry === undefined) counts.set(list, (entry = { rows: 0, errors: 0, warnings: 0, queries: 0, source: [] }))
    return entry
  }
  const tally = (issues: readonly Issue[]) => {
    for (const issue of issues) {
      const key = `${issue.severity}s` as `${Severity}s`
      const field = key === 'errors' ? 'errors' : key === 'warnings' ? 'warnings' : 'queries'
      total[field] += 1
      if (issue.list !== null) countsFor(issue.list)[field] += 1
    }
  }

  return {
    beginSheet(sheetName) {
      const fromName = identifyListFromSheetName(sheetName)
      const helper = fromName === null && TEMPLATE_HELPER_SHEETS.has(looseKey(sheetName))
      let list: ListNumber | null = fromName
      let context: RowContext | null = null
      let rowsSeen = 0
      let gaveUp = helper

      const startList = (cells: readonly CellValue[], found: ListNumber, rowNumber: number): RowResult => {
        const version = choice === 'auto' ? detectSchemaVersion([cells]).version : choice
        if (isVersionAtLeast(version, detectedVersion)) detectedVersion = version
        headerRows.push([...cells])
        const spec = getSchema(version).lists[found]
        const mapping = mapColumns(cells, spec, rowNumber)
        list = found
        const entry = countsFor(found)
        const issues: Issue[] = []
        if (state.seenLists.has(found)) {
          issues.push(
            makeIssue(
              'list-repeated',
              { list: found, row: rowNumber },
              `List ${found} is in "${sheetName}" and also in "${entry.source.join('", "')}". Both were read; remove one if it is a copy.`,
            ),
          )
        }
        issues.push(...mapping.issues)
        entry.source.push(sheetName)
        state.markListSeen(found)
        context = createRowContext(spec, mapping.columns, referenceDate, {
          valueMappings,
          strictVersion: choice === 'auto' ? null : choice,
          pivotYear: Number(referenceDate.slice(0, 4)),
        })
        tally(issues)
        return { outcome: { kind: 'header', list: found, version }, issues }
      }

      return {
        get list() {
          return list
        },
        addRow(cells, rowNumber) {
          rowsSeen += 1
          const shownRow = rowNumber ?? rowsSeen
          if (gaveUp) return { outcome: { kind: 'skipped' }, issues: [] }
          if (cells.every(cell => cellText(cell) === '')) return { outcome: { kind: 'blank' }, issues: [] }
          if (context === null) {
            if (fromName !== null) {
              if (scoreHeaderRow(cells, fromName) >= HEADER_MATCH_THRESHOLD) return startList(cells, fromName, shownRow)
            } else {
              const match = identifyListFromHeaders(cells)
              if (match !== null) return startList(cells, match.list, shownRow)
            }
            if (rowsSeen > MAX_TITLE_ROWS) gaveUp = true
            return { outcome: { kind: 'title' }, issues: [] }
          }
          const active: RowContext = context
          const validated = validateRow(cells, shownRow, active)
          validated.issues.push(...state.addRow(active.spec, validated.row, shownRow))
          countsFor(active.spec.list).rows += 1
          total.rows += 1
          tally(validated.issues)
          return {
            outcome: { kind: 'data', list: active.spec.list, rowNumber: shownRow, row: validated.row },
            issues: validated.issues,
          }
        },
        end() {
          if (context !== null || helper) return []
          const issue =
            fromName !== null
              ? makeIssue(
                  'header-row-not-found',
                  { list: fromName },
                  `Sheet "${sheetName}" looks like List ${fromName}, but no header row was found in its first ${MAX_TITLE_ROWS} rows. Put the template's column headers above the data.`,
                )
              : makeIssue(
                  'sheet-unrecognised',
                  { list: null, value: sheetName },
                  `Sheet "${sheetName}" is not recognised as one of Lists 1–11, so it was skipped. Name it "List 1" to "List 11" or use the template's column headers.`,
                )
          tally([issue])
          return [issue]
        },
      }
    },
    finish() {
      const finalIssues: Issue[] = []
      for (const list of LIST_NUMBERS) {
        if (state.seenLists.has(list)) continue
        const name = getSchema(detectedVersion).lists[list].name
        finalIssues.push(
          makeIssue(
            'list-missing',
            { list },
            `List ${list} (${name}) is not in the upload. Add it, with its header row even if it has no rows.`,
          ),
        )
      }
      finalIssues.push(...state.finish())
      tally(finalIssues)
      const schema: VersionDetection =
        choice === 'auto'
          ? detectSchemaVersion(headerRows)
          : { version: choice, reason: `Chosen by the user (${choice}).` }
      const lists: ListSummary[] = LIST_NUMBERS.filter(list => counts.has(list)).map(list => {
        const entry = countsFor(list)
        return { list, name: getSchema(schema.version).lists[list].name, ...entry, source: [...entry.source] }
      })
      return { schema, referenceDate, lists, finalIssues, summary: { ...total } }
    },
  }
}
