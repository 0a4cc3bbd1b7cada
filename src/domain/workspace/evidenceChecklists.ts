/**
 * Required-document checklists: which documents each framework expects the authority to hold, with rules that
 * can be checked against the evidence bank (how many, how recent), and their evaluation. Pure, no I/O.
 *
 * The documents themselves come from the framework data (src/domain/frameworks/definitions: SLAC's "LAs should
 * keep the following documents up to date", seed 000; the SIF's Annex A and LSCB information, seed 003). This
 * file adds only what can be checked: counts stated in the seeds ("minutes of the last six LSCB meetings") and
 * recency windows. Recency windows the seeds do not state are ours, and say so (`basis: 'interpretation'`).
 */
import { LIST_NUMBERS, SCHEMAS } from '../annex-a/index.js'
import type { Source } from '../frameworks/index.js'
import { findFramework } from '../frameworks/index.js'
import { isIsoDate, type IsoDate } from './dates.js'
import { isReviewOverdue } from './evidence.js'

export interface RequirementRule {
  /** How many distinct evidence items must support it. */
  minCount: number
  /** The newest item's document date must fall within this many months of today. */
  newestWithinMonths?: number
  /** Count only items dated within this many months (e.g. management reviews "in the last two years"). */
  countWithinMonths?: number
  /** Where the numbers come from: the seed's words, or our reading of "kept up to date". */
  basis: 'seed' | 'interpretation'
}

export interface EvidenceRequirement {
  /** The framework area key an evidence item carries to count towards it: '<framework>/<document id>'. */
  key: string
  documentId: string
  label: string
  group: 'documents' | 'lists'
  when?: string
  hint?: string
  source: Source
  rule: RequirementRule
}

export interface EvidenceChecklist {
  frameworkId: string
  label: string
  requirements: EvidenceRequirement[]
}

type RuleOverride = Omit<RequirementRule, 'basis'> & { basis?: RequirementRule['basis']; hint?: string }

const LIST_HINT =
  'Record the report or query that produces the list, and when it was last run. Never upload the child-level list itself.'

/** Checkable rules for SLAC's documents (seed 000, "Documentation" and "Methods"). */
const SLAC_RULES: Readonly<Record<string, RuleOverride>> = {
  'lscb-minutes': {
    minCount: 6,
    newestWithinMonths: 4,
    hint: 'One evidence item per meeting, dated with the meeting date. "Six" is the seed\'s; the newest within four months is ours (LSCBs meet at least quarterly).',
  },
  'childrens-trust-board': {
    minCount: 6,
    newestWithinMonths: 4,
    hint: "One item per meeting (minutes), plus the membership list. Six meetings is the seed's rule.",
  },
  cypp: { minCount: 1, newestWithinMonths: 12, basis: 'interpretation', hint: 'The plan and its latest review.' },
  'service-user-groups': { minCount: 1, newestWithinMonths: 12, basis: 'interpretation' },
  'views-summaries': { minCount: 1, newestWithinMonths: 12, basis: 'interpretation' },
  'performance-and-qa': { minCount: 1, newestWithinMonths: 3, basis: 'interpretation' },
  'caf-data': { minCount: 1, newestWithinMonths: 6, basis: 'interpretation' },
  'workforce-data': { minCount: 1, newestWithinMonths: 3, basis: 'interpretation', hint: '"Current" pressures.' },
  'management-reviews': {
    minCount: 1,
    countWithinMonths: 24,
    basis: 'seed',
    hint: "Reviews conducted in the last two years (the seed's window).",
  },
  'iro-reports': { minCount: 1, newestWithinMonths: 12, basis: 'interpretation' },
  placements: { minCount: 1, newestWithinMonths: 6, basis: 'interpretation' },
  'missing-children': { minCount: 1, newestWithinMonths: 24, basis: 'interpretation' },
  'organisation-charts': { minCount: 1, newestWithinMonths: 12, basis: 'interpretation' },
  'list-cin-and-cp-plans': { minCount: 1, newestWithinMonths: 12, basis: 'interpretation', hint: LIST_HINT },
  'list-looked-after': { minCount: 1, newestWithinMonths: 12, basis: 'interpretation', hint: LIST_HINT },
  'list-unallocated': { minCount: 1, newestWithinMonths: 12, basis: 'interpretation', hint: LIST_HINT },
}

