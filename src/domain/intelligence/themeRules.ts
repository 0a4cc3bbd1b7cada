import { SEED_004_THEMES, phrasePattern, sentencesOf, type ThemeRule } from './themes.js'

/**
 * An organisation's theme rules: the built-in seed-004 rules, each replaced by the organisation's stored version
 * when there is one, plus any themes it added. Disabled themes stay listed (so they can be switched back on) but
 * are not used for tagging.
 */

export interface StoredThemeRule {
  id: string
  label: string
  phrases: string[]
  enabled: boolean
  source: string
  version: number
}

export interface EffectiveThemeRule extends ThemeRule {
  enabled: boolean
  /** 0 while the built-in rule has never been edited. */
  version: number
  builtIn: boolean
  edited: boolean
}

export function effectiveThemeRules(
  stored: readonly StoredThemeRule[],
  builtIn: readonly ThemeRule[] = SEED_004_THEMES,
): EffectiveThemeRule[] {
  const byId = new Map(stored.map(rule => [rule.id, rule]))
  const rules: EffectiveThemeRule[] = builtIn.map(rule => {
    const own = byId.get(rule.id)
    return own
      ? { ...own, phrases: [...own.phrases], builtIn: true, edited: true }
      : { ...rule, phrases: [...rule.phrases], enabled: true, version: 0, builtIn: true, edited: false }
  })
  const builtInIds = new Set(builtIn.map(rule => rule.id))
  for (const own of stored)
    if (!builtInIds.has(own.id)) rules.push({ ...own, phrases: [...own.phrases], builtIn: false, edited: true })
  return rules
}

/** The rules tagging uses: enabled ones with at least one phrase. */
export function activeThemeRules(rules: readonly EffectiveThemeRule[]): ThemeRule[] {
  return rules
    .filter(rule => rule.enabled && rule.phrases.length > 0)
    .map(({ id, label, phrases, source }) => ({ id, label, phrases, source }))
}

/** One phrase a line; blank lines dropped, spaces tidied, duplicates (ignoring case) kept once. */
export function phrasesFromText(text: string): string[] {
  const seen = new Set<string>()
  const phrases: string[] = []
  for (const line of text.split(/\r?\n/)) {
    const phrase = line.replace(/\s+/g, ' ').trim()
    if (phrase === '' || seen.has(phrase.toLowerCase())) continue
    seen.add(phrase.toLowerCase())
    phrases.push(phrase)
  }
  return phrases
}

/** Problems with a proposed rule, by field; empty when it can be saved. */
export function checkThemeRule(rule: {
  id: string
  label: string
  phrases: readonly string[]
}): Record<string, string> {
  const errors: Record<string, string> = {}
  if (!/^[a-z0-9-]{1,60}$/.test(rule.id))
    errors.themeId = 'The theme id must be 1 to 60 lower-case letters, digits and hyphens, like school-attendance'
  if (rule.label.trim() === '' || rule.label.length > 120) errors.label = 'Enter a label of up to 120 characters'
  if (rule.phrases.length === 0) errors.phrases = 'Enter at least one phrase, one a line'
  else if (rule.phrases.length > 100) errors.phrases = 'Enter at most 100 phrases'
  else {
    const tooLong = rule.phrases.find(phrase => phrase.length > 80)
    if (tooLong) errors.phrases = `Each phrase must be 80 characters or fewer ("${tooLong.slice(0, 30)}…" is longer)`
    else if (rule.phrases.some(phrase => phrase === '*' || phrase.startsWith('*')))
      errors.phrases = 'A phrase cannot start with *: put * at the end of a word, like safeguard*'
  }
  return errors
}

export interface RulePreview {
  /** Reports with at least one recommendation the rule matches. */
  reports: number
  recommendations: number
  /** Matches per phrase, so a phrase that matches nothing (or everything) shows. */
  byPhrase: { phrase: string; recommendations: number }[]
  examples: { report: string; quote: string }[]
}

/** Recommendations split into sentences once, so previews of many rules do not split them again. */
export interface PreviewReport {
  report: string
  recommendations: readonly string[]
}

/** How many stored reports and recommendations one rule matches: shown before the rule is saved. */
export function previewThemeRule(
  rule: Pick<ThemeRule, 'id' | 'label' | 'phrases'>,
  reports: readonly PreviewReport[],
  maxExamples = 5,
  split: (text: string) => readonly string[] = sentencesOf,
): RulePreview {
  const patterns = rule.phrases.map(phrase => ({ phrase, pattern: phrasePattern(phrase) }))
  let matchedReports = 0
  let matchedRecommendations = 0
  const examples: RulePreview['examples'] = []
  const counts = new Map(rule.phrases.map(phrase => [phrase, 0]))
  for (const report of reports) {
    let any = false
    for (const recommendation of report.recommendations) {
      const sentences = split(recommendation)
      // The quote is the first sentence any phrase matches, as tagThemes chooses it.
      const quote = sentences.find(sentence => patterns.some(({ pattern }) => pattern.test(sentence)))
      if (quote === undefined) continue
      any = true
      matchedRecommendations += 1
      if (examples.length < maxExamples)
        examples.push({ report: report.report, quote: quote.length > 400 ? `${quote.slice(0, 397)}...` : quote })
      for (const { phrase, pattern } of patterns)
        if (sentences.some(sentence => pattern.test(sentence))) counts.set(phrase, (counts.get(phrase) ?? 0) + 1)
    }
    if (any) matchedReports += 1
  }
  return {
    reports: matchedReports,
    recommendations: matchedRecommendations,
    byPhrase: rule.phrases.map(phrase => ({ phrase, recommendations: counts.get(phrase) ?? 0 })),
    examples,
  }
}

/** A sentence splitter that remembers: previews of every rule over the same reports split each text once. */
export function memoisedSentences(): (text: string) => readonly string[] {
  const cache = new Map<string, readonly string[]>()
  return text => {
    let sentences = cache.get(text)
    if (!sentences) {
      sentences = sentencesOf(text)
      cache.set(text, sentences)
    }
    return sentences
  }
}
