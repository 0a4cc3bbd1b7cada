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

export const MAX_TEMPLATE_JSON = 90_000
export const MAX_TEMPLATE_FILE_BYTES = 1024 * 1024
export const IMPORT_FIELDS = ['changeNote'] as const

/** Importing a template: the JSON pasted (a file is read separately) and an optional note for a new version. */
export const importTemplateSchema = z.object({
  templateJson: z
    .string()
    .min(1, 'Paste the template as JSON')
    .max(MAX_TEMPLATE_JSON, 'The template is too long to paste: upload it as a file instead'),
  changeNote: z.string().trim().max(1000, 'What changed must be 1,000 characters or fewer'),
})

/** Shown on the import page: the shape `readiness audits template-save` reads. */
export const EXAMPLE_TEMPLATE = {
  id: 'neglect-audit',
  label: 'Neglect case audit',
  source: 'Our neglect strategy, 2025',
  sections: [
    {
      label: 'Assessment',
      questions: [
        {
          label: 'Is the impact of neglect on the child understood?',
          guidance: 'Look for the child’s lived experience.',
        },
        { label: 'Was the graded care profile used?', scale: 'yes-partly-no' },
      ],
    },
  ],
}
