import { addWorkingDays, countWorkingDays, type IsoDate } from '../calendar/index.js'

/**
 * When the authority must finish: "within the first four days of receiving the inspection phone call … an audit of
 * 18 cases" (seed 003 §8), read as working days after the day the cases are assigned.
 */
export const INSPECTION_AUDIT_WORKING_DAYS = 4

export function auditDueDate(assignedOn: IsoDate, workingDays = INSPECTION_AUDIT_WORKING_DAYS): IsoDate {
  return addWorkingDays(assignedOn, workingDays)
}

export interface Countdown {
  readonly due: IsoDate
  /** Working days from today to the due date: 0 on the day it is due, negative once overdue. */
  readonly workingDaysLeft: number
  readonly status: 'on-track' | 'due-today' | 'overdue'
}

export function countdown(today: IsoDate, due: IsoDate): Countdown {
  const workingDaysLeft = countWorkingDays(today, due)
  return {
    due,
    workingDaysLeft,
    status: workingDaysLeft > 0 ? 'on-track' : workingDaysLeft === 0 ? 'due-today' : 'overdue',
  }
}
