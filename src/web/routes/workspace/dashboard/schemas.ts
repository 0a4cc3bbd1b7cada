import { z } from 'zod'

export const dashboardQuerySchema = z.object({
  framework: z
    .string()
    .trim()
    .max(60, 'Select a framework from the list')
    .regex(/^[a-z0-9-]*$/, 'Select a framework from the list')
    .optional(),
})
