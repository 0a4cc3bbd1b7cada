import { z } from 'zod'

export const IMPORT_FIELDS = ['kind', 'framework'] as const

export const importFormSchema = z.object({
  kind: z.enum(['outcomes', 'indicators'], { message: 'Select what the file holds' }),
  framework: z
    .string()
    .trim()
    .max(40, 'Framework must be 40 characters or fewer')
    .regex(/^[a-z0-9-]*$/, 'Framework must be an id like sif-2013 or ilacs')
    .transform(value => (value === '' ? undefined : value)),
})
