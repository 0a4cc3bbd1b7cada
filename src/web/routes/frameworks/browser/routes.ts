import { Router } from 'express'
import type { Services } from '../../../../services/index.js'
import { requireContext } from '../../../requestContext.js'
import { findFrameworkOr404 } from '../frameworkParam.js'
import {
  CERTAINTY_LABELS,
  frameworkLists,
  frameworkSections,
  judgementTree,
  offsetText,
  STATUS_CLASSES,
  STATUS_LABELS,
} from './viewModel.js'

/** The framework browser: the list, and one page per framework with everything it holds and where it comes from. */
export function frameworkBrowserRoutes(services: Services): Router {
  const router = Router()

  router.get('/frameworks', (req, res) => {
    const frameworks = services.frameworks.list(requireContext(req))
    res.render('frameworks/browser/list.njk', {
      pageTitle: 'Inspection frameworks',
      frameworks,
      statusLabels: STATUS_LABELS,
      statusClasses: STATUS_CLASSES,
    })
  })

  router.get('/frameworks/:frameworkId', (req, res) => {
    const framework = findFrameworkOr404(services, requireContext(req), req.params.frameworkId)
    res.render('frameworks/browser/framework.njk', {
      pageTitle: framework.label,
      framework,
      tree: judgementTree(framework),
      lists: frameworkLists(framework),
      sections: frameworkSections(framework),
      statusLabels: STATUS_LABELS,
      statusClasses: STATUS_CLASSES,
      certaintyLabels: CERTAINTY_LABELS,
      offsetText,
    })
  })

  return router
}
