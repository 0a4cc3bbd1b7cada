import type { z } from 'zod'

/** Zod issues as GOV.UK field errors: the first message for each field. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {}
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    errors[field] ??= issue.message
  }
  return errors
}

/** Keep only the string fields a form declares, never the whole request body. */
export function pickStrings(body: unknown, fields: readonly string[]): Record<string, string> {
  const source = (body ?? {}) as Record<string, unknown>
  return Object.fromEntries(
    fields.map(field => [field, typeof source[field] === 'string' ? (source[field] as string).slice(0, 1000) : '']),
  )
}
