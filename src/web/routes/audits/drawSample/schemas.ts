import { z } from 'zod'

export const DRAW_FIELDS = ['runId', 'plan', 'seed'] as const

/** The draw form: a test run and plan from the lists, and an optional seed (a random one is chosen when blank). */
export const drawFormSchema = z.object({
  runId: z.string().trim().uuid('Select an Annex A test run'),
  plan: z
    .string()
    .trim()
    .min(1, 'Select a sampling plan')
    .max(80, 'Select a sampling plan from the list')
    .regex(/^[a-z0-9-]+$/, 'Select a sampling plan from the list'),
  seed: z
    .string()
    .trim()
    .max(100, 'Seed must be 100 characters or fewer')
    .regex(/^[\w .:-]*$/, 'Seed can only contain letters, numbers, spaces, dots, colons, hyphens and underscores')
    .transform(value => value || undefined),
})
