import { Router } from 'express'
import { authorise } from '../../../../services/context.js'
import type { Services } from '../../../../services/index.js'
import { setNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'

const KIND_LABELS = { outcomes: 'published outcomes', indicators: 'DfE statistics' } as const

/**
 * Deleting an import (with every outcome or value read from it) or a stored report: a confirmation page, then a
 * POST. Admins and leads only (the services check `workspace:approve`); each deletion is audited.
 */
export function deleteImportRoutes(services: Services): Router {
  const router = Router()
  const intelligence = services.intelligence

  router.get('/intelligence/imports/:importId/delete', async (req, res) => {
    const context = requireContext(req)
    authorise(context, 'workspace:approve')
    const item = await intelligence.outcomes.getImport(context, String(req.params.importId))
    res.render('intelligence/deleteImport/view.njk', {
      pageTitle: `Delete ${item.sourceName}`,
      heading: `Delete the import of ${item.sourceName}?`,
      action: `/intelligence/imports/${item.importId}/delete`,
      cancel: '/intelligence',
      rows: [
        { key: { text: 'File' }, value: { text: item.sourceName } },
        { key: { text: 'Holds' }, value: { text: KIND_LABELS[item.kind] } },
        { key: { text: 'Records' }, value: { text: String(item.records) } },
        { key: { text: 'Imported by' }, value: { text: item.importedBy } },
      ],
      warning: `The ${item.records} ${item.kind === 'outcomes' ? 'inspection outcomes' : 'indicator values'} read from this file will be removed from every page. Your own typed-in values are kept.`,
      importedAt: item.importedAt,
    })
  })

  router.post('/intelligence/imports/:importId/delete', async (req, res) => {
    const context = requireContext(req)
    const deleted = await intelligence.outcomes.deleteImport(context, String(req.params.importId))
    setNotice(req, `The import of ${deleted.sourceName} was deleted (${deleted.records} records).`)
    res.redirect('/intelligence')
  })

  router.get('/intelligence/reports/:reportId/delete', async (req, res) => {
    const context = requireContext(req)
    authorise(context, 'workspace:approve')
    const report = await intelligence.reports.get(context, String(req.params.reportId))
    res.render('intelligence/deleteImport/view.njk', {
      pageTitle: `Delete ${report.file}`,
      heading: `Delete the report ${report.file}?`,
      action: `/intelligence/reports/${report.reportId}/delete`,
      cancel: '/intelligence/reports',
      rows: [
        { key: { text: 'File' }, value: { text: report.file } },
        { key: { text: 'Authority' }, value: { text: report.authority ?? 'Not found in the report' } },
        { key: { text: 'Published' }, value: { text: report.publicationDate ?? 'Not found in the report' } },
        { key: { text: 'Read by' }, value: { text: report.extractedBy } },
      ],
      warning: 'Its judgements, recommendations and themes will be removed from the report mapping.',
      importedAt: report.extractedAt,
    })
  })

  router.post('/intelligence/reports/:reportId/delete', async (req, res) => {
    const context = requireContext(req)
    const deleted = await intelligence.reports.delete(context, String(req.params.reportId))
    setNotice(req, `The report ${deleted.file} was deleted.`)
    res.redirect('/intelligence/reports')
  })

  return router
}
