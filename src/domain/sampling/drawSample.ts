import { listsByChild, matchesStratum, teamOf, workerOf, type FilterContext } from './filters.js'
import { createRandom, streamKey, type Random } from './random.js'
import type { BalanceBy, DrawInput, DrawnSample, PopulationRow, SampledCase, Shortfall, Stratum } from './types.js'

export class RedrawError extends Error {}

/**
 * Draws a sample: for each stratum in plan order, a random set of distinct children whose rows pass its filters.
 * Reproducible: the same plan, seed and population (in any order) give the same cases, because candidates are put
 * in a canonical order before a stream seeded by (seed, plan, stratum) shuffles them. A child is drawn at most
 * once across the whole sample; a stratum that cannot fill its quota is reported as a shortfall, never padded.
 */
export function drawSample(input: DrawInput): DrawnSample {
  const context = filterContext(input)
  const rowsOf = rowsByList(input.population)
  const excluded = input.excludedChildIds ?? new Set<string>()
  const taken = new Set<string>()
  const cases: SampledCase[] = []
  const shortfalls: Shortfall[] = []
  for (const stratum of input.plan.strata) {
    const pool = eligibleRows(
      rowsOf(stratum),
      stratum,
      context,
      row => !excluded.has(row.childId) && !taken.has(row.childId),
    )
    const available = new Set(pool.map(row => row.childId)).size
    const wanted = stratum.quota === 'all' ? available : stratum.quota
    const random = createRandom(streamKey(input.seed, input.plan.id, stratum.id))
    const picked =
      stratum.quota === 'all'
        ? takeEveryChild(pool, taken)
        : input.plan.balanceBy
          ? pickBalanced(pool, wanted, random, taken, groupKey(input.plan.balanceBy))
          : pickRandom(pool, wanted, random, taken)
    for (const row of picked) cases.push(toCase(row, stratum.id))
    if (picked.length < wanted) shortfalls.push({ stratum: stratum.id, wanted, available })
  }
  return { cases, shortfalls }
}

export interface RedrawInput extends DrawInput {
  readonly cases: readonly SampledCase[]
  /** The child to replace. */
  readonly replace: string
  /** Children replaced before in this sample: never drawn back in. */
  readonly rejected?: readonly string[]
}

export interface Redraw {
  readonly cases: readonly SampledCase[]
  readonly replaced: SampledCase
  /** null when the stratum has no other eligible child; the sample is then unchanged. */
  readonly replacement: SampledCase | null
}

/**
 * Replaces one case with another child from the same stratum and keeps every other case where it is. With a
 * balanced plan a child from the same team (or worker) is preferred, so the balance survives the redraw.
 */
export function redrawCase(input: RedrawInput): Redraw {
  const position = input.cases.findIndex(item => item.childId === input.replace)
  const replaced = input.cases[position]
  if (!replaced) throw new RedrawError(`Child ${input.replace} is not in this sample`)
  const stratum = input.plan.strata.find(item => item.id === replaced.stratum)
  if (!stratum) throw new RedrawError(`The plan has no stratum "${replaced.stratum}"`)
  const blocked = new Set([
    ...input.cases.map(item => item.childId),
    ...(input.rejected ?? []),
    ...(input.excludedChildIds ?? []),
  ])
  const pool = eligibleRows(input.population, stratum, filterContext(input), row => !blocked.has(row.childId))
  const balance = input.plan.balanceBy
  const sameGroup = balance ? pool.filter(row => groupKey(balance)(row) === groupOfCase(replaced, balance)) : []
  const candidates = sameGroup.length > 0 ? sameGroup : pool
  if (candidates.length === 0) return { cases: input.cases, replaced, replacement: null }
  const random = createRandom(
    streamKey(input.seed, input.plan.id, 'redraw', stratum.id, input.replace, input.rejected?.length ?? 0),
  )
  const replacement = toCase(candidates[random.below(candidates.length)]!, stratum.id)
  const cases = input.cases.map((item, index) => (index === position ? replacement : item))
  return { cases, replaced, replacement }
}

