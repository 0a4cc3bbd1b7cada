import { z } from 'zod'

export const THEME_RULE_FIELDS = ['themeId', 'label', 'phrases', 'enabled', 'version', 'action'] as const

/** The form as typed; the rule itself (id, label, phrases) is checked by the service (checkThemeRule). */
export const themeRuleFormSchema = z.object({
  themeId: z.string(),
  label: z.string(),
  phrases: z.string().max(10_000, 'Enter at most 10,000 characters of phrases'),
  enabled: z.enum(['yes', '']).catch(''),
  version: z
    .string()
    .regex(/^\d{1,9}$/, 'Reload the page and try again')
    .transform(Number),
  action: z.enum(['preview', 'save']).catch('save'),
})
