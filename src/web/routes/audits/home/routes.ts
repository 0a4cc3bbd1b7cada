import { Router } from 'express'
import { can } from '../../../../domain/platform/roles.js'
import type { Services } from '../../../../services/index.js'
import { actorUserId } from '../../../../services/context.js'
import { takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { auditViewHelpers } from '../labels.js'

/**
 * Samples and audit rounds for leads; everyone who audits sees their own audits with the working-day countdown and
 * the audits a lead asked them to moderate; leads and administrators see open safeguarding concerns first.
 */
export function auditsHomeRoutes(services: Services): Router {
  const router = Router()
  router.get('/audits', async (req, res) => {
    const context = requireContext(req)
    const role = context.actor.kind === 'user' ? context.actor.role : undefined
    const canManage = !role || can(role, 'audits:manage')
    const canPerform = !role || can(role, 'audits:perform')
    const { samples, caseAudits, web } = services.audits
    const audits = canPerform ? await caseAudits.list(context) : []
    const me = actorUserId(context.actor)
    // Open safeguarding concerns come first on the page: a manager named in one must see it at once.
    const concerns = canManage ? await caseAudits.openConcerns(context) : []
    const mine = audits.filter(item => item.auditorUserId === me)
    const others = audits.filter(item => item.auditorUserId !== me)
    res.render('audits/home/view.njk', {
      pageTitle: 'Sampling and audits',
      canManage,
      canPerform,
      samples: canManage ? await samples.listSamples(context) : [],
      planLabels: canPerform ? Object.fromEntries(samples.listPlans(context).map(plan => [plan.id, plan.label])) : {},
      mine,
      mineOpen: mine.filter(item => item.status === 'assigned'),
      others,
      concernsForYou: concerns.filter(concern => concern.forYou),
      otherConcerns: concerns.filter(concern => !concern.forYou),
      toModerate: canPerform ? await web.toModerate(context) : [],
      overdue: audits.filter(item => item.status === 'assigned' && item.countdown.status === 'overdue').length,
      names: canPerform ? await web.peopleNames(context) : {},
      helpers: auditViewHelpers,
      notice: takeNotice(req),
    })
  })
  return router
}
