/**
 * Theme tagging of report text with transparent phrase rules: a theme matches a sentence when any of its
 * phrases occurs in it as whole words (case-insensitive; a trailing '*' matches any word ending). The
 * starting rules are seed 004's themes; councils edit them, so they are plain data.
 */

export interface ThemeRule {
  id: string
  label: string
  phrases: string[]
  /** Where the theme comes from, e.g. 'seed 004 §3.1'. */
  source: string
}

export const SEED_004_THEMES: readonly ThemeRule[] = [
  {
    id: 'multi-agency-working',
    label: 'Multi-agency working',
    source: 'seed 004 §3.1',
    phrases: [
      'multi-agency',
      'multi agency',
      'partner agencies',
      'partnership working',
      'information sharing',
      'MASH',
      'thresholds',
    ],
  },
  {
    id: 'early-help',
    label: 'Early help',
    source: 'seed 004 §3.2',
    phrases: ['early help', 'targeted services', 'family support'],
  },
  {
    id: 'social-work-practice',
    label: 'Social work practice',
    source: 'seed 004 §3.3',
    phrases: [
      'assessment*',
      'case recording',
      'risk management',
      'supervision',
      'management oversight',
      'plans are',
      'planning',
      'permanence',
    ],
  },
  {
    id: 'care-leavers',
    label: 'Care leavers',
    source: 'seed 004 §3.4',
    phrases: ['care leaver*', 'pathway plan*', 'leaving care', 'independent living'],
  },
  {
    id: 'missing-and-exploitation',
    label: 'Missing and exploitation',
    source: 'seed 004 §3.4',
    phrases: [
      'missing',
      'exploitation',
      'CSE',
      'sexual exploitation',
      'criminal exploitation',
      'return home interview*',
    ],
  },
  {
    id: 'legal-and-court',
    label: 'Legal and court work',
    source: 'seed 004 §3.5',
    phrases: ['court', 'Cafcass', 'judiciary', 'public law outline', 'PLO', 'care proceedings', 'pre-proceedings'],
  },
  {
    id: 'leadership',
    label: 'Leadership',
    source: 'seed 004 §3.6',
    phrases: ['leaders', 'leadership', 'senior managers', 'elected members', 'corporate parent*', 'chief executive'],
  },
  {
    id: 'challenge-and-scrutiny',
    label: 'Challenge and scrutiny',
    source: 'seed 004 §3.7, §4.5',
    phrases: [
      'quality assurance',
      'audit*',
      'performance information',
      'performance management',
      'scrutiny',
      'complaints',
    ],
  },
  {
    id: 'resourcing',
    label: 'Resourcing',
    source: 'seed 004 §3.8',
    phrases: ['sufficiency', 'resourc*', 'budget', 'placement sufficiency', 'commissioning'],
  },
  {
    id: 'education-virtual-school',
    label: 'Education and the virtual school',
    source: 'seed 004 §3.9',
    phrases: ['virtual school', 'personal education plan*', 'PEP*', 'attainment', 'education'],
  },
  {
    id: 'voice-of-the-child',
    label: 'The voice of the child',
    source: 'seed 004 §3.10',
    phrases: [
      'voice of the child',
      "children's views",
      'wishes and feelings',
      'children in care council',
      'lived experience*',
      'direct work',
    ],
  },
  {
    id: 'caseloads-and-drift',
    label: 'Caseloads and drift',
    source: 'seed 004 §4.2',
    phrases: ['caseload*', 'drift', 'delay*', 'unallocated', 'too long'],
  },
  {
    id: 'camhs',
    label: 'CAMHS and emotional health',
    source: 'seed 004 §4.3',
    phrases: ['CAMHS', 'mental health', 'emotional health', 'emotional well-being', 'emotional wellbeing'],
  },
  {
    id: 'learning-from-experience',
    label: 'Learning from experience',
    source: 'seed 004 §4.4',
    phrases: ['learning from', 'lessons learn*', 'serious case review*', 'practice review*'],
  },
  {
    id: 'iro-challenge',
    label: 'IRO and conference chair challenge',
    source: 'seed 004 §4.5',
    phrases: ['IRO*', 'independent reviewing officer*', 'conference chair*', 'child protection chair*'],
  },
  {
    id: 'workforce-stability',
    label: 'Workforce stability',
    source: 'seed 004 §4.6',
    phrases: [
      'recruitment',
      'retention',
      'agency staff',
      'agency social workers',
      'turnover',
      'workforce',
      'changes of social worker',
      'changes in social worker',
    ],
  },
  {
    id: 'lscb-and-partnership',
    label: 'LSCB and safeguarding partnership',
    source: 'seed 004 §4.7',
    phrases: ['LSCB', 'safeguarding children board', 'safeguarding partnership', 'safeguarding partners'],
  },
]

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A phrase as a whole-word, case-insensitive pattern; upper-case acronyms (CSE, IRO) keep their case. */
export function phrasePattern(phrase: string): RegExp {
  const wildcard = phrase.endsWith('*')
  const body = escape(wildcard ? phrase.slice(0, -1) : phrase)
    .replace(/\s+/g, '\\s+')
    .replace(/'/g, "['’]")
  const acronym = /^[A-Z]{2,}\*?$/.test(phrase)
  return new RegExp(`(?<![\\w-])${body}${wildcard ? '[\\w-]*' : '(?![\\w-])'}`, acronym ? '' : 'i')
}

