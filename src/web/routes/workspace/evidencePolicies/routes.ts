import { Router } from 'express'
import { POLICY_STATUS_LABELS } from '../../../../domain/workspace/evidence.js'
import { can } from '../../../../domain/platform/roles.js'
import type { Services } from '../../../../services/index.js'
import { requireContext } from '../../../requestContext.js'

const TAG_CLASSES = {
  overdue: 'govuk-tag--red',
  'no-review-date': 'govuk-tag--orange',
  'due-soon': 'govuk-tag--yellow',
  'in-date': 'govuk-tag--green',
} as const

/** The policies and procedures register (seed 003 action 1.10): every policy with its review date; overdue first. */
export function evidencePoliciesRoutes(services: Services): Router {
  const router = Router()

  router.get('/evidence/policies', async (req, res) => {
    const context = requireContext(req)
    const policies = await services.workspace.evidence.policies(context)
    res.render('workspace/evidencePolicies/view.njk', {
      pageTitle: 'Policies and procedures register',
      policies: policies.map(policy => ({
        ...policy,
        tag: { text: POLICY_STATUS_LABELS[policy.status], classes: TAG_CLASSES[policy.status] },
      })),
      overdue: policies.filter(policy => policy.status === 'overdue').length,
      noReviewDate: policies.filter(policy => policy.status === 'no-review-date').length,
      canEdit: context.actor.kind === 'system' || can(context.actor.role, 'workspace:edit'),
    })
  })

  return router
}