/** Requirements taken from a framework's own `documents`, with the rule overrides for that framework. */
function fromFramework(frameworkId: string, rules: Readonly<Record<string, RuleOverride>>): EvidenceRequirement[] {
  const framework = findFramework(frameworkId)
  if (!framework) return []
  return (framework.documents ?? []).map(document => {
    const override = rules[document.id]
    const rule: RequirementRule = override
      ? {
          minCount: override.minCount,
          ...(override.newestWithinMonths !== undefined ? { newestWithinMonths: override.newestWithinMonths } : {}),
          ...(override.countWithinMonths !== undefined ? { countWithinMonths: override.countWithinMonths } : {}),
          basis: override.basis ?? 'seed',
        }
      : { minCount: 1, basis: 'interpretation' }
    const requirement: EvidenceRequirement = {
      key: `${framework.id}/${document.id}`,
      documentId: document.id,
      label: document.label,
      group: document.id.startsWith('list-') ? 'lists' : 'documents',
      source: document.source,
      rule,
    }
    if (document.when) requirement.when = document.when
    if (override?.hint) requirement.hint = override.hint
    return requirement
  })
}

const ANNEX_A = { ref: 'Annex A template', at: 'August 2019 update, the eleven lists', evidence: 'confirmed' } as const

/** ILACS: the annual self-evaluation, and the eleven Annex A lists the authority must be able to produce. */
function ilacsRequirements(frameworkId: string): EvidenceRequirement[] {
  const framework = findFramework(frameworkId)
  if (!framework) return []
  const selfEvaluation = framework.questions?.find(question => question.id === 'self-evaluation')
  const requirements: EvidenceRequirement[] = []
  if (selfEvaluation) {
    requirements.push({
      key: `${framework.id}/self-evaluation`,
      documentId: 'self-evaluation',
      label: selfEvaluation.label,
      group: 'documents',
      when: 'Shared with Ofsted each year, before the annual engagement meeting',
      source: selfEvaluation.source,
      rule: { minCount: 1, newestWithinMonths: 12, basis: 'seed' },
    })
  }
  const schema = SCHEMAS['2019']
  for (const number of LIST_NUMBERS) {
    requirements.push({
      key: `${framework.id}/annex-a-list-${number}`,
      documentId: `annex-a-list-${number}`,
      label: `Annex A list ${number}: ${schema.lists[number].name}`,
      group: 'lists',
      when: 'Produced on the first day of a standard or short inspection',
      hint: `${LIST_HINT} The Annex A module checks the lists themselves.`,
      source: ANNEX_A,
      rule: { minCount: 1, newestWithinMonths: 12, basis: 'interpretation' },
    })
  }
  return requirements
}

/** Every framework with a checklist, in the order they are offered. */
export function evidenceChecklists(): EvidenceChecklist[] {
  const checklist = (frameworkId: string, requirements: EvidenceRequirement[]): EvidenceChecklist[] => {
    const framework = findFramework(frameworkId)
    return framework && requirements.length ? [{ frameworkId, label: framework.label, requirements }] : []
  }
  return [
    ...checklist('ilacs-2023', ilacsRequirements('ilacs-2023')),
    ...checklist('ilacs-2026', ilacsRequirements('ilacs-2026')),
    ...checklist('sif-2013', fromFramework('sif-2013', {})),
    ...checklist('slac-2009', fromFramework('slac-2009', SLAC_RULES)),
  ]
}

export function findChecklist(frameworkId: string): EvidenceChecklist | undefined {
  return evidenceChecklists().find(checklist => checklist.frameworkId === frameworkId)
}

/** The framework whose checklist feeds the dashboard unless another is asked for: the one in use. */
export const DEFAULT_CHECKLIST_FRAMEWORK = 'ilacs-2023'

export interface ChecklistEvidence {
  id: string
  title: string
  documentDate: IsoDate | null
  reviewDue: IsoDate | null
  areas: readonly string[]
}

