import { z } from 'zod'

export const ASSIGN_FIELDS = ['auditorUserId', 'templateId', 'workingDays', 'scope'] as const

/** Assigning cases: to whom, with which template, due in how many working days, and which cases. */
export const assignFormSchema = z.object({
  auditorUserId: z.string().trim().uuid('Select who will carry out the audits'),
  templateId: z
    .string()
    .trim()
    .min(1, 'Select an audit template')
    .max(80, 'Select an audit template')
    .regex(/^[a-z0-9-]+$/, 'Select an audit template'),
  workingDays: z
    .string()
    .trim()
    .regex(/^\d{1,2}$/, 'Enter the number of working days as a whole number, like 4')
    .transform(Number)
    .pipe(
      z
        .number()
        .int()
        .min(1, 'Enter a number of working days from 1 to 60')
        .max(60, 'Enter a number of working days from 1 to 60'),
    ),
  scope: z.enum(['selected', 'all'], { message: 'Choose which cases to assign' }),
})

export const redrawFormSchema = z.object({
  childId: z.string().trim().min(1, 'Select a case to redraw').max(200, 'Select a case to redraw'),
})
