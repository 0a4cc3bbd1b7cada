import { Router } from 'express'
import { can } from '../../../../domain/platform/roles.js'
import { DOCUMENT_TYPE_LABELS, DOCUMENT_TYPES } from '../../../../domain/workspace/evidence.js'
import type { Services } from '../../../../services/index.js'
import { allEvidenceAreas } from '../../../../services/workspace/evidenceService.js'
import { summariseEvidence } from '../../../../services/workspace/evidenceSummary.js'
import { errorList, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { SEARCH_FIELDS, searchQuerySchema } from './schemas.js'

/** The evidence bank: search by text, tag, framework area, owner and type; links to checklists and policies. */
export function evidenceListRoutes(services: Services): Router {
  const router = Router()
  const evidence = services.workspace.evidence

  router.get('/evidence', async (req, res) => {
    const context = requireContext(req)
    const values = pickStrings(req.query, SEARCH_FIELDS)
    const parsed = searchQuerySchema.safeParse(values)
    const errors = parsed.success ? {} : fieldErrors(parsed.error)
    const filters = parsed.success ? parsed.data : { search: '', tag: '', area: '', owner: '', documentType: '' }
    const [result, facets, summary] = await Promise.all([
      evidence.list(context, filters),
      evidence.facets(context),
      summariseEvidence(evidence, context),
    ])
    const option = (value: string, text: string, selected: string) => ({ value, text, selected: value === selected })
    const areaLabels = new Map(allEvidenceAreas().map(area => [area.key, area.label]))
    res.render('workspace/evidenceList/view.njk', {
      pageTitle: 'Evidence bank',
      errors,
      errorSummary: errorList(errors),
      values,
      result,
      summary,
      filtered: Object.values(filters).some(Boolean),
      canEdit: context.actor.kind === 'system' || can(context.actor.role, 'workspace:edit'),
      tagOptions: [option('', 'Any tag', filters.tag), ...facets.tags.map(tag => option(tag, tag, filters.tag))],
      ownerOptions: [
        option('', 'Any owner', filters.owner),
        ...facets.owners.map(owner => option(owner, owner, filters.owner)),
      ],
      typeOptions: [
        option('', 'Any type', filters.documentType),
        ...DOCUMENT_TYPES.map(type => option(type, DOCUMENT_TYPE_LABELS[type], filters.documentType)),
      ],
      areaOptions: [
        option('', 'Any framework area', filters.area),
        ...allEvidenceAreas().map(area => ({
          ...option(area.key, `${area.frameworkId}: ${area.label}`.slice(0, 110), filters.area),
        })),
      ],
      areaLabel: filters.area ? (areaLabels.get(filters.area) ?? filters.area) : '',
      notice: takeNotice(req),
    })
  })

  return router
}
