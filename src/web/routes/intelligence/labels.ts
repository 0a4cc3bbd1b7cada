/** Words for ids, as people read them on the pages. */
export const GRADE_LABELS: Record<string, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  'requires-improvement': 'Requires improvement',
  adequate: 'Adequate',
  inadequate: 'Inadequate',
}

export function judgementLabel(id: string): string {
  const text = id.replace(/^[a-z0-9-]+\//, '').replace(/-/g, ' ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

export function gradeLabel(id: string): string {
  return GRADE_LABELS[id] ?? id
}

export function percent(share: number | null | undefined): string {
  return share === null || share === undefined ? '–' : `${Math.round(share * 1000) / 10}%`
}
