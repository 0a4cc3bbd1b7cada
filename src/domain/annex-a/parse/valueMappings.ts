import { codeKey } from './normaliseText.js'
import type { ListNumber, ValueMapping } from '../types.js'

/**
 * An organisation's own mapping of local spellings to codes ("MASH" → `n) 5A: LA services`), applied before the
 * built-in matching so the user's decision wins. Kept as data so the user can edit it and re-apply it to a run.
 */
export interface ValueMappingTable {
  lookup(list: ListNumber, column: string, text: string): string | undefined
}

const keyOf = (list: ListNumber | '*', column: string, text: string): string =>
  `${list}\u0000${column}\u0000${codeKey(text)}`

export function createValueMappingTable(mappings: readonly ValueMapping[] = []): ValueMappingTable {
  const table = new Map<string, string>()
  for (const mapping of mappings) table.set(keyOf(mapping.list ?? '*', mapping.column, mapping.from), mapping.to)
  return {
    lookup(list, column, text) {
      if (table.size === 0) return undefined
      return table.get(keyOf(list, column, text)) ?? table.get(keyOf('*', column, text))
    },
  }
}
