import { DEFAULT_CHECKLIST_FRAMEWORK } from '../../domain/workspace/evidenceChecklists.js'
import type { RequestContext } from '../context.js'
import type { EvidenceService } from './evidenceService.js'

/** What the readiness dashboard shows about the evidence bank. */
export interface EvidenceSummary {
  frameworkId: string
  frameworkLabel: string
  /** Required documents in the framework's checklist, and how many are met, stale or missing. */
  requirements: number
  met: number
  stale: number
  notMet: number
  /** Met requirements as a whole percentage of all (stale ones do not count). */
  coveragePercent: number
  /** Evidence items in the bank, and how many are past their review date. */
  items: number
  reviewsOverdue: number
  /** The policies and procedures register (items of type 'policy'). */
  policies: { total: number; overdue: number; dueSoon: number; noReviewDate: number }
  /** Where the dashboard links to for detail. */
  href: string
}

/**
 * Coverage and staleness of the evidence bank for one framework's checklist (ILACS 2023 unless another is
 * named), plus the policies register. Needs 'workspace:read'; throws NotFoundError for a framework without a
 * checklist. Call it as `summariseEvidence(services.workspace.evidence, context)`.
 */
export async function summariseEvidence(
  evidence: EvidenceService,
  context: RequestContext,
  options: { frameworkId?: string } = {},
): Promise<EvidenceSummary> {
  const frameworkId = options.frameworkId ?? DEFAULT_CHECKLIST_FRAMEWORK
  const [checklist, policies, counts] = await Promise.all([
    evidence.checklist(context, frameworkId),
    evidence.policies(context),
    evidence.counts(context),
  ])
  const policyCount = (status: string) => policies.filter(policy => policy.status === status).length
  return {
    frameworkId,
    frameworkLabel: checklist.checklist.label,
    requirements: checklist.results.length,
    met: checklist.met,
    stale: checklist.stale,
    notMet: checklist.notMet,
    coveragePercent: checklist.coveragePercent,
    items: counts.items,
    reviewsOverdue: counts.reviewsOverdue,
    policies: {
      total: policies.length,
      overdue: policyCount('overdue'),
      dueSoon: policyCount('due-soon'),
      noReviewDate: policyCount('no-review-date'),
    },
    href: `/evidence/checklists/${frameworkId}`,
  }
}
