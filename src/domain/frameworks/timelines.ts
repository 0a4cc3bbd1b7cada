import {
  buildTimeline,
  ENGLAND_AND_WALES,
  forecastNextInspection,
  type InspectionForecast,
  type IsoDate,
  type LastInspection,
  type Timeline,
  type TimelineAnchor,
  type WorkingDayCalendar,
} from '../calendar/index.js'
import { FrameworkInputError } from './model.js'
import type { Framework, InspectionType } from './types.js'

/** The inspection type to use when none is named: the only one with a timeline, or the first. */
function defaultType(framework: Framework): InspectionType | undefined {
  const withTimeline = framework.inspectionTypes.filter(type => type.timeline)
  return withTimeline[0]
}

/**
 * Dates every milestone of a framework's inspection or visit type from one anchor event
 * (notification, fieldwork-start or fieldwork-end).
 */
export function timelineFor(
  framework: Framework,
  typeId: string | undefined,
  anchor: TimelineAnchor,
  calendar: WorkingDayCalendar = ENGLAND_AND_WALES,
): Timeline {
  const type = typeId === undefined ? defaultType(framework) : framework.inspectionTypes.find(t => t.id === typeId)
  if (!type?.timeline) {
    const withTimelines = framework.inspectionTypes.filter(t => t.timeline).map(t => t.id)
    throw new FrameworkInputError(
      `${framework.id} has no timeline for ${typeId === undefined ? 'any inspection type' : `'${typeId}'`}; types with timelines: ${withTimelines.join(', ') || 'none'}`,
    )
  }
  return buildTimeline(type.timeline, anchor, calendar)
}

export interface NextInspection extends InspectionForecast {
  /** The inspection type that usually follows that grade, where the framework says. */
  nextType?: string
}

/** The next expected inspection window after `last`, and whether it is overdue on `today`. */
export function forecastFor(framework: Framework, last: LastInspection, today?: IsoDate): NextInspection | undefined {
  const forecast = forecastNextInspection(framework.cycle ?? [], last, today)
  if (!forecast) return undefined
  const route = framework.routing?.find(r => last.grade !== undefined && r.afterGrades.includes(last.grade))
  return route ? { ...forecast, nextType: route.nextType } : forecast
}
