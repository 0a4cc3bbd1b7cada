import { addCalendarDays, addMonths, compareDates, type IsoDate } from './isoDate.js'
import { addWorkingDays, ENGLAND_AND_WALES, type WorkingDayCalendar } from './workingDays.js'

/** How a milestone is measured from the one before it. Applied in this order: months, calendar days, working days. */
export interface Offset {
  months?: number
  calendarDays?: number
  workingDays?: number
}

/** ✅ confirmed by the cited text, 📊 derived from published data, ⚠️ unverified (see reference/frameworks.md §0). */
export type Evidence = 'confirmed' | 'derived' | 'unverified'

export interface MilestoneSpec {
  id: string
  label: string
  /** The milestone this one is measured from; absent for the events a timeline can start from. */
  after?: string
  offset?: Offset
  /** The rule in words, e.g. "Draft letter to the DCS within 5 working days of the end of the inspection". */
  rule: string
  /** Where the rule comes from, e.g. "seed 001 §40" or "frameworks.md §4.3 [JTAI-COLL]". */
  source: string
  evidence: Evidence
  /** Why an offset was read the way it was, when the source is loose ("5 days" read as working days). */
  interpretation?: string
}

export interface TimelineSpec {
  milestones: readonly MilestoneSpec[]
}

export interface TimelineAnchor {
  event: string
  date: IsoDate
}

export interface DatedMilestone {
  id: string
  label: string
  date: IsoDate
  rule: string
  source: string
  evidence: Evidence
  interpretation?: string
  /** The milestone whose date this one was computed from (null for the anchor). */
  computedFrom: string | null
  /**
   * 'backward' when worked back from a later milestone: a working-day offset then gives the latest
   * date consistent with the rule, not necessarily the day it happened.
   */
  direction: 'anchor' | 'forward' | 'backward'
}

export interface Timeline {
  anchor: TimelineAnchor
  milestones: DatedMilestone[]
}

export class TimelineSpecError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TimelineSpecError'
  }
}

export function applyOffset(date: IsoDate, offset: Offset, calendar: WorkingDayCalendar = ENGLAND_AND_WALES): IsoDate {
  let result = date
  if (offset.months) result = addMonths(result, offset.months)
  if (offset.calendarDays) result = addCalendarDays(result, offset.calendarDays)
  if (offset.workingDays) result = addWorkingDays(result, offset.workingDays, calendar)
  return result
}

/** The inverse of applyOffset: the parts are undone in the opposite order. */
export function removeOffset(date: IsoDate, offset: Offset, calendar: WorkingDayCalendar = ENGLAND_AND_WALES): IsoDate {
  let result = date
  if (offset.workingDays) result = addWorkingDays(result, -offset.workingDays, calendar)
  if (offset.calendarDays) result = addCalendarDays(result, -offset.calendarDays)
  if (offset.months) result = addMonths(result, -offset.months)
  return result
}

function validate(spec: TimelineSpec): Map<string, MilestoneSpec> {
  const byId = new Map<string, MilestoneSpec>()
  for (const milestone of spec.milestones) {
    if (byId.has(milestone.id)) throw new TimelineSpecError(`Milestone '${milestone.id}' is defined twice`)
    byId.set(milestone.id, milestone)
  }
  for (const milestone of spec.milestones) {
    if (milestone.after !== undefined && !byId.has(milestone.after)) {
      throw new TimelineSpecError(`Milestone '${milestone.id}' is measured from unknown milestone '${milestone.after}'`)
    }
  }
  return byId
}

/**
 * Dates every milestone of a timeline from one known event. Milestones are linked by offsets into a
 * tree; from the anchor the walk goes forward along offsets (after → later) and backward against them,
 * so a timeline can start from the notification call, the first day on site or the last.
 */
export function buildTimeline(
  spec: TimelineSpec,
  anchor: TimelineAnchor,
  calendar: WorkingDayCalendar = ENGLAND_AND_WALES,
): Timeline {
  const byId = validate(spec)
  const anchorSpec = byId.get(anchor.event)
  if (!anchorSpec) {
    throw new TimelineSpecError(
      `Unknown anchor event '${anchor.event}'; expected one of: ${spec.milestones.map(m => m.id).join(', ')}`,
    )
  }
  const dated = new Map<string, DatedMilestone>()
  const describe = (m: MilestoneSpec, date: IsoDate, from: string | null, direction: DatedMilestone['direction']) => {
    const result: DatedMilestone = {
      id: m.id,
      label: m.label,
      date,
      rule: m.rule,
      source: m.source,
      evidence: m.evidence,
      computedFrom: from,
      direction,
    }
    if (m.interpretation) result.interpretation = m.interpretation
    return result
  }
  dated.set(anchorSpec.id, describe(anchorSpec, anchor.date, null, 'anchor'))
  const queue = [anchorSpec.id]
  while (queue.length > 0) {
    const currentId = queue.shift() as string
    const current = dated.get(currentId) as DatedMilestone
    const currentSpec = byId.get(currentId) as MilestoneSpec
    // Forward: milestones measured from this one.
    for (const next of spec.milestones) {
      if (next.after === currentId && !dated.has(next.id)) {
        dated.set(next.id, describe(next, applyOffset(current.date, next.offset ?? {}, calendar), currentId, 'forward'))
        queue.push(next.id)
      }
    }
    // Backward: the milestone this one is measured from.
    if (currentSpec.after !== undefined && !dated.has(currentSpec.after)) {
      const previous = byId.get(currentSpec.after) as MilestoneSpec
      const date = removeOffset(current.date, currentSpec.offset ?? {}, calendar)
      dated.set(previous.id, describe(previous, date, currentId, 'backward'))
      queue.push(previous.id)
    }
  }
  const order = new Map(spec.milestones.map((m, index) => [m.id, index]))
  const milestones = [...dated.values()].sort(
    (a, b) => compareDates(a.date, b.date) || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
  )
  return { anchor, milestones }
}
