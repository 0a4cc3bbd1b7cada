/**
 * Duplicate detection keeps a 53-bit hash per row instead of the key text, so a million-row List 1 costs tens of
 * megabytes, not hundreds; a false "duplicate" would need a collision of about 1 in 2^53 per pair. The hash is two
 * 32-bit FNV-1a passes with different offsets.
 */
const FNV_PRIME = 16777619
const LOW_OFFSET = 2166136261
const HIGH_OFFSET = 0x9e3779b9
/** Between the values of a composite key, so ("ab", "c") and ("a", "bc") differ. */
const SEPARATOR = 0

export function hashKey(text: string): number {
  return hashValues([text])
}

/** The hash of several values as one key, without joining them into a new string first. */
export function hashValues(values: readonly string[]): number {
  let low = LOW_OFFSET
  let high = HIGH_OFFSET
  let index = 0
  for (let value = 0; value < values.length; value += 1) {
    if (value > 0) {
      low = Math.imul(low ^ SEPARATOR, FNV_PRIME)
      high = Math.imul(high ^ (SEPARATOR + index), FNV_PRIME)
      index += 1
    }
    const text = values[value] as string
    for (let at = 0; at < text.length; at += 1, index += 1) {
      const char = text.charCodeAt(at)
      low = Math.imul(low ^ char, FNV_PRIME)
      high = Math.imul(high ^ (char + index), FNV_PRIME)
    }
  }
  return (high >>> 11) * 4294967296 + (low >>> 0)
}

/**
 * A hash → first row number table in flat typed arrays (open addressing, linear probing). A Map keyed by 53-bit
 * numbers stores each key as a heap number: for a million rows that was a tenth of the whole validation time.
 */
export interface HashRowIndex {
  /** Records `row` under `hash` unless the hash is there already; returns the row first recorded, or 0. */
  firstRowOrAdd(hash: number, row: number): number
  readonly size: number
}

export function createHashRowIndex(initialCapacity = 1024): HashRowIndex {
  let capacity = 1
  while (capacity < initialCapacity * 2) capacity *= 2
  let highs = new Int32Array(capacity)
  let lows = new Int32Array(capacity)
  let rows = new Float64Array(capacity) // 0 marks an empty slot; row numbers start at 1
  let size = 0

  const slotOf = (low: number, mask: number) => (Math.imul(low, 0x9e3779b1) >>> 0) & mask

  function insert(high: number, low: number, row: number): number {
    const mask = capacity - 1
    for (let slot = slotOf(low, mask); ; slot = (slot + 1) & mask) {
      const existing = rows[slot] as number
      if (existing === 0) {
        highs[slot] = high
        lows[slot] = low
        rows[slot] = row
        size += 1
        return 0
      }
      if (lows[slot] === low && highs[slot] === high) return existing
    }
  }

  function grow(): void {
    const [oldHighs, oldLows, oldRows] = [highs, lows, rows]
    capacity *= 2
    highs = new Int32Array(capacity)
    lows = new Int32Array(capacity)
    rows = new Float64Array(capacity)
    size = 0
    for (let slot = 0; slot < oldRows.length; slot += 1) {
      const row = oldRows[slot] as number
      if (row !== 0) insert(oldHighs[slot] as number, oldLows[slot] as number, row)
    }
  }

  return {
    firstRowOrAdd(hash, row) {
      if (row < 1) throw new Error('Row numbers start at 1')
      if ((size + 1) * 2 > capacity) grow()
      return insert(Math.floor(hash / 4294967296) | 0, (hash % 4294967296) | 0, row)
    },
    get size() {
      return size
    },
  }
}
