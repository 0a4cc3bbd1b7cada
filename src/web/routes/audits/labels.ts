import { AUDIT_SCALES, type Countdown } from '../../../domain/audits/index.js'

/** Words for ids and states, as people read them on the audit pages. */
export const STATUS_LABELS: Record<string, string> = {
  assigned: 'In progress',
  submitted: 'Submitted',
  'signed-off': 'Signed off',
}

const GRADE_LABELS: Record<string, string> = Object.fromEntries(
  Object.values(AUDIT_SCALES).flatMap(scale => scale.map(grade => [grade.id, grade.label])),
)

export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status
}

export function gradeLabel(grade: string | null | undefined): string {
  if (!grade) return '–'
  return GRADE_LABELS[grade] ?? grade
}

/** "3 working days left", "Due today", "Overdue by 2 working days": the countdown in words. */
export function countdownText(countdown: Countdown, status = 'assigned'): string {
  if (status !== 'assigned') return statusLabel(status)
  const days = Math.abs(countdown.workingDaysLeft)
  const unit = days === 1 ? 'working day' : 'working days'
  if (countdown.status === 'overdue') return `Overdue by ${days} ${unit}`
  if (countdown.status === 'due-today') return 'Due today'
  return `${days} ${unit} left`
}

/** The GOV.UK tag colour for a countdown: red when overdue, yellow on the day, blue otherwise. */
export function countdownTagClass(countdown: Countdown, status = 'assigned'): string {
  if (status === 'signed-off') return 'govuk-tag--green'
  if (status !== 'assigned') return 'govuk-tag--grey'
  if (countdown.status === 'overdue') return 'govuk-tag--red'
  if (countdown.status === 'due-today') return 'govuk-tag--yellow'
  return 'govuk-tag--blue'
}

export function percentText(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '–' : `${rate}%`
}

/** Helpers every audit view uses, passed to templates as locals. */
export const auditViewHelpers = { statusLabel, gradeLabel, countdownText, countdownTagClass, percentText }

/** A form field that may repeat (checkboxes): always a list of bounded strings, never anything else. */
export function stringList(value: unknown, max = 500): string[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return values
    .filter((item): item is string => typeof item === 'string')
    .slice(0, max)
    .map(item => item.slice(0, 200))
}

/** One string field, bounded: long enough that over-long text reaches validation and is refused, not cut. */
export function stringField(body: unknown, field: string, max = 20_000): string {
  const value = ((body ?? {}) as Record<string, unknown>)[field]
  return typeof value === 'string' ? value.slice(0, max) : ''
}

/**
 * Errors in the order of the fields on the page. The session store keeps form state as jsonb, which does not keep
 * key order, so the order is restored when the page is rendered. Fields not listed go last, as they came.
 */
export function inPageOrder(errors: Record<string, string>, order: readonly string[]): Record<string, string> {
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length)
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => rank(a) - rank(b)))
}
