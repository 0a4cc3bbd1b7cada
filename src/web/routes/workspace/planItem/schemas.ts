import { z } from 'zod'
import { isIsoDate, PROGRESS_STATUSES, RAG_VALUES } from '../../../../domain/workspace/index.js'

export const UPDATE_FIELDS = ['expectedVersion', 'date-day', 'date-month', 'date-year', 'status', 'note'] as const
export const OVERRIDE_FIELDS = ['expectedVersion', 'action', 'rag', 'reason'] as const

/** The GOV.UK date input's three boxes as one 'YYYY-MM-DD', or a message naming what is wrong. */
export function dateFromParts(day: string, month: string, year: string): string | { error: string } {
  if (!day.trim() && !month.trim() && !year.trim()) return { error: 'Enter the date of the update' }
  const date = `${year.trim().padStart(4, '0')}-${month.trim().padStart(2, '0')}-${day.trim().padStart(2, '0')}`
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !isIsoDate(date))
    return { error: 'The date of the update must be a real date' }
  return date
}

export const updateFormSchema = z.object({
  status: z.enum(PROGRESS_STATUSES, { message: 'Select the progress status' }),
  note: z.string().trim().min(1, 'Describe the progress made').max(4000, 'Update must be 4,000 characters or fewer'),
})

export const overrideFormSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('set'),
    rag: z.enum(RAG_VALUES, { message: 'Select the RAG rating to show' }),
    reason: z
      .string()
      .trim()
      .min(5, 'Give the reason for overriding the computed RAG')
      .max(1000, 'Reason must be 1,000 characters or fewer'),
  }),
  z.object({ action: z.literal('clear') }),
])

/** The action's own fields on the edit and add forms; each date is three boxes and may be left blank. */
export const ITEM_FIELDS = [
  'expectedVersion',
  'ref',
  'issue',
  'area',
  'leadManager',
  'leadOfficer',
  'action',
  'milestoneDate-day',
  'milestoneDate-month',
  'milestoneDate-year',
  'targetDate-day',
  'targetDate-month',
  'targetDate-year',
] as const

/** Blank boxes are "no date"; anything else must be a real date. */
export function optionalDateFromParts(
  values: Record<string, string>,
  name: string,
  label: string,
): string | null | { error: string } {
  const [day, month, year] = ['day', 'month', 'year'].map(part => (values[`${name}-${part}`] ?? '').trim())
  if (!day && !month && !year) return null
  const date = `${year!.padStart(4, '0')}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !isIsoDate(date) || year!.length !== 4)
    return { error: `The ${label} must be a real date, for example 31 3 2026` }
  return date
}

/** Splits 'YYYY-MM-DD' into the three boxes of a GOV.UK date input. */
export function dateParts(name: string, date: string | null): Record<string, string> {
  const [year = '', month = '', day = ''] = date ? date.split('-') : []
  return {
    [`${name}-day`]: day ? String(Number(day)) : '',
    [`${name}-month`]: month ? String(Number(month)) : '',
    [`${name}-year`]: year,
  }
}
