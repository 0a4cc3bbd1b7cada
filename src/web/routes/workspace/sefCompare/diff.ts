/** A word-level difference between two texts, for showing what changed between two versions. */

export type DiffPart = { kind: 'same' | 'added' | 'removed'; text: string }

/** Above this many word pairs the texts are shown as replaced whole rather than compared word by word. */
export const MAX_DIFF_CELLS = 6_250_000

function tokens(text: string): string[] {
  return text.match(/\s+|[^\s]+/g) ?? []
}

function merge(parts: DiffPart[]): DiffPart[] {
  const merged: DiffPart[] = []
  for (const part of parts) {
    const last = merged[merged.length - 1]
    if (last && last.kind === part.kind) last.text += part.text
    else if (part.text !== '') merged.push({ ...part })
  }
  return merged
}

/**
 * Longest-common-subsequence over words and spaces. `removed` parts are in `before` only, `added` in `after`
 * only; reading the `same` and `removed` parts in order gives `before`, the `same` and `added` parts `after`.
 */
export function diffWords(before: string, after: string): DiffPart[] {
  if (before === after) return before === '' ? [] : [{ kind: 'same', text: before }]
  const a = tokens(before)
  const b = tokens(after)
  // Trim the common start and end first: edits are usually local, and it keeps the table small.
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1
  let endA = a.length
  let endB = b.length
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1
    endB -= 1
  }
  const head: DiffPart = { kind: 'same', text: a.slice(0, start).join('') }
  const tail: DiffPart = { kind: 'same', text: a.slice(endA).join('') }
  const midA = a.slice(start, endA)
  const midB = b.slice(start, endB)
  const n = midA.length
  const m = midB.length
  if ((n + 1) * (m + 1) > MAX_DIFF_CELLS)
    return merge([head, { kind: 'removed', text: midA.join('') }, { kind: 'added', text: midB.join('') }, tail])
  const width = m + 1
  // Lengths never exceed min(n, m) ≤ 2,500 under the cap, so 16 bits suffice (12.5 MB at most).
  const lengths = new Uint16Array((n + 1) * width)
  for (let i = n - 1; i >= 0; i -= 1)
    for (let j = m - 1; j >= 0; j -= 1)
      lengths[i * width + j] =
        midA[i] === midB[j]
          ? lengths[(i + 1) * width + j + 1]! + 1
          : Math.max(lengths[(i + 1) * width + j]!, lengths[i * width + j + 1]!)
  const parts: DiffPart[] = [head]
  let i = 0
  let j = 0
  while (i < n && j < m) {
    if (midA[i] === midB[j]) {
      parts.push({ kind: 'same', text: midA[i]! })
      i += 1
      j += 1
    } else if (lengths[(i + 1) * width + j]! >= lengths[i * width + j + 1]!) {
      parts.push({ kind: 'removed', text: midA[i]! })
      i += 1
    } else {
      parts.push({ kind: 'added', text: midB[j]! })
      j += 1
    }
  }
  while (i < n) parts.push({ kind: 'removed', text: midA[i++]! })
  while (j < m) parts.push({ kind: 'added', text: midB[j++]! })
  parts.push(tail)
  return merge(parts)
}
