import type { ThemeRule } from '../intelligence/themes.js'
import { slugOf } from './customTemplates.js'
import { AUDIT_THEMES } from './themes.js'

/** A theme in an organisation's editable taxonomy. Retired themes stay so that older audits still read. */
export interface TaxonomyTheme extends ThemeRule {
  readonly retired: boolean
  readonly version: number
}

export const TAXONOMY_LIMITS = { themes: 100, label: 120, phrases: 50, phrase: 80 } as const

/** The taxonomy an organisation starts with: seed 004's themes (seed 004 §3.1–3.10). */
export function defaultTaxonomy(): TaxonomyTheme[] {
  return AUDIT_THEMES.map(theme => ({ ...theme, phrases: [...theme.phrases], retired: false, version: 1 }))
}

export function activeThemes(taxonomy: readonly TaxonomyTheme[]): TaxonomyTheme[] {
  return taxonomy.filter(theme => !theme.retired)
}

export type ThemeInput = { label: string; phrases: string[] }

/**
 * Checks a theme typed into the taxonomy form: a label, and phrases one a line or separated by commas (the phrases
 * `suggestThemes` looks for in an auditor's words). Returns the cleaned theme or field errors.
 */
export function checkThemeInput(
  input: { label: string; phrases: string },
  others: readonly Pick<TaxonomyTheme, 'id' | 'label'>[],
): { theme: ThemeInput; errors: null } | { theme: null; errors: Record<string, string> } {
  const errors: Record<string, string> = {}
  const label = input.label.trim().replace(/\s+/g, ' ')
  if (label === '') errors.label = 'Enter a name for the theme'
  else if (label.length > TAXONOMY_LIMITS.label)
    errors.label = `Theme name must be ${TAXONOMY_LIMITS.label} characters or fewer`
  else if (others.some(other => other.label.toLowerCase() === label.toLowerCase()))
    errors.label = 'There is already a theme with that name'
  const phrases = [
    ...new Set(
      input.phrases
        .split(/[\n,]/)
        .map(phrase => phrase.trim().replace(/\s+/g, ' '))
        .filter(phrase => phrase !== ''),
    ),
  ]
  if (phrases.length > TAXONOMY_LIMITS.phrases) errors.phrases = `Enter ${TAXONOMY_LIMITS.phrases} phrases or fewer`
  else if (phrases.some(phrase => phrase.length > TAXONOMY_LIMITS.phrase))
    errors.phrases = `Each phrase must be ${TAXONOMY_LIMITS.phrase} characters or fewer`
  if (Object.keys(errors).length > 0) return { theme: null, errors }
  return { theme: { label, phrases }, errors: null }
}

/** A new theme's id from its label, never one already used (retired ones included). */
export function newThemeId(label: string, taken: readonly string[]): string {
  const base = slugOf(label)
  let id = base
  for (let n = 2; taken.includes(id); n += 1) id = `${base}-${n}`
  return id
}
