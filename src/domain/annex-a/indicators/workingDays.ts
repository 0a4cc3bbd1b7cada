import { dayNumber } from '../parse/dates.js'
import type { IsoDate } from '../types.js'

/**
 * England and Wales bank holidays, 2015–2027 (gov.uk/bank-holidays), including the one-off days of 2020 (VE Day
 * moved), 2022 (Platinum Jubilee, the State Funeral) and 2023 (the Coronation). Passed in as data so the shared
 * calendar module can supply a fresher list.
 */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: readonly IsoDate[] = [
  ...['2015-01-01', '2015-04-03', '2015-04-06', '2015-05-04', '2015-05-25', '2015-08-31', '2015-12-25', '2015-12-28'],
  ...['2016-01-01', '2016-03-25', '2016-03-28', '2016-05-02', '2016-05-30', '2016-08-29', '2016-12-26', '2016-12-27'],
  ...['2017-01-02', '2017-04-14', '2017-04-17', '2017-05-01', '2017-05-29', '2017-08-28', '2017-12-25', '2017-12-26'],
  ...['2018-01-01', '2018-03-30', '2018-04-02', '2018-05-07', '2018-05-28', '2018-08-27', '2018-12-25', '2018-12-26'],
  ...['2019-01-01', '2019-04-19', '2019-04-22', '2019-05-06', '2019-05-27', '2019-08-26', '2019-12-25', '2019-12-26'],
  ...['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
  ...['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
  ...['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19'],
  ...['2022-12-26', '2022-12-27'],
  ...['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25'],
  ...['2023-12-26'],
  ...['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  ...['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  ...['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  ...['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
]

export interface WorkingDayCalendar {
  /** Working days after `from` up to and including `to` (0 when the same day; negative when `to` is earlier). */
  workingDaysBetween(from: IsoDate, to: IsoDate): number
}

/** 1 Jan 1970 was a Thursday; day numbers count from it. */
const isWeekend = (day: number): boolean => {
  const weekday = (((day + 4) % 7) + 7) % 7 // 0 = Sunday
  return weekday === 0 || weekday === 6
}

export function createWorkingDayCalendar(
  bankHolidays: readonly IsoDate[] = ENGLAND_AND_WALES_BANK_HOLIDAYS,
): WorkingDayCalendar {
  const holidays = new Set(bankHolidays.map(dayNumber))
  return {
    workingDaysBetween(from, to) {
      const start = dayNumber(from)
      const end = dayNumber(to)
      if (end < start) return -this.workingDaysBetween(to, from)
      // Whole weeks hold 5 weekdays each, so only the remainder is walked day by day.
      const span = end - start
      let count = Math.floor(span / 7) * 5
      for (let day = start + Math.floor(span / 7) * 7 + 1; day <= end; day += 1) if (!isWeekend(day)) count += 1
      for (const holiday of holidays) if (holiday > start && holiday <= end && !isWeekend(holiday)) count -= 1
      return count
    },
  }
}
