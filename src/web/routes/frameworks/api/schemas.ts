import { z } from 'zod'

const repeatable = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform(value => (value === undefined ? [] : Array.isArray(value) ? value : [value]))

/** 'a=b' pairs from a repeatable query parameter, each key once. */
const pairs = (name: string) =>
  repeatable.transform((items, context) => {
    const result: Record<string, string> = {}
    for (const item of items) {
      const at = item.indexOf('=')
      const key = item.slice(0, at).trim()
      const value = item.slice(at + 1).trim()
      if (at <= 0 || !value) {
        context.addIssue({ code: 'custom', message: `${name} expects JUDGEMENT=GRADE, got '${item.slice(0, 100)}'` })
        return z.NEVER
      }
      if (key in result) {
        context.addIssue({ code: 'custom', message: `${name} gives '${key.slice(0, 100)}' more than once` })
        return z.NEVER
      }
      result[key] = value
    }
    return result
  })

export const judgeQuerySchema = z.object({
  set: pairs('set'),
  'what-if': pairs('what-if'),
  empirical: z.enum(['warn', 'constrain'], { message: "empirical must be 'warn' or 'constrain'" }).optional(),
})

export const timelineQuerySchema = z.object({
  type: z.string().min(1).max(60).optional(),
  anchor: z
    .string({ message: 'anchor is required, as EVENT=YYYY-MM-DD' })
    .regex(/^[a-z0-9-]{1,60}=.+$/, 'anchor must be EVENT=YYYY-MM-DD, for example notification=2025-03-10'),
})

export const addWorkingDaysQuerySchema = z.object({
  date: z.string({ message: 'date is required, as YYYY-MM-DD' }),
  n: z
    .string({ message: 'n is required: a whole number of working days' })
    .regex(/^-?\d{1,6}$/, 'n must be a whole number of working days')
    .transform(Number),
})

export const betweenQuerySchema = z.object({
  from: z.string({ message: 'from is required, as YYYY-MM-DD' }),
  to: z.string({ message: 'to is required, as YYYY-MM-DD' }),
})

/** The first problem, in one line: API errors are for scripts and people reading a terminal. */
export function firstIssue(error: z.ZodError): string {
  return error.issues[0]?.message ?? 'The request is not valid'
}