/** Rows grouped by list once per draw, so each stratum scans only its own lists (14 strata, one pass each). */
function rowsByList(population: readonly PopulationRow[]): (stratum: Stratum) => PopulationRow[] {
  const byList = new Map<number, PopulationRow[]>()
  for (const row of population) {
    const rows = byList.get(row.list)
    if (rows) rows.push(row)
    else byList.set(row.list, [row])
  }
  for (const rows of byList.values()) rows.sort(canonicalOrder)
  // Presorted input makes the per-stratum sort in eligibleRows a single linear pass.
  return stratum => [...stratum.lists].sort((a, b) => a - b).flatMap(list => byList.get(list) ?? [])
}

function filterContext(input: DrawInput): FilterContext {
  return { referenceDate: input.referenceDate, listsByChild: listsByChild(input.population) }
}

/** Rows of the stratum in canonical order (list, row, child), whatever order the population came in. */
export function eligibleRows(
  population: readonly PopulationRow[],
  stratum: Stratum,
  context: FilterContext,
  allowed: (row: PopulationRow) => boolean,
): PopulationRow[] {
  return population.filter(row => matchesStratum(row, stratum, context) && allowed(row)).sort(canonicalOrder)
}

function canonicalOrder(a: PopulationRow, b: PopulationRow): number {
  return a.list - b.list || a.row - b.row || compareText(a.childId, b.childId)
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function toCase(row: PopulationRow, stratum: string): SampledCase {
  return { childId: row.childId, list: row.list, row: row.row, stratum, team: teamOf(row), worker: workerOf(row) }
}

const NO_GROUP = ''

function groupKey(balanceBy: BalanceBy): (row: PopulationRow) => string {
  return balanceBy === 'team' ? row => teamOf(row) ?? NO_GROUP : row => workerOf(row) ?? NO_GROUP
}

function groupOfCase(item: SampledCase, balanceBy: BalanceBy): string {
  return (balanceBy === 'team' ? item.team : item.worker) ?? NO_GROUP
}

function takeEveryChild(pool: readonly PopulationRow[], taken: Set<string>): PopulationRow[] {
  const picked: PopulationRow[] = []
  for (const row of pool) {
    if (taken.has(row.childId)) continue
    taken.add(row.childId)
    picked.push(row)
  }
  return picked
}

/** Yields the rows in a random order, shuffling only as far as it is read (a lazy Fisher–Yates). */
function shuffled<T>(items: readonly T[], random: Random): () => T | undefined {
  const order = items.slice()
  let cursor = 0
  return () => {
    if (cursor >= order.length) return undefined
    const swap = cursor + random.below(order.length - cursor)
    const item = order[swap]!
    order[swap] = order[cursor]!
    order[cursor] = item
    cursor += 1
    return item
  }
}

function pickRandom(
  pool: readonly PopulationRow[],
  wanted: number,
  random: Random,
  taken: Set<string>,
): PopulationRow[] {
  const next = shuffled(pool, random)
  const picked: PopulationRow[] = []
  for (let row = next(); row && picked.length < wanted; row = next()) {
    if (taken.has(row.childId)) continue
    taken.add(row.childId)
    picked.push(row)
  }
  return picked
}

/** Round robin over the groups in a random order, so counts per group differ by at most one unless a group runs out. */
function pickBalanced(
  pool: readonly PopulationRow[],
  wanted: number,
  random: Random,
  taken: Set<string>,
  keyOf: (row: PopulationRow) => string,
): PopulationRow[] {
  const byGroup = new Map<string, PopulationRow[]>()
  for (const row of pool) {
    const key = keyOf(row)
    const rows = byGroup.get(key)
    if (rows) rows.push(row)
    else byGroup.set(key, [row])
  }
  const groupNames = [...byGroup.keys()].sort(compareText)
  const nextGroup = shuffled(groupNames, random)
  const groups: { next: () => PopulationRow | undefined }[] = []
  for (let name = nextGroup(); name !== undefined; name = nextGroup())
    groups.push({ next: shuffled(byGroup.get(name)!, random) })
  const picked: PopulationRow[] = []
  let active = groups
  while (picked.length < wanted && active.length > 0) {
    const stillActive: typeof groups = []
    for (const group of active) {
      if (picked.length >= wanted) break
      let row = group.next()
      while (row && taken.has(row.childId)) row = group.next()
      if (!row) continue
      taken.add(row.childId)
      picked.push(row)
      stillActive.push(group)
    }
    active = stillActive
  }
  return picked
}
