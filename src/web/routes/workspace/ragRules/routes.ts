import { Router } from 'express'
import type { Services } from '../../../../services/index.js'
import { DEFAULT_RAG_RULES } from '../../../../domain/workspace/index.js'
import { authorise } from '../../../../services/context.js'
import { requireContext } from '../../../requestContext.js'

/** The RAG rules in words, so nobody has to guess why an action is red. */
export function ragRulesRoutes(_services: Services): Router {
  const router = Router()
  router.get('/plans/rag-rules', (req, res) => {
    authorise(requireContext(req), 'workspace:read')
    res.render('workspace/ragRules/view.njk', { pageTitle: 'How RAG is worked out', rules: DEFAULT_RAG_RULES })
  })
  return router
}
