/**
 * A small seeded PRNG, so a sample can be drawn again from its stored seed. Not for secrets: Math.random and
 * crypto are unsuitable because neither can be replayed.
 */
export interface Random {
  /** A whole number in [0, bound). */
  below(bound: number): number
}

/** FNV-1a over the UTF-16 code units, then mixed: turns any seed text into 32 bits. */
export function hashText(text: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  return mix32(hash >>> 0)
}

function mix32(value: number): number {
  let z = value
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  return (z ^ (z >>> 16)) >>> 0
}

/** A splitmix32-style generator; independent streams come from different seed texts (plan, stratum, redraw). */
export function createRandom(seedText: string): Random {
  let state = hashText(seedText)
  const next = (): number => {
    state = (state + 0x9e3779b9) >>> 0
    return mix32(state)
  }
  return {
    below(bound) {
      if (!Number.isInteger(bound) || bound < 1) throw new RangeError('bound must be a whole number above 0')
      // Rejection sampling keeps every value equally likely whatever the bound.
      const limit = 0x100000000 - (0x100000000 % bound)
      for (;;) {
        const value = next()
        if (value < limit) return value % bound
      }
    },
  }
}

/** Child-level sampling streams are keyed by these parts; a separator keeps ('ab','c') apart from ('a','bc'). */
export function streamKey(...parts: readonly (string | number)[]): string {
  return parts.map(String).join('\u001f')
}
