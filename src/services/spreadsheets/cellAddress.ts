/** The zero-based column of an A1-style reference (`C7` → 2), or null when it has none. */
export function columnIndexOf(reference: string | undefined): number | null {
  if (!reference) return null
  let column = 0
  let index = 0
  for (; index < reference.length; index += 1) {
    const code = reference.charCodeAt(index)
    const upper = code >= 97 && code <= 122 ? code - 32 : code
    if (upper < 65 || upper > 90) break
    column = column * 26 + (upper - 64)
  }
  return index === 0 ? null : column - 1
}

/** The one-based row of an A1-style reference (`C7` → 7), or null. */
export function rowNumberOf(reference: string | undefined): number | null {
  if (!reference) return null
  const match = /(\d+)$/.exec(reference)
  return match ? Number(match[1]) : null
}
