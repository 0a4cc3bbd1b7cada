import { codeKey, looseKey } from './normaliseText.js'
import type { CodeEntry, CodeList } from '../schema/codeLists.js'
import { CODE_LISTS } from '../schema/codeLists.js'

export type CodeMatch =
  | { readonly kind: 'exact'; readonly entry: CodeEntry }
  | { readonly kind: 'mapped'; readonly entry: CodeEntry }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly string[] }
  | { readonly kind: 'unknown' }

/** `b) Female` → prefix `b`, rest `Female`; `a) 1A: Individual` → part `1A`, label `Individual`. */
const LETTER_PREFIX = /^([a-z]{1,2}\d?)\)\s*(.*)$/i
const CODE_AND_LABEL = /^([A-Z0-9]{1,4})\s*(?::|\s-\s|-)\s*(.*)$/i

/** The shorter spellings that still name one code: the code without its letter, the bare code, the label. */
function looseSpellings(entry: CodeEntry): string[] {
  const spellings = [entry.code, ...(entry.variants ?? []), ...(entry.synonyms ?? [])]
  const rest = LETTER_PREFIX.exec(entry.code)?.[2] ?? entry.code
  spellings.push(rest)
  const parts = CODE_AND_LABEL.exec(rest)
  if (parts !== null) spellings.push(parts[1] ?? '', parts[2] ?? '')
  return spellings.map(looseKey).filter(key => key !== '')
}

export interface CodeMatcher {
  readonly list: CodeList
  match(text: string): CodeMatch
}

const AMBIGUOUS = Symbol('ambiguous')

export function createCodeMatcher(list: CodeList): CodeMatcher {
  const exact = new Map<string, CodeEntry>()
  for (const entry of list.entries) {
    exact.set(codeKey(entry.code), entry)
    for (const variant of entry.variants ?? []) exact.set(codeKey(variant), entry)
  }
  const loose = new Map<string, CodeEntry | typeof AMBIGUOUS>()
  const candidatesByKey = new Map<string, string[]>()
  for (const entry of list.entries) {
    for (const key of new Set(looseSpellings(entry))) {
      const existing = loose.get(key)
      if (existing === undefined) loose.set(key, entry)
      else if (existing !== entry) loose.set(key, AMBIGUOUS)
      candidatesByKey.set(key, [...(candidatesByKey.get(key) ?? []), entry.code])
    }
  }
  return {
    list,
    match(text) {
      const found = exact.get(codeKey(text))
      if (found !== undefined) return { kind: 'exact', entry: found }
      const key = looseKey(text)
      const mapped = loose.get(key)
      if (mapped === AMBIGUOUS) return { kind: 'ambiguous', candidates: [...new Set(candidatesByKey.get(key))] }
      if (mapped !== undefined) return { kind: 'mapped', entry: mapped }
      return { kind: 'unknown' }
    },
  }
}

const MATCHERS = new Map<string, CodeMatcher>()

/** One matcher per code list, built on first use and shared: building is the costly part, matching is a lookup. */
export function codeMatcherFor(codeListId: string): CodeMatcher {
  let matcher = MATCHERS.get(codeListId)
  if (matcher === undefined) {
    const list = CODE_LISTS[codeListId]
    if (list === undefined) throw new Error(`Unknown code list ${codeListId}`)
    matcher = createCodeMatcher(list)
    MATCHERS.set(codeListId, matcher)
  }
  return matcher
}
