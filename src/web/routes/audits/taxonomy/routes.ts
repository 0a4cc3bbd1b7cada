import { Router, type Request } from 'express'
import { can } from '../../../../domain/platform/roles.js'
import { NotFoundError, ValidationError } from '../../../../services/errors.js'
import type { Services } from '../../../../services/index.js'
import { EditConflictError } from '../../../../services/workspace/errors.js'
import { errorList, keepFormState, setNotice, takeFormState, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { EDIT_FIELDS, editSchema, RETIRE_FIELDS, retireSchema, THEME_FIELDS, themeSchema } from './schemas.js'

const ADD_FORM = 'auditThemeAdd'
const EDIT_FORM = 'auditThemeEdit'

/** Phrases are typed one a line; pickStrings keeps only 1,000 characters, so read the whole field here. */
function phrasesOf(req: Request): string {
  const value = (req.body as Record<string, unknown> | undefined)?.phrases
  return typeof value === 'string' ? value.slice(0, 20_001) : ''
}

/** The theme taxonomy audits are tagged from: seed 004's themes to start, then the organisation's to edit. */
export function auditTaxonomyRoutes(services: Services): Router {
  const router = Router()
  const taxonomy = services.audits.taxonomy
  const canManage = (req: Request) => {
    const actor = requireContext(req).actor
    return actor.kind === 'system' || can(actor.role, 'audits:manage')
  }

  router.get('/audits/taxonomy', async (req, res) => {
    const context = requireContext(req)
    const state = takeFormState(req, ADD_FORM)
    res.render('audits/taxonomy/view.njk', {
      pageTitle: 'Audit themes',
      themes: await taxonomy.list(context),
      canManage: canManage(req),
      errors: state.errors,
      errorSummary: errorList(state.errors),
      notice: takeNotice(req),
      values: state.values,
    })
  })

  router.post('/audits/taxonomy', async (req, res) => {
    const context = requireContext(req)
    const values = { ...pickStrings(req.body, THEME_FIELDS), phrases: phrasesOf(req) }
    const back = (errors: Record<string, string>) => {
      keepFormState(req, ADD_FORM, { errors, values })
      return res.redirect('/audits/taxonomy')
    }
    const parsed = themeSchema.safeParse(values)
    if (!parsed.success) return back(fieldErrors(parsed.error))
    try {
      const added = await taxonomy.add(context, parsed.data)
      setNotice(req, `Theme “${added.label}” added.`)
    } catch (error) {
      if (error instanceof ValidationError) return back(error.fieldErrors)
      throw error
    }
    return res.redirect('/audits/taxonomy')
  })

  router.get('/audits/taxonomy/:themeId', async (req, res) => {
    const context = requireContext(req)
    const theme = (await taxonomy.list(context)).find(item => item.id === String(req.params.themeId))
    if (!theme) throw new NotFoundError('No such theme')
    const state = takeFormState(req, EDIT_FORM)
    res.render('audits/taxonomy/theme.njk', {
      pageTitle: theme.label,
      theme,
      canManage: canManage(req),
      errors: state.errors,
      errorSummary: errorList(state.errors),
      notice: takeNotice(req),
      values: {
        label: state.values.label ?? theme.label,
        phrases: state.values.phrases ?? theme.phrases.join('\n'),
      },
    })
  })

  router.post('/audits/taxonomy/:themeId', async (req, res) => {
    const context = requireContext(req)
    const themeId = String(req.params.themeId)
    const values = { ...pickStrings(req.body, EDIT_FIELDS), phrases: phrasesOf(req) }
    const back = (errors: Record<string, string>) => {
      keepFormState(req, EDIT_FORM, { errors, values })
      return res.redirect(`/audits/taxonomy/${encodeURIComponent(themeId)}`)
    }
    const parsed = editSchema.safeParse(values)
    if (!parsed.success) return back(fieldErrors(parsed.error))
    try {
      await taxonomy.update(context, themeId, parsed.data)
    } catch (error) {
      if (error instanceof ValidationError) return back(error.fieldErrors)
      if (error instanceof EditConflictError) return back({ label: error.message })
      throw error
    }
    setNotice(req, 'Theme saved.')
    return res.redirect('/audits/taxonomy')
  })

  router.post('/audits/taxonomy/:themeId/retire', async (req, res) => {
    const context = requireContext(req)
    const parsed = retireSchema.safeParse(pickStrings(req.body, RETIRE_FIELDS))
    if (!parsed.success) throw new ValidationError({ retired: 'Choose whether to retire or restore the theme' })
    try {
      await taxonomy.update(context, String(req.params.themeId), {
        expectedVersion: parsed.data.expectedVersion,
        retired: parsed.data.retired === 'true',
      })
    } catch (error) {
      if (error instanceof EditConflictError) {
        setNotice(req, error.message)
        return res.redirect('/audits/taxonomy')
      }
      throw error
    }
    setNotice(
      req,
      parsed.data.retired === 'true'
        ? 'Theme retired: it is no longer offered, and audits already tagged keep it.'
        : 'Theme restored.',
    )
    return res.redirect('/audits/taxonomy')
  })

  return router
}
