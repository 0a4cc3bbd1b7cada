import { z } from 'zod'

const blankToUndefined = (value: unknown) => (value === '' ? undefined : value)

/** Filters of the issues table come from the query string (a GET form), so they work with JavaScript off. */
export const issueFilterSchema = z.object({
  list: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(11).optional()).catch(undefined),
  severity: z.preprocess(blankToUndefined, z.enum(['error', 'warning', 'query']).optional()).catch(undefined),
  code: z
    .preprocess(
      blankToUndefined,
      z
        .string()
        .regex(/^[a-z0-9-]{1,60}$/)
        .optional(),
    )
    .catch(undefined),
  child: z
    .preprocess(
      value => (typeof value === 'string' ? blankToUndefined(value.trim()) : value),
      z
        .string()
        .max(100)
        .refine(value => ![...value].some(character => character.charCodeAt(0) < 0x20), 'No control characters')
        .optional(),
    )
    .catch(undefined),
  page: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(1_000_000).optional()).catch(undefined),
})
export type IssueFilterQuery = z.infer<typeof issueFilterSchema>
