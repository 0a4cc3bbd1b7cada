import { CODE_LISTS, LIST_NUMBERS, SCHEMAS, type ListNumber } from '../annex-a/index.js'

export interface FilterColumn {
  readonly key: string
  readonly header: string
  readonly lists: readonly ListNumber[]
  readonly type: string
  /** For coded columns: every code the templates allow, as stored (`a) Yes`), so a filter can be checked. */
  readonly codes?: readonly string[]
}

/** Identifiers and postcodes are left out: a plan that filters on them would carry personal data of its own. */
const NOT_FOR_FILTERS = new Set(['id', 'postcode'])

function catalogue(): FilterColumn[] {
  const byKey = new Map<string, { header: string; lists: ListNumber[]; type: string; codes?: string[] }>()
  // Every template version, newest last, so the header shown is the current wording (2026: Sex, not Gender).
  for (const schema of Object.values(SCHEMAS))
    for (const list of LIST_NUMBERS)
      for (const column of schema.lists[list].columns) {
        if (NOT_FOR_FILTERS.has(column.type)) continue
        const codes = column.codeList ? (CODE_LISTS[column.codeList]?.entries.map(entry => entry.code) ?? []) : []
        let entry = byKey.get(column.key)
        if (!entry) byKey.set(column.key, (entry = { header: column.header, lists: [], type: column.type }))
        entry.header = column.header
        if (!entry.lists.includes(list)) entry.lists.push(list)
        if (codes.length > 0) entry.codes = [...new Set([...(entry.codes ?? []), ...codes])]
      }
  return [...byKey].map(([key, entry]) => ({ key, ...entry, lists: entry.lists.sort((a, b) => a - b) }))
}

/** The Annex A columns a sampling filter can test, in template order (List 1's columns first). */
export const FILTER_COLUMNS: readonly FilterColumn[] = catalogue()

export function filterColumn(key: string): FilterColumn | undefined {
  return FILTER_COLUMNS.find(column => column.key === key)
}

/** The list names as the 2019 template gives them, for labels. */
export const LIST_NAMES: Readonly<Record<ListNumber, string>> = Object.fromEntries(
  LIST_NUMBERS.map(list => [list, SCHEMAS['2019'].lists[list].name]),
) as Record<ListNumber, string>

/** "list 3", "lists 3–9", "lists 1, 4 and 8": short enough for an option's text. */
export function listsText(lists: readonly number[]): string {
  const sorted = [...new Set(lists)].sort((a, b) => a - b)
  if (sorted.length === 1) return `list ${sorted[0]}`
  const consecutive = sorted.every((list, index) => index === 0 || list === sorted[index - 1]! + 1)
  if (consecutive) return `lists ${sorted[0]}–${sorted.at(-1)}`
  return `lists ${sorted.slice(0, -1).join(', ')} and ${sorted.at(-1)}`
}
