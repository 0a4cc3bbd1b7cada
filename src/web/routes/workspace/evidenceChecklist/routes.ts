import { Router } from 'express'
import { formatSource } from '../../../../domain/frameworks/index.js'
import type { Services } from '../../../../services/index.js'
import { summariseEvidence } from '../../../../services/workspace/evidenceSummary.js'
import { requireContext } from '../../../requestContext.js'

const STATUS = {
  met: { text: 'Met', classes: 'govuk-tag--green' },
  stale: { text: 'Stale', classes: 'govuk-tag--yellow' },
  'not-met': { text: 'Not met', classes: 'govuk-tag--red' },
} as const

/** Required-document checklists: each framework's documents against the evidence bank. */
export function evidenceChecklistRoutes(services: Services): Router {
  const router = Router()
  const evidence = services.workspace.evidence

  router.get('/evidence/checklists', async (req, res) => {
    const context = requireContext(req)
    const checklists = await Promise.all(
      evidence.checklists().map(async checklist => ({
        ...checklist,
        summary: await summariseEvidence(evidence, context, { frameworkId: checklist.frameworkId }),
      })),
    )
    res.render('workspace/evidenceChecklist/list.njk', { pageTitle: 'Required-document checklists', checklists })
  })

  router.get('/evidence/checklists/:frameworkId', async (req, res) => {
    const context = requireContext(req)
    const result = await evidence.checklist(context, String(req.params.frameworkId))
    const rows = result.results.map(entry => ({
      ...entry,
      tag: STATUS[entry.status],
      source: formatSource(entry.requirement.source),
      areaHref: `/evidence?area=${encodeURIComponent(entry.requirement.key)}`,
    }))
    res.render('workspace/evidenceChecklist/view.njk', {
      pageTitle: `Required documents: ${result.checklist.label}`,
      result,
      groups: [
        { heading: 'Documents', rows: rows.filter(row => row.requirement.group === 'documents') },
        {
          heading: 'Lists the authority must be able to produce',
          rows: rows.filter(row => row.requirement.group === 'lists'),
        },
      ].filter(group => group.rows.length > 0),
      today: evidence.today(),
    })
  })

  return router
}
