import { z } from 'zod'

export const VERSION_FIELDS = ['expectedVersion', 'note'] as const
export const LINK_FIELDS = ['expectedVersion', 'criterion'] as const
export const UNLINK_FIELDS = ['expectedVersion', 'sefId', 'criterionId'] as const

export const versionFormSchema = z.object({
  expectedVersion: z.coerce.number().int().min(1),
  note: z.string().trim().max(1000, 'Note must be 1,000 characters or fewer'),
})

/** The criterion select's value is '<sef id>/<criterion id>'. */
export const linkFormSchema = z.object({
  expectedVersion: z.coerce.number().int().min(1),
  criterion: z
    .string()
    .regex(/^[0-9a-f-]{36}\/.{1,200}$/, 'Select a self-evaluation criterion')
    .transform(value => ({ sefId: value.slice(0, 36), criterionId: value.slice(37) })),
})

export const unlinkFormSchema = z.object({
  expectedVersion: z.coerce.number().int().min(1),
  sefId: z.string().min(1),
  criterionId: z.string().min(1),
})

export const versionParamSchema = z.coerce.number().int().min(1).max(100_000)