/** Sentences: split at . ! ? or line breaks followed by a capital or a bullet. Good enough for quoting. */
export function sentencesOf(text: string): string[] {
  return text
    .replace(/\r/g, '')
    .split(/(?<=[.!?])\s+(?=[A-Z•\-–])|\n\s*\n|\n\s*[•\-–]\s+/)
    .map(sentence => sentence.replace(/\s+/g, ' ').trim())
    .filter(sentence => sentence.length > 0)
}

export interface ThemeMatch {
  theme: string
  phrase: string
  quote: string
}

/** Every theme found in the text, with the first sentence (quote) and phrase that matched it. */
export function tagThemes(text: string, rules: readonly ThemeRule[] = SEED_004_THEMES): ThemeMatch[] {
  const compiled = rules.map(rule => ({
    rule,
    patterns: rule.phrases.map(phrase => ({ phrase, pattern: phrasePattern(phrase) })),
  }))
  const found = new Map<string, ThemeMatch>()
  for (const sentence of sentencesOf(text)) {
    for (const { rule, patterns } of compiled) {
      if (found.has(rule.id)) continue
      const hit = patterns.find(({ pattern }) => pattern.test(sentence))
      if (hit)
        found.set(rule.id, {
          theme: rule.id,
          phrase: hit.phrase,
          quote: sentence.length > 400 ? `${sentence.slice(0, 397)}...` : sentence,
        })
    }
  }
  return rules.filter(rule => found.has(rule.id)).map(rule => found.get(rule.id)!)
}

export interface ThemeFrequency {
  theme: string
  label: string
  /** Grade → number of reports with the theme. */
  byGrade: Record<string, number>
  quotes: { report: string; grade: string; quote: string }[]
}

/** Seed 004's two lists: themes of well-performing authorities (good, outstanding) and of those that perform poorly. */
export function themeFrequencies(
  reports: readonly { report: string; grade: string; matches: readonly ThemeMatch[] }[],
  rules: readonly ThemeRule[] = SEED_004_THEMES,
): ThemeFrequency[] {
  return rules.map(rule => {
    const byGrade: Record<string, number> = {}
    const quotes: ThemeFrequency['quotes'] = []
    for (const report of reports) {
      const match = report.matches.find(candidate => candidate.theme === rule.id)
      if (!match) continue
      byGrade[report.grade] = (byGrade[report.grade] ?? 0) + 1
      quotes.push({ report: report.report, grade: report.grade, quote: match.quote })
    }
    return { theme: rule.id, label: rule.label, byGrade, quotes }
  })
}

/** Rules edited as text, one theme a line: "id | label | phrase; phrase; …". Returns problems rather than guessing. */
export function parseThemeRules(text: string): { rules: ThemeRule[]; problems: string[] } {
  const rules: ThemeRule[] = []
  const problems: string[] = []
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '' || line.trim().startsWith('#')) return
    const [id, label, phrases] = line.split('|').map(part => part.trim())
    if (!id || !/^[a-z0-9-]{1,60}$/.test(id))
      return problems.push(`line ${index + 1}: the id must be lower-case letters, digits and hyphens`)
    if (!label || label.length > 120) return problems.push(`line ${index + 1}: give a label of up to 120 characters`)
    const list = (phrases ?? '')
      .split(';')
      .map(phrase => phrase.trim())
      .filter(phrase => phrase !== '')
    if (list.length === 0 || list.some(phrase => phrase.length > 80))
      return problems.push(
        `line ${index + 1}: give one or more phrases of up to 80 characters, separated by semicolons`,
      )
    rules.push({ id, label, phrases: list, source: 'local rule' })
  })
  return { rules, problems }
}
