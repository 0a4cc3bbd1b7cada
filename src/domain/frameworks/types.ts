import type { CycleRule, Evidence, TimelineSpec } from '../calendar/index.js'

export type { Evidence }

/**
 * Where a fact comes from. `ref` names the document: a seed ("seed 001"), a key of
 * reference/frameworks.md §9 ("ODS-2025"), or that document itself ("frameworks.md").
 */
export interface Source {
  ref: string
  /** Paragraph or section within it: "§40", "Appendix 1", "§4.5". */
  at?: string
  quote?: string
  evidence: Evidence
}

export interface Grade {
  /** kebab-case id used in the API and the CLI: 'requires-improvement'. */
  id: string
  label: string
  /** The number Ofsted printed next to the label, where it had one (1 = outstanding; csa-2009: 4 = excellently). */
  number?: number
  description?: string
}

export interface GradeScale {
  id: string
  label: string
  /** Best first. The engine orders grades by this position only, never by `number`. */
  grades: readonly Grade[]
  /** Says which printed number is best, because csa-2009 runs the other way from inspection grades. */
  numbering?: 'one-is-best' | 'four-is-best'
  note?: string
  source: Source
}

export type JudgementKind =
  | 'overall'
  | 'key'
  | 'sub'
  | 'standalone'
  | 'component'
  /** An input the rules refer to that the report does not print as a grade (e.g. a finding that exists or not). */
  | 'input'
  /** A heading in the report without a grade; kept so the tree reads like the report. */
  | 'heading'

export interface Judgement {
  id: string
  label: string
  kind: JudgementKind
  /** Absent for headings and ungraded findings. */
  scale?: string
  parent?: string
  description?: string
  /** Grade descriptors or evaluation criteria, when the sources give them. */
  criteria?: readonly string[]
  source: Source
}

/** A test on grades. `atOrBelow: 'inadequate'` is true when the grade is inadequate (or worse, were there any). */
export type Condition =
  | { judgement: string; atOrBelow: string }
  | { judgement: string; atOrAbove: string }
  | { judgement: string; is: readonly string[] }
  | { all: readonly Condition[] }
  | { any: readonly Condition[] }
  /** True when the number of true conditions lies within [min, max]. */
  | { count: readonly Condition[]; min?: number; max?: number }

export type Effect =
  /** The target can be no better than `grade`. */
  | { type: 'cap'; target: string; grade: string }
  /** The target can be no worse than `grade`. */
  | { type: 'floor'; target: string; grade: string }
  /** The target can be no better than the worst of `by`, lowered by `steps` grades ("limited by one grade"). */
  | { type: 'no-better-than'; target: string; by: readonly string[]; steps?: number }
  /** The target lies between the best and the worst of `of`. */
  | { type: 'within-range-of'; target: string; of: readonly string[] }
  /** The target equals `by`. */
  | { type: 'equal-to'; target: string; by: string }
  /** The rule exists to say what does NOT follow (an inadequate sub-judgement does not force its parent). */
  | { type: 'no-effect'; target: string; note: string }

/**
 * - normative: stated by the framework (or by a council paper quoting it). `certainty` follows its
 *   wording: 'always' ("will result in"), 'likely' ("likely to be limited", "unlikely to be good"),
 *   'may' ("may be inadequate", never narrows a range, only warns).
 * - empirical: a pattern in Ofsted's published outcomes, never Ofsted's rule. It warns; it narrows a
 *   range only when asked to and only if it held in every case.
 */
export interface Rule {
  id: string
  kind: 'normative' | 'empirical'
  certainty: 'always' | 'likely' | 'may'
  text: string
  /** When absent the effect always applies. */
  when?: Condition
  effect: Effect
  source: Source
  /** Empirical rules: in how many published inspections the condition held, and the effect with it. */
  hitRate?: {
    applied: number
    agreed: number
    population: string
    /**
     * 'backwards' when the figure was counted from the conclusion: of the records where the target's grade lay
     * outside what the rule allows, how many did not meet its condition (e.g. "overall inadequate ⇒ at least one
     * other judgement inadequate": 35 of 35). Replays count such rules the same way so the figures compare.
     */
    read?: 'forwards' | 'backwards'
  }
  interpretation?: string
}

export interface DocumentRequirement {
  id: string
  label: string
  /** When it must be ready or supplied, in words. */
  when?: string
  source: Source
}

export interface InterviewGroup {
  id: string
  label: string
  people: readonly string[]
  source: Source
}

export interface SamplingStratum {
  id: string
  label: string
  count?: number
  when?: string
}

export interface SamplingPlan {
  id: string
  label: string
  description: string
  strata: readonly SamplingStratum[]
  source: Source
}

export interface InspectionType {
  id: string
  label: string
  graded: boolean
  appliesTo?: string
  onSite?: string
  notice?: string
  /** What the inspection produces. */
  output?: string
  timeline?: TimelineSpec
  source: Source
}

export interface Framework {
  id: string
  label: string
  version: string
  /** ISO dates; `to` absent while in use. */
  inForce: { from: string; to?: string }
  summary: string
  statutoryBasis?: string
  status: 'in-use' | 'historical' | 'announced'
  sources: readonly Source[]
  scales: readonly GradeScale[]
  judgements: readonly Judgement[]
  rules: readonly Rule[]
  inspectionTypes: readonly InspectionType[]
  cycle?: readonly CycleRule[]
  /** Which inspection type usually follows a given grade (ILACS: good → short inspection). */
  routing?: readonly { afterGrades: readonly string[]; nextType: string; source: Source; note?: string }[]
  /** Finding categories for ungraded inspections (strengths, areas for development, areas for priority action). */
  findingCategories?: readonly { id: string; label: string; source: Source }[]
  evaluationAreas?: readonly { id: string; label: string; details?: readonly string[]; source: Source }[]
  documents?: readonly DocumentRequirement[]
  externalData?: readonly { id: string; label: string; source: Source }[]
  interviews?: readonly InterviewGroup[]
  sampling?: readonly SamplingPlan[]
  /** Questions or topics the authority is asked about (ILACS self-evaluation, UCRA manager meeting). */
  questions?: readonly { id: string; label: string; items: readonly string[]; source: Source }[]
  triggers?: readonly { id: string; label: string; source: Source }[]
  notes?: readonly { text: string; source: Source }[]
}
