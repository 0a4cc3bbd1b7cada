import { Router } from 'express'
import { authorise } from '../../../../services/context.js'
import { ValidationError } from '../../../../services/errors.js'
import type { Services } from '../../../../services/index.js'
import { EditConflictError } from '../../../../services/workspace/errors.js'
import { errorList, keepFormState, setNotice, takeFormState } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { metadataChoices, orderErrors, readMetadata, valuesFromItem } from '../evidenceForm/metadata.js'

const FORM = 'evidenceEdit'

/** Edit an item's details. The form carries the version it was loaded at: a concurrent save is refused, never overwritten. */
export function evidenceEditRoutes(services: Services): Router {
  const router = Router()
  const evidence = services.workspace.evidence
  const editPath = (id: string) => `/evidence/${encodeURIComponent(id)}/edit`

  router.get('/evidence/:evidenceId/edit', async (req, res) => {
    const context = requireContext(req)
    authorise(context, 'workspace:edit')
    const { item } = await evidence.get(context, String(req.params.evidenceId))
    const state = takeFormState(req, FORM)
    const values = Object.keys(state.values).length ? state.values : valuesFromItem(item)
    res.render('workspace/evidenceEdit/view.njk', {
      pageTitle: `Edit ${item.title}`,
      item,
      // After a conflict the form shows the latest saved version number, so a second save is deliberate.
      expectedVersion: state.errors.form ? item.version : (values.expectedVersion ?? item.version),
      errors: state.errors,
      errorSummary: errorList(state.errors),
      values,
      choices: metadataChoices(values),
    })
  })

  router.post('/evidence/:evidenceId/edit', async (req, res) => {
    const context = requireContext(req)
    const id = String(req.params.evidenceId)
    const { values, input, errors } = readMetadata(req.body)
    const expectedVersion = typeof req.body?.expectedVersion === 'string' ? req.body.expectedVersion.slice(0, 12) : ''
    const back = (fieldErrors: Record<string, string>) => {
      keepFormState(req, FORM, { errors: orderErrors(fieldErrors), values: { ...values, expectedVersion } })
      return res.redirect(editPath(id))
    }
    if (Object.keys(errors).length > 0) return back(errors)
    try {
      await evidence.update(context, id, { ...input, expectedVersion })
    } catch (error) {
      if (error instanceof ValidationError) return back(error.fieldErrors)
      if (error instanceof EditConflictError) return back({ form: error.message })
      throw error
    }
    setNotice(req, 'Details saved.')
    return res.redirect(`/evidence/${encodeURIComponent(id)}`)
  })

  return router
}
