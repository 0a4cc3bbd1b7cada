import { looseKey } from '../parse/normaliseText.js'
import type { ColumnSpec, ListNumber, ListSpec } from '../types.js'
import { LIST_NUMBERS } from '../types.js'
import { SCHEMAS } from './versions.js'

/**
 * For each list, every header spelling of every version (template header and aliases), keyed by `looseKey`.
 * Identification and column mapping use this union, so one matcher reads 2019, 2023 and 2026 files alike.
 */
export interface ListHeaderIndex {
  readonly list: ListNumber
  readonly byKey: ReadonlyMap<string, ColumnSpec>
  /** Loose keys of the template headers of the 2019 list, the core every version shares. */
  readonly coreKeys: ReadonlySet<string>
}

function buildIndex(list: ListNumber): ListHeaderIndex {
  const byKey = new Map<string, ColumnSpec>()
  for (const schema of Object.values(SCHEMAS)) {
    const spec: ListSpec = schema.lists[list]
    for (const column of spec.columns) {
      for (const spelling of [column.header, ...(column.aliases ?? [])]) {
        const key = looseKey(spelling)
        if (!byKey.has(key)) byKey.set(key, column)
      }
    }
  }
  const coreKeys = new Set(SCHEMAS['2019'].lists[list].columns.map(column => looseKey(column.header)))
  return { list, byKey, coreKeys }
}

export const HEADER_INDEX: Readonly<Record<ListNumber, ListHeaderIndex>> = Object.fromEntries(
  LIST_NUMBERS.map(list => [list, buildIndex(list)]),
) as Record<ListNumber, ListHeaderIndex>
