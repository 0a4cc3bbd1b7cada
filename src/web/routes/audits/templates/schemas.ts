import { z } from 'zod'

export const NEW_TEMPLATE_FIELDS = ['fromId', 'id', 'label'] as const
export const REVISE_FIELDS = ['expectedVersion', 'label', 'sections', 'changeNote'] as const

export const newTemplateSchema = z.object({
  fromId: z.string().trim().min(1, 'Select the template to start from').max(60, 'Select the template to start from'),
  id: z
    .string()
    .trim()
    .min(1, 'Enter a short id for the template')
    .max(60, 'Id must be 60 characters or fewer')
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'Id must be lower-case letters, digits and hyphens, like neglect-audit'),
  label: z.string().trim().min(1, 'Enter a name for the template').max(300, 'Name must be 300 characters or fewer'),
})

export const reviseSchema = z.object({
  expectedVersion: z.coerce.number().int().min(1),
  label: z.string().trim().min(1, 'Enter a name for the template').max(300, 'Name must be 300 characters or fewer'),
  sections: z.string().min(1, 'Enter at least one section and question').max(100_000, 'The questions are too long'),
  changeNote: z.string().trim().max(1000, 'What changed must be 1,000 characters or fewer'),
})
