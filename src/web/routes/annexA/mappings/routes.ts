import { Router } from 'express'
import { LIST_NUMBERS } from '../../../../domain/annex-a/index.js'
import type { Services } from '../../../../services/index.js'
import { ValidationError } from '../../../../services/errors.js'
import { errorList, keepFormState, setNotice, takeFormState, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { VALUE_MAPPING_FIELDS, valueMappingSchema } from './schemas.js'

const FORM = 'annexAValueMapping'

/** The organisation's own value mappings: applied before the built-in ones at every import and re-check. */
export function mappingsRoutes(services: Services): Router {
  const router = Router()

  router.get('/annex-a/mappings', async (req, res) => {
    const mappings = await services.annexA.listValueMappings(requireContext(req))
    const { errors, values } = takeFormState(req, FORM)
    res.render('annexA/mappings/view.njk', {
      pageTitle: 'Value mappings',
      mappings,
      errors,
      errorSummary: errorList(errors),
      values,
      notice: takeNotice(req),
      listOptions: [
        { value: '', text: 'Every list' },
        ...LIST_NUMBERS.map(list => ({
          value: String(list),
          text: `List ${list}`,
          selected: values.list === String(list),
        })),
      ],
    })
  })

  router.post('/annex-a/mappings', async (req, res) => {
    const values = pickStrings(req.body, VALUE_MAPPING_FIELDS)
    const parsed = valueMappingSchema.safeParse(values)
    if (!parsed.success) {
      keepFormState(req, FORM, { errors: fieldErrors(parsed.error), values })
      return res.redirect('/annex-a/mappings')
    }
    try {
      await services.annexA.saveValueMapping(requireContext(req), {
        list: values.list ?? '',
        column: values.column ?? '',
        from: values.from ?? '',
        to: values.to ?? '',
      })
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      keepFormState(req, FORM, { errors: error.fieldErrors, values })
      return res.redirect('/annex-a/mappings')
    }
    setNotice(req, 'Mapping saved. Check a test run again to apply it.')
    return res.redirect('/annex-a/mappings')
  })

  router.post('/annex-a/mappings/:mappingId/delete', async (req, res) => {
    await services.annexA.deleteValueMapping(requireContext(req), req.params.mappingId)
    setNotice(req, 'Mapping removed')
    res.redirect('/annex-a/mappings')
  })

  return router
}
