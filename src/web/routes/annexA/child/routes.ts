import { Router } from 'express'
import { getSchema, LATEST_SCHEMA_VERSION } from '../../../../domain/annex-a/index.js'
import type { Services } from '../../../../services/index.js'
import { requireContext } from '../../../requestContext.js'

/** One child across every list of a test run, with every issue about them (child-level: audit-logged). */
export function childRoutes(services: Services): Router {
  const router = Router()
  router.get('/annex-a/runs/:runId/children/:childId', async (req, res) => {
    const child = await services.annexA.getChild(requireContext(req), req.params.runId, req.params.childId)
    res.render('annexA/child/view.njk', {
      pageTitle: `Child ${child.childId} in the test run of ${child.run.sourceName}`,
      ...child,
      lists: child.lists.map(entry => ({ ...entry, name: getSchema(LATEST_SCHEMA_VERSION).lists[entry.list].name })),
    })
  })
  return router
}
