import { cellText, looseKey } from '../parse/normaliseText.js'
import type { CellValue, ListNumber } from '../types.js'
import { LIST_NUMBERS } from '../types.js'
import { HEADER_INDEX } from './headerIndex.js'
import { LISTS_2019 } from './lists2019.js'

/** `List 1`, `List_1`, `list-1`, `List 1: Contacts`, `Annex A List 10`; the number must be 1–11. */
const NUMBERED_SHEET = /(?:^|[^a-z])list[\s_\-.]*(\d{1,2})(?!\d)/i

const NAMED_SHEETS: ReadonlyMap<string, ListNumber> = new Map(
  LIST_NUMBERS.flatMap(list =>
    [LISTS_2019[list].name, ...LISTS_2019[list].sheetNames].map(name => [looseKey(name), list] as const),
  ),
)

/** Identifies a list from a sheet (tab) or file name; null when the name says nothing. */
export function identifyListFromSheetName(sheetName: string): ListNumber | null {
  const numbered = NUMBERED_SHEET.exec(sheetName)
  if (numbered?.[1] !== undefined) {
    const number = Number(numbered[1])
    return (LIST_NUMBERS as readonly number[]).includes(number) ? (number as ListNumber) : null
  }
  return NAMED_SHEETS.get(looseKey(sheetName)) ?? null
}

export interface HeaderMatch {
  readonly list: ListNumber
  /** Matched template headers ÷ (template headers + unrecognised headers): 1 is a perfect match. */
  readonly score: number
}

/** The least score at which a row counts as a list's header row; a title row scores far below it. */
export const HEADER_MATCH_THRESHOLD = 0.5

/** Scores a row of cells as the header row of one list. */
export function scoreHeaderRow(cells: readonly CellValue[], list: ListNumber): number {
  const index = HEADER_INDEX[list]
  const keys = cells.map(looseKey).filter(key => key !== '')
  if (keys.length === 0) return 0
  const matchedCore = new Set<string>()
  let unrecognised = 0
  for (const key of keys) {
    const column = index.byKey.get(key)
    if (column === undefined) unrecognised += 1
    else matchedCore.add(column.key)
  }
  return matchedCore.size / (index.coreKeys.size + unrecognised)
}

/** The list whose headers best match a row, or null when none reaches the threshold. */
export function identifyListFromHeaders(cells: readonly CellValue[]): HeaderMatch | null {
  let best: HeaderMatch | null = null
  for (const list of LIST_NUMBERS) {
    const score = scoreHeaderRow(cells, list)
    if (score >= HEADER_MATCH_THRESHOLD && (best === null || score > best.score)) best = { list, score }
  }
  return best
}

export interface HeaderRowMatch extends HeaderMatch {
  /** 0-based index of the header row among the rows given; the rows before it are title rows. */
  readonly index: number
}

/** How many leading rows may be titles or notes before we give up looking for a header row. */
export const MAX_TITLE_ROWS = 20

/**
 * Finds the header row among a sheet's first rows, skipping title rows such as `List 1: Contacts`.
 * When the sheet name already told us the list, only that list's headers are tried.
 */
export function findHeaderRow(
  rows: readonly (readonly CellValue[])[],
  knownList: ListNumber | null = null,
): HeaderRowMatch | null {
  const limit = Math.min(rows.length, MAX_TITLE_ROWS + 1)
  for (let index = 0; index < limit; index += 1) {
    const cells = rows[index] ?? []
    if (cells.every(cell => cellText(cell) === '')) continue
    if (knownList !== null) {
      const score = scoreHeaderRow(cells, knownList)
      if (score >= HEADER_MATCH_THRESHOLD) return { list: knownList, score, index }
    } else {
      const match = identifyListFromHeaders(cells)
      if (match !== null) return { ...match, index }
    }
  }
  return null
}
