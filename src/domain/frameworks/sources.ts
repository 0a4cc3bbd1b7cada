import type { Evidence, Source } from './types.js'

/** A council committee paper in shared/seeds: seed('001', '§40'). Seeds quote Ofsted or summarise it. */
export function seed(number: string, at: string, quote?: string): Source {
  return quote === undefined
    ? { ref: `seed ${number}`, at, evidence: 'confirmed' }
    : { ref: `seed ${number}`, at, quote, evidence: 'confirmed' }
}

/** A document keyed in reference/frameworks.md §9, with the section of frameworks.md that reports it. */
export function reference(key: string, at: string, evidence: Evidence, quote?: string): Source {
  return quote === undefined ? { ref: key, at, evidence } : { ref: key, at, quote, evidence }
}

export function formatSource(source: Source): string {
  return [source.ref, source.at].filter(Boolean).join(' ')
}
