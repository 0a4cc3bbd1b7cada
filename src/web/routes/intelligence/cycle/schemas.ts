import { z } from 'zod'

export const cycleQuerySchema = z.object({
  framework: z
    .string()
    .trim()
    .max(40)
    .regex(/^[a-z0-9-]*$/, 'Select a framework from the list')
    .optional()
    .transform(value => value || undefined),
  scope: z.enum(['england', 'region', 'neighbours'], { message: 'Select which authorities to list' }).optional(),
})
