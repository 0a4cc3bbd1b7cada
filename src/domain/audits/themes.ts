import { SEED_004_THEMES, tagThemes, type ThemeRule } from '../intelligence/themes.js'

/** The starting taxonomy for audit themes: seed 004's themes of well and poorly performing authorities. */
export const AUDIT_THEMES: readonly ThemeRule[] = SEED_004_THEMES

export function isAuditTheme(id: string, taxonomy: readonly ThemeRule[] = AUDIT_THEMES): boolean {
  return taxonomy.some(theme => theme.id === id)
}

/** Themes an auditor's own words suggest, to offer as ticks; the auditor decides. */
export function suggestThemes(text: string, taxonomy: readonly ThemeRule[] = AUDIT_THEMES): string[] {
  return [...new Set(tagThemes(text, taxonomy).map(match => match.theme))]
}
