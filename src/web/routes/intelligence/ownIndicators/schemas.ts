import { z } from 'zod'

/** Fields of the form for one indicator and year; the service validates again (ownValueSchema). */
export const OWN_VALUE_FIELDS = ['indicator', 'year', 'value', 'note', 'version'] as const
export const FROM_ANNEX_A_FIELDS = ['runId'] as const

export const ownValueQuerySchema = z.object({
  indicator: z.string().max(80).optional(),
  year: z
    .string()
    .regex(/^\d{4}$/)
    .transform(Number)
    .optional(),
})

export const fromAnnexASchema = z.object({
  runId: z.string().uuid('Select an Annex A test run'),
})