export type RequirementStatus = 'met' | 'not-met' | 'stale'

export interface RequirementResult {
  requirement: EvidenceRequirement
  status: RequirementStatus
  reasons: string[]
  /** Items that count towards it, newest first. */
  items: ChecklistEvidence[]
  counted: number
  newestDate: IsoDate | null
}

/** The same calendar date `months` earlier (31 March − 1 month → 28 or 29 February). */
export function monthsBefore(date: IsoDate, months: number): IsoDate {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const target = new Date(Date.UTC(year, month - 1 - months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(day, lastDay))
  return target.toISOString().slice(0, 10)
}

const months = (n: number) => (n === 1 ? 'month' : `${n} months`)

export function formatIsoDate(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number]
  const names = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ]
  return `${day} ${names[month - 1]} ${year}`
}

/** One requirement against the bank: met, not met (too few items) or stale (too old, or a review overdue). */
export function evaluateRequirement(
  requirement: EvidenceRequirement,
  evidence: readonly ChecklistEvidence[],
  today: IsoDate,
): RequirementResult {
  const { rule } = requirement
  const supporting = evidence
    .filter(item => item.areas.includes(requirement.key))
    .sort((a, b) => (b.documentDate ?? '').localeCompare(a.documentDate ?? '') || a.title.localeCompare(b.title))
  const windowStart = rule.countWithinMonths !== undefined ? monthsBefore(today, rule.countWithinMonths) : undefined
  const counted = windowStart
    ? supporting.filter(item => item.documentDate && isIsoDate(item.documentDate) && item.documentDate >= windowStart)
    : supporting
  const newestDate = supporting.find(item => item.documentDate && isIsoDate(item.documentDate))?.documentDate ?? null
  const reasons: string[] = []
  let status: RequirementStatus = 'met'

  if (counted.length < rule.minCount) {
    status = 'not-met'
    const within = rule.countWithinMonths !== undefined ? ` dated in the last ${months(rule.countWithinMonths)}` : ''
    reasons.push(
      rule.minCount === 1
        ? `No evidence item${within} supports this yet`
        : `${counted.length} of ${rule.minCount} items${within} are in the bank`,
    )
  }
  if (rule.newestWithinMonths !== undefined && supporting.length > 0) {
    const limit = monthsBefore(today, rule.newestWithinMonths)
    if (!newestDate) {
      if (status === 'met') status = 'stale'
      reasons.push('No supporting item has a document date, so its recency cannot be checked')
    } else if (newestDate < limit) {
      if (status === 'met') status = 'stale'
      reasons.push(
        `The newest is dated ${formatIsoDate(newestDate)}, more than ${months(rule.newestWithinMonths)} ago (it should be on or after ${formatIsoDate(limit)})`,
      )
    }
  }
  const overdue = supporting.filter(item => isReviewOverdue(item.reviewDue, today))
  if (overdue.length > 0) {
    if (status === 'met') status = 'stale'
    reasons.push(
      `Review overdue: ${overdue
        .slice(0, 3)
        .map(item => `"${item.title}"`)
        .join(', ')}${overdue.length > 3 ? ` and ${overdue.length - 3} more` : ''}`,
    )
  }
  return { requirement, status, reasons, items: supporting, counted: counted.length, newestDate }
}

export interface ChecklistResult {
  checklist: EvidenceChecklist
  results: RequirementResult[]
  met: number
  stale: number
  notMet: number
  /** Met requirements as a whole percentage of all requirements (stale ones do not count as covered). */
  coveragePercent: number
}

export function evaluateChecklist(
  checklist: EvidenceChecklist,
  evidence: readonly ChecklistEvidence[],
  today: IsoDate,
): ChecklistResult {
  const results = checklist.requirements.map(requirement => evaluateRequirement(requirement, evidence, today))
  const count = (status: RequirementStatus) => results.filter(result => result.status === status).length
  const met = count('met')
  return {
    checklist,
    results,
    met,
    stale: count('stale'),
    notMet: count('not-met'),
    coveragePercent: results.length ? Math.floor((met * 100) / results.length) : 100,
  }
}
