import { z } from 'zod'

export const UPLOAD_FIELDS = [
  'referenceDate-day',
  'referenceDate-month',
  'referenceDate-year',
  'schema',
  'population',
] as const

const part = (max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,4}$/)
    .transform(Number)
    .refine(value => value >= 1 && value <= max)

/** The upload form: a reference date (GOV.UK date input), a schema choice and an optional population. */
export const uploadFormSchema = z
  .object({
    'referenceDate-day': z.string(),
    'referenceDate-month': z.string(),
    'referenceDate-year': z.string(),
    schema: z.enum(['auto', '2019', '2023', '2026'], { message: 'Select which template the file uses' }),
    population: z
      .string()
      .trim()
      .regex(/^(\d{1,7})?$/, 'Child population must be a whole number, like 52300')
      .transform(value => (value === '' ? undefined : Number(value))),
  })
  .transform((form, context) => {
    const day = part(31).safeParse(form['referenceDate-day'])
    const month = part(12).safeParse(form['referenceDate-month'])
    const year = part(2100).safeParse(form['referenceDate-year'])
    const iso =
      day.success && month.success && year.success && year.data >= 2000
        ? `${year.data}-${String(month.data).padStart(2, '0')}-${String(day.data).padStart(2, '0')}`
        : ''
    if (!iso || new Date(`${iso}T00:00:00Z`).toISOString().slice(0, 10) !== iso) {
      context.addIssue({
        code: 'custom',
        path: ['referenceDate'],
        message: 'Reference date must be a real date, like 31 3 2024',
      })
      return z.NEVER
    }
    return { referenceDate: iso, schema: form.schema, population: form.population }
  })
