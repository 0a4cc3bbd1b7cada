import { drawSample, eligibleRows } from './drawSample.js'
import { listsByChild } from './filters.js'
import type { DrawInput, Stratum } from './types.js'

export interface StratumPreview {
  readonly stratum: string
  readonly label: string
  readonly quota: Stratum['quota']
  /** Children who pass the stratum's lists and filters (recently audited children left out). */
  readonly eligible: number
  /** Children the draw takes: fewer than eligible when earlier strata took some of them first. */
  readonly drawn: number
  readonly shortfall: number
  /** Distinct teams (or workers, per the plan's balance) among the children drawn; null when not balanced. */
  readonly groups: number | null
}

export interface PlanPreview {
  readonly strata: readonly StratumPreview[]
  readonly cases: number
}

/**
 * What a plan would draw from a population, in counts: the same draw as `drawSample` (so quotas, balance,
 * exclusions and one-child-once all apply) with the cases reduced to numbers per stratum, for checking a plan
 * before it is stored or used.
 */
export function previewPlan(input: DrawInput): PlanPreview {
  const { cases, shortfalls } = drawSample(input)
  const context = { referenceDate: input.referenceDate, listsByChild: listsByChild(input.population) }
  const excluded = input.excludedChildIds ?? new Set<string>()
  const balance = input.plan.balanceBy
  const strata = input.plan.strata.map(stratum => {
    const eligible = new Set(
      eligibleRows(input.population, stratum, context, row => !excluded.has(row.childId)).map(row => row.childId),
    ).size
    const drawnCases = cases.filter(item => item.stratum === stratum.id)
    const shortfall = shortfalls.find(item => item.stratum === stratum.id)
    const groups = balance
      ? new Set(drawnCases.map(item => (balance === 'team' ? item.team : item.worker) ?? '')).size
      : null
    return {
      stratum: stratum.id,
      label: stratum.label,
      quota: stratum.quota,
      eligible,
      drawn: drawnCases.length,
      shortfall: shortfall ? shortfall.wanted - drawnCases.length : 0,
      groups,
    }
  })
  return { strata, cases: cases.length }
}
