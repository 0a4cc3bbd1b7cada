import { z } from 'zod'
import { ValidationError } from '../../../../services/errors.js'

const optional = z
  .string()
  .trim()
  .max(40)
  .optional()
  .transform(value => value || undefined)

/** The round a report is about, from a query string: `sample`, or `from` and `to`. Checked by `checkRound`. */
export const roundQuerySchema = z.object({ sample: optional, from: optional, to: optional })

export function roundQuery(query: unknown): { sampleId?: string; from?: string; to?: string } {
  const source = (query ?? {}) as Record<string, unknown>
  const parsed = roundQuerySchema.safeParse({
    sample: typeof source.sample === 'string' ? source.sample : undefined,
    from: typeof source.from === 'string' ? source.from : undefined,
    to: typeof source.to === 'string' ? source.to : undefined,
  })
  if (!parsed.success) throw new ValidationError({ round: 'The sample or period in the address is not valid' })
  const data = parsed.data
  return {
    ...(data.sample ? { sampleId: data.sample } : {}),
    ...(data.from ? { from: data.from } : {}),
    ...(data.to ? { to: data.to } : {}),
  }
}
