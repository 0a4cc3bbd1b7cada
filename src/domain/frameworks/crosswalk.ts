import { reference } from './sources.js'
import type { Source } from './types.js'

/** The common four-point inspection scale used to compare outcomes across frameworks. */
export type CommonGrade = 'outstanding' | 'good' | 'requires-improvement' | 'inadequate'

export interface CrosswalkResult {
  common: CommonGrade
  /** The grade as the framework published it, kept so a trend chart can still say "adequate". */
  originalScale: string
  originalGrade: string
  source: Source
}

const SAME: Record<string, CommonGrade> = {
  outstanding: 'outstanding',
  good: 'good',
  'requires-improvement': 'requires-improvement',
  inadequate: 'inadequate',
}

const MAPS: Record<string, { grades: Record<string, CommonGrade>; source: Source }> = {
  'inspection-2009': {
    grades: { outstanding: 'outstanding', good: 'good', adequate: 'requires-improvement', inadequate: 'inadequate' },
    source: reference(
      'ODS-2023',
      'frameworks.md §2.2',
      'derived',
      'SLAC "adequate" results appear as "Requires improvement to be good" in Ofsted’s data; the SIF "reclassified adequate as requires improvement" (IE-2014)',
    ),
  },
  'inspection-2013': {
    grades: SAME,
    source: reference('ODS-2025', 'frameworks.md §4.4', 'confirmed'),
  },
}

/**
 * Maps a grade to the common scale, or undefined when there is no defensible mapping: the csa-2009
 * rating measured something else (a whole service's performance, 4 = best) and Ofsted's data never
 * put it on the inspection scale.
 */
export function crosswalkGrade(scaleId: string, gradeId: string): CrosswalkResult | undefined {
  const map = MAPS[scaleId]
  const common = map?.grades[gradeId]
  if (!map || !common) return undefined
  return { common, originalScale: scaleId, originalGrade: gradeId, source: map.source }
}
