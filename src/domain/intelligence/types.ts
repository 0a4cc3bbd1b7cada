import type { CommonGrade } from '../frameworks/index.js'

/** One judgement as published, with the normalised grade next to what Ofsted (or the table) printed. */
export interface RecordedGrade {
  judgement: string
  /** The grade on the common four-point scale, for counting across frameworks. */
  grade: CommonGrade
  /** The text as printed, e.g. 'Requires improvement to be good' or 'Requires Improvement'. */
  originalLabel: string
  /** The grade id on the framework's own scale, e.g. 'adequate' for a 2009–2012 inspection. */
  originalGrade: string
  scale: string
}

/** One inspection of one authority, from whichever file or table it came. Published data: never child-level. */
export interface OutcomeRecord {
  authority: string
  /** ONS code (E06…, E08…, E09…, E10…) where the source gives one. */
  authorityCode: string | null
  region: string | null
  /** Framework version id, e.g. 'sif-2013', 'ilacs-2023'. */
  framework: string
  /** e.g. 'First SIF inspection', 'ILACS Standard Inspection', 'ILACS Focused Visit'. */
  type: string | null
  inspectionDate: string | null
  publicationDate: string | null
  /** Empty for ungraded visits. */
  grades: RecordedGrade[]
  /** Focused and monitoring visits name a theme. */
  theme: string | null
  /** Where it came from: sheet or table name and 1-based row. */
  origin: { sheet: string; row: number }
}

/** A count a source states about itself ("9 local authorities have been rated 'Good'"), to check against its rows. */
export interface StatedTotal {
  judgement: string
  /** A grade, or 'not-yet-good' for a stated share. */
  grade: CommonGrade | 'not-yet-good'
  /** A count, or a percentage when `percent` is true. */
  value: number
  percent: boolean
  /** The sentence it was read from. */
  quote: string
}

export interface OutcomeWarning {
  origin?: { sheet: string; row: number; column?: string }
  message: string
}
