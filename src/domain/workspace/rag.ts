import { daysBetween, firstOfMonth, type IsoDate } from './dates.js'

export const RAG_VALUES = ['red', 'amber', 'green', 'complete'] as const
export type Rag = (typeof RAG_VALUES)[number]

export const RAG_LABELS: Record<Rag, string> = { red: 'Red', amber: 'Amber', green: 'Green', complete: 'Complete' }

/** What the lead says about progress in each dated update. */
export const PROGRESS_STATUSES = ['not-started', 'on-track', 'at-risk', 'off-track', 'complete'] as const
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number]

export const PROGRESS_LABELS: Record<ProgressStatus, string> = {
  'not-started': 'Not started',
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  complete: 'Complete',
}

export interface RagInput {
  /** The latest update's status, or the item's own status when it has no updates. */
  status: ProgressStatus
  /** The interim checkpoint ("Milestone Date" in seed 001). */
  milestoneDate: IsoDate | null
  /** When the action should be finished ("Completion date" in seed 001). */
  targetDate: IsoDate | null
  /** The date of the latest progress update, or when the item was added if none. */
  lastUpdatedOn: IsoDate
}

export interface RagRules {
  /** Amber when the due date is this many days away or fewer. */
  dueSoonDays: number
  /** Amber when nobody has updated the item for longer than this (plans are reviewed monthly: seed 003 §10). */
  staleAfterDays: number
}

export const DEFAULT_RAG_RULES: RagRules = { dueSoonDays: 14, staleAfterDays: 35 }

export interface RagResult {
  rag: Rag
  /** Why, in words a committee member can read: the first reason decided the colour. */
  reasons: string[]
}

/**
 * The documented RAG rules (docs/workspace.md). Any red reason makes it Red, else any amber reason Amber:
 * 1. complete status → Complete
 * 2. due date (target, else milestone) has passed → Red
 * 3. latest update says off track → Red
 * 4. no due date at all → Amber
 * 5. milestone passed and no update since it → Amber
 * 6. latest update says at risk → Amber
 * 7. no update for more than `staleAfterDays` → Amber
 * 8. due within `dueSoonDays` → Amber
 * 9. otherwise → Green
 */
export function computeRag(item: RagInput, today: IsoDate, rules: RagRules = DEFAULT_RAG_RULES): RagResult {
  if (item.status === 'complete') return { rag: 'complete', reasons: ['Marked complete'] }
  const due = item.targetDate ?? item.milestoneDate
  const red: string[] = []
  const amber: string[] = []
  if (due !== null && due < today) red.push(`Overdue: due ${due}`)
  if (item.status === 'off-track') red.push('Latest update says off track')
  if (due === null) amber.push('No milestone or target date set')
  if (item.milestoneDate !== null && item.milestoneDate < today && item.lastUpdatedOn < item.milestoneDate)
    amber.push(`Milestone ${item.milestoneDate} passed with no update since`)
  if (item.status === 'at-risk') amber.push('Latest update says at risk')
  const quietDays = daysBetween(item.lastUpdatedOn, today)
  if (quietDays > rules.staleAfterDays) amber.push(`No update for ${quietDays} days`)
  if (due !== null && due >= today && daysBetween(today, due) <= rules.dueSoonDays) amber.push(`Due soon: ${due}`)
  // Red reasons come first, so the first reason always explains the colour shown.
  if (red.length > 0) return { rag: 'red', reasons: [...red, ...amber] }
  if (amber.length > 0) return { rag: 'amber', reasons: amber }
  return { rag: 'green', reasons: ['On track, updated recently and not yet due'] }
}

export interface RagOverride {
  rag: Rag
  reason: string
}

/** What people see: the override when there is one, always beside the computed value. */
export function effectiveRag(computed: Rag, override: RagOverride | null): Rag {
  return override ? override.rag : computed
}

export type RagSummary = Record<Rag, number>

export function summariseRag(rags: Iterable<Rag>): RagSummary {
  const summary: RagSummary = { red: 0, amber: 0, green: 0, complete: 0 }
  for (const rag of rags) summary[rag] += 1
  return summary
}

export interface TrackedItem extends RagInput {
  lead: string
}

/** Open items whose due date has passed, grouped by lead (people are chased by name). */
export function overdueByLead<T extends TrackedItem>(items: readonly T[], today: IsoDate): Map<string, T[]> {
  return groupByLead(
    items.filter(item => item.status !== 'complete' && dueDate(item) !== null && dueDate(item)! < today),
  )
}

/** Open items with no update since the first day of this month ("not updated this month"). */
export function notUpdatedThisMonthByLead<T extends TrackedItem>(
  items: readonly T[],
  today: IsoDate,
): Map<string, T[]> {
  const monthStart = firstOfMonth(today)
  return groupByLead(items.filter(item => item.status !== 'complete' && item.lastUpdatedOn < monthStart))
}

function dueDate(item: RagInput): IsoDate | null {
  return item.targetDate ?? item.milestoneDate
}

function groupByLead<T extends TrackedItem>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const lead = item.lead.trim() || 'No lead named'
    groups.set(lead, [...(groups.get(lead) ?? []), item])
  }
  return new Map([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)))
}
