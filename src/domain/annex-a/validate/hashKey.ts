/**
 * A 53-bit hash of a string: two 32-bit FNV-1a passes with different offsets, joined. Duplicate detection keeps one
 * number per row instead of the key text, so a million-row List 1 costs tens of megabytes, not hundreds; a false
 * "duplicate" would need a collision of about 1 in 2^53 per pair.
 */
const FNV_PRIME = 16777619

export function hashKey(text: string): number {
  let low = 2166136261
  let high = 0x9e3779b9
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index)
    low = Math.imul(low ^ char, FNV_PRIME)
    high = Math.imul(high ^ (char + index), FNV_PRIME)
  }
  return (high >>> 11) * 4294967296 + (low >>> 0)
}
