import type { CleanValue, IsoDate, ListNumber } from '../annex-a/index.js'

/** One child-level row of an Annex A test run, as sampling sees it. */
export interface PopulationRow {
  readonly childId: string
  readonly list: ListNumber
  /** The sheet row number the analyst sees, so a sampled case can be found in the file. */
  readonly row: number
  readonly data: Readonly<Record<string, CleanValue>>
}

/**
 * A test on a row. Codes are compared exactly as Annex A writes them (`a) Yes`); dates are `YYYY-MM-DD`.
 * `childOnList` looks across lists: "contacts that proceeded to referral" are List 1 rows whose child is on List 3.
 */
export type CaseFilter =
  | { readonly column: string; readonly in: readonly string[] }
  | { readonly column: string; readonly notIn: readonly string[] }
  | { readonly column: string; readonly blank: boolean }
  | { readonly column: string; readonly atLeast: number }
  | { readonly column: string; readonly withinMonths: number }
  | { readonly childOnList: ListNumber; readonly present: boolean }

export type BalanceBy = 'team' | 'worker'

export interface Stratum {
  readonly id: string
  readonly label: string
  readonly lists: readonly ListNumber[]
  readonly filters: readonly CaseFilter[]
  /** How many children to draw, or every eligible child (a baseline audit of all open cases). */
  readonly quota: number | 'all'
  readonly when?: string
}

export interface SamplingPlan {
  readonly id: string
  readonly label: string
  readonly description: string
  /** Where the plan comes from: a seed paragraph, a framework, or the organisation that wrote it. */
  readonly source: string
  readonly origin: 'framework' | 'built-in' | 'custom'
  readonly strata: readonly Stratum[]
  /** Spread each stratum's draw evenly across teams or workers, so one team's practice does not dominate. */
  readonly balanceBy?: BalanceBy
  /** Leave out children whose case was audited this many days ago or less. */
  readonly excludeAuditedWithinDays?: number
}

export interface SampledCase {
  readonly childId: string
  readonly list: ListNumber
  readonly row: number
  readonly stratum: string
  readonly team: string | null
  readonly worker: string | null
}

export interface Shortfall {
  readonly stratum: string
  readonly wanted: number
  readonly available: number
}

export interface DrawInput {
  readonly plan: SamplingPlan
  readonly seed: string
  readonly population: readonly PopulationRow[]
  /** The run's reference date: `withinMonths` filters count back from it. */
  readonly referenceDate: IsoDate
  /** Children audited recently (see `excludeAuditedWithinDays`); the caller looks them up. */
  readonly excludedChildIds?: ReadonlySet<string>
}

export interface DrawnSample {
  readonly cases: readonly SampledCase[]
  readonly shortfalls: readonly Shortfall[]
}
