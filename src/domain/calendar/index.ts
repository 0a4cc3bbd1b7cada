/**
 * The working-day calendar: England and Wales bank holidays, working-day arithmetic, inspection
 * timelines and next-inspection forecasts. Pure functions over 'YYYY-MM-DD' strings.
 */
export {
  BANK_HOLIDAY_SOURCE,
  bankHolidaysInYear,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  FIRST_COVERED_YEAR,
  LAST_COVERED_YEAR,
  PROJECTED_FROM_YEAR,
} from './bankHolidays.js'
export type { BankHoliday, BankHolidayKind } from './bankHolidays.js'
export { easterSunday } from './easter.js'
export { forecastNextInspection } from './forecast.js'
export type { CycleRule, InspectionForecast, LastInspection } from './forecast.js'
export {
  addCalendarDays,
  addMonths,
  assertIsoDate,
  compareDates,
  dayOfWeek,
  InvalidDateError,
  isIsoDate,
  isWeekend,
} from './isoDate.js'
export type { IsoDate } from './isoDate.js'
export { applyOffset, buildTimeline, removeOffset, TimelineSpecError } from './timeline.js'
export type {
  DatedMilestone,
  Evidence,
  MilestoneSpec,
  Offset,
  Timeline,
  TimelineAnchor,
  TimelineSpec,
} from './timeline.js'
export {
  addWorkingDays,
  bankHolidayOn,
  countWorkingDays,
  createCalendar,
  DateOutsideCalendarError,
  endOfWorkingDaySpan,
  ENGLAND_AND_WALES,
  isWorkingDay,
  nextWorkingDay,
  workingDayOnOrAfter,
} from './workingDays.js'
export type { WorkingDayCalendar } from './workingDays.js'
