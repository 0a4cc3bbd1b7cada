import { z } from 'zod'

export const compareQuerySchema = z.object({
  with: z.string().uuid({ message: 'Select a run to compare with' }),
  category: z.enum(['new', 'resolved', 'persisting']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
})
