/**
 * The evidence bank's pure rules: document types, tags, framework areas, and the policies and procedures
 * register (seed 003 action 1.10: "a definitive list of all policies and procedures", each reviewed). No I/O.
 */
import { findFramework } from '../frameworks/index.js'
import { daysBetween, isIsoDate, type IsoDate } from './dates.js'

export const DOCUMENT_TYPES = [
  'policy',
  'minutes',
  'plan',
  'report',
  'performance-data',
  'audit',
  'self-evaluation',
  'list-specification',
  'organisation-chart',
  'case-study',
  'other',
] as const
export type DocumentType = (typeof DOCUMENT_TYPES)[number]

export const DOCUMENT_TYPE_LABELS: Readonly<Record<DocumentType, string>> = {
  policy: 'Policy or procedure',
  minutes: 'Meeting minutes',
  plan: 'Plan or strategy',
  report: 'Report',
  'performance-data': 'Performance or workforce data',
  audit: 'Audit or quality assurance',
  'self-evaluation': 'Self-evaluation',
  'list-specification': 'List or report specification (never the child-level list)',
  'organisation-chart': 'Organisation chart',
  'case-study': 'Good news story or case study (anonymised)',
  other: 'Other',
}

export function isDocumentType(value: string): value is DocumentType {
  return (DOCUMENT_TYPES as readonly string[]).includes(value)
}

/** Tags as people type them ("Early help, MASH ,mash") → distinct, trimmed, lower case, at most 20 of 40 chars. */
export function normaliseTags(input: string | readonly string[]): string[] {
  const parts = typeof input === 'string' ? input.split(',') : input
  const tags: string[] = []
  for (const part of parts) {
    const tag = part.trim().toLowerCase().replace(/\s+/g, ' ')
    if (tag && !tags.includes(tag)) tags.push(tag)
  }
  return tags
}

export const MAX_TAGS = 20
export const MAX_TAG_LENGTH = 40

/**
 * A framework area is '<framework id>/<judgement, evaluation area or required document id>', e.g.
 * 'slac-2009/lscb-minutes' or 'ilacs-2023/help-and-protection'. Checklists match items on these.
 */
export interface FrameworkArea {
  key: string
  frameworkId: string
  label: string
  group: 'judgement' | 'document'
}

/** Every area an item can support in a framework: its judgements and its required documents. */
export function frameworkAreas(frameworkId: string, extraDocuments: readonly { id: string; label: string }[] = []) {
  const framework = findFramework(frameworkId)
  if (!framework) return []
  const areas: FrameworkArea[] = framework.judgements.map(judgement => ({
    key: `${framework.id}/${judgement.id}`,
    frameworkId: framework.id,
    label: judgement.label,
    group: 'judgement' as const,
  }))
  const documents = [...(framework.documents ?? []), ...extraDocuments]
  for (const document of documents) {
    const key = `${framework.id}/${document.id}`
    if (!areas.some(area => area.key === key))
      areas.push({ key, frameworkId: framework.id, label: document.label, group: 'document' })
  }
  return areas
}

const AREA_KEY = /^[a-z0-9-]{2,60}\/[a-z0-9-]{1,80}$/

export function isAreaKeyShape(value: string): boolean {
  return AREA_KEY.test(value)
}

export type PolicyStatus = 'overdue' | 'due-soon' | 'in-date' | 'no-review-date'

export const POLICY_STATUS_LABELS: Readonly<Record<PolicyStatus, string>> = {
  overdue: 'Review overdue',
  'due-soon': 'Review due soon',
  'in-date': 'In date',
  'no-review-date': 'No review date',
}

/** A review falls "due soon" within this many days. */
export const DUE_SOON_DAYS = 30

export interface PolicyInput {
  id: string
  title: string
  owner: string
  documentDate: IsoDate | null
  reviewDue: IsoDate | null
}

export interface PolicyEntry extends PolicyInput {
  status: PolicyStatus
  /** Days past the review date (positive) or until it (negative); null without a review date. */
  daysOverdue: number | null
}

export function policyStatus(reviewDue: IsoDate | null, today: IsoDate): PolicyStatus {
  if (!reviewDue || !isIsoDate(reviewDue)) return 'no-review-date'
  if (reviewDue < today) return 'overdue'
  if (daysBetween(today, reviewDue) <= DUE_SOON_DAYS) return 'due-soon'
  return 'in-date'
}

const POLICY_ORDER: Readonly<Record<PolicyStatus, number>> = {
  overdue: 0,
  'no-review-date': 1,
  'due-soon': 2,
  'in-date': 3,
}

/** The register: every policy with its review state, the ones needing attention first. */
export function policiesRegister(policies: readonly PolicyInput[], today: IsoDate): PolicyEntry[] {
  return policies
    .map(policy => ({
      ...policy,
      status: policyStatus(policy.reviewDue, today),
      daysOverdue: policy.reviewDue && isIsoDate(policy.reviewDue) ? daysBetween(policy.reviewDue, today) : null,
    }))
    .sort(
      (a, b) =>
        POLICY_ORDER[a.status] - POLICY_ORDER[b.status] ||
        (a.reviewDue ?? '').localeCompare(b.reviewDue ?? '') ||
        a.title.localeCompare(b.title),
    )
}

/** Any item (not only policies) whose review date has passed. */
export function isReviewOverdue(reviewDue: IsoDate | null, today: IsoDate): boolean {
  return policyStatus(reviewDue, today) === 'overdue'
}
