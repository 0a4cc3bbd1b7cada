import { z } from 'zod'

export const THEME_FIELDS = ['label', 'phrases'] as const
export const EDIT_FIELDS = ['expectedVersion', 'label', 'phrases'] as const
export const RETIRE_FIELDS = ['expectedVersion', 'retired'] as const

/** Lengths and duplicates are checked in the domain (checkThemeInput); here only the shape. */
export const themeSchema = z.object({
  label: z.string().max(1000, 'Theme name must be 120 characters or fewer'),
  phrases: z.string().max(20_000, 'The phrases are too long'),
})

export const editSchema = themeSchema.extend({ expectedVersion: z.coerce.number().int().min(1) })

export const retireSchema = z.object({
  expectedVersion: z.coerce.number().int().min(1),
  retired: z.enum(['true', 'false']),
})
