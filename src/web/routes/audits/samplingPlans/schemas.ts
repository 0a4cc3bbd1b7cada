import { z } from 'zod'

export const MAX_PLAN_JSON = 100_000

/** The "paste JSON" page: the plan, and (when editing) the version that was read. */
export const planJsonSchema = z.object({
  planJson: z
    .string()
    .min(1, 'Enter the plan as JSON')
    .max(MAX_PLAN_JSON, 'The plan must be 100,000 characters or fewer'),
  expectedVersion: z
    .string()
    .regex(/^\d{0,9}$/)
    .transform(value => (value === '' ? undefined : Number(value))),
})

export const previewRunSchema = z.string().trim().uuid('Select the Annex A test run to preview the draw with')

/** `?from=` on the new-plan page: a plan to start from (built-in or stored). */
export const copyFromSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
  .optional()
  .catch(undefined)
