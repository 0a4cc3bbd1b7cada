import { z } from 'zod'

/** The filters on the outcomes page (a GET form): each optional, each bounded. */
export const outcomesQuerySchema = z.object({
  framework: z
    .string()
    .trim()
    .max(40)
    .regex(/^[a-z0-9-]*$/, 'Select a framework from the list')
    .optional()
    .transform(value => value || undefined),
  judgement: z
    .string()
    .trim()
    .max(60)
    .regex(/^[a-z0-9-]*$/, 'Select a judgement from the list')
    .optional()
    .transform(value => value || undefined),
  authority: z
    .string()
    .trim()
    .max(100, 'Authority must be 100 characters or fewer')
    .optional()
    .transform(value => value || undefined),
})

export function queryStrings(query: unknown, fields: readonly string[]): Record<string, string> {
  const source = (query ?? {}) as Record<string, unknown>
  return Object.fromEntries(
    fields.flatMap(field =>
      typeof source[field] === 'string' ? [[field, (source[field] as string).slice(0, 200)]] : [],
    ),
  )
}
