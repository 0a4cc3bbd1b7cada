import { z } from 'zod'

export const THEMES_TO_PLAN_FIELDS = ['sample', 'from', 'to', 'plan'] as const

/** The POST: the round (hidden fields), the plan chosen and the themes ticked. */
export const themesToPlanSchema = z.object({
  sample: z.string().max(40).optional(),
  from: z.string().max(10).optional(),
  to: z.string().max(10).optional(),
  plan: z.string().trim().min(1, 'Select the improvement plan').max(40, 'Select the improvement plan'),
  themes: z
    .array(z.string().regex(/^[a-z0-9-]{1,60}$/, 'Select themes from the list'))
    .min(1, 'Select at least one theme')
    .max(100),
})

/** Checkbox values arrive as one string or several; anything else is ignored. */
export function checkedValues(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string').slice(0, 100) : []
}
