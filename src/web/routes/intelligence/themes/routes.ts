import { Router, type Request, type Response } from 'express'
import { can } from '../../../../domain/platform/roles.js'
import { authorise, type RequestContext } from '../../../../services/context.js'
import { ValidationError } from '../../../../services/errors.js'
import type { Services } from '../../../../services/index.js'
import { EditConflictError } from '../../../../services/workspace/errors.js'
import { errorList, keepFormState, setNotice, takeFormState, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { THEME_RULE_FIELDS, themeRuleFormSchema } from './schemas.js'

const FORM = 'themeRule'
const LIST = '/intelligence/themes'

function canEdit(context: RequestContext): boolean {
  return context.actor.kind === 'system' || can(context.actor.role, 'workspace:edit')
}

/** Theme phrase rules: the list with what each matches, and an edit page with a preview before saving. */
export function themeRuleRoutes(services: Services): Router {
  const router = Router()
  const themes = services.intelligence.themeRules

  router.get(LIST, async (req, res) => {
    const context = requireContext(req)
    const rules = await themes.rules(context)
    const previews = await themes.previewAll(context)
    res.render('intelligence/themes/list.njk', {
      pageTitle: 'Theme rules',
      rules: rules.map(rule => ({ ...rule, preview: previews.get(rule.id) })),
      editable: canEdit(context),
      notice: takeNotice(req),
    })
  })

  /** The edit form; after "Preview matches" it shows what the typed rule would match, without saving it. */
  async function showForm(req: Request, res: Response, themeId: string | undefined) {
    const context = requireContext(req)
    authorise(context, 'workspace:edit')
    const existing = themeId ? await themes.rule(context, themeId) : undefined
    const state = takeFormState(req, FORM)
    const typed = Object.keys(state.values).length > 0
    const values = typed
      ? state.values
      : {
          themeId: existing?.id ?? '',
          label: existing?.label ?? '',
          phrases: existing?.phrases.join('\n') ?? '',
          enabled: existing && !existing.enabled ? '' : 'yes',
          version: String(existing?.version ?? 0),
        }
    const errors = { ...state.errors }
    let preview
    if (typed && values.action === 'preview' && Object.keys(errors).length === 0) {
      try {
        preview = await themes.preview(context, {
          themeId: values.themeId ?? '',
          label: values.label ?? '',
          phrases: values.phrases ?? '',
          enabled: values.enabled === 'yes',
          version: 0,
        })
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error
        Object.assign(errors, error.fieldErrors)
      }
    }
    res.render('intelligence/themes/edit.njk', {
      pageTitle: existing ? `Change the theme ${existing.label}` : 'Add a theme',
      existing,
      action: existing ? `${LIST}/${existing.id}/edit` : `${LIST}/new`,
      values,
      errors,
      errorSummary: errorList(errors),
      preview,
    })
  }

  async function submit(req: Request, res: Response, themeId: string | undefined) {
    const context = requireContext(req)
    authorise(context, 'workspace:edit')
    const values = pickStrings(req.body, THEME_RULE_FIELDS)
    if (themeId) values.themeId = themeId
    const back = themeId ? `${LIST}/${themeId}/edit` : `${LIST}/new`
    const parsed = themeRuleFormSchema.safeParse(values)
    if (!parsed.success) {
      keepFormState(req, FORM, { errors: fieldErrors(parsed.error), values })
      return res.redirect(back)
    }
    if (parsed.data.action === 'preview') {
      keepFormState(req, FORM, { errors: {}, values })
      return res.redirect(`${back}#preview`)
    }
    try {
      const saved = await themes.save(context, {
        themeId: parsed.data.themeId,
        label: parsed.data.label,
        phrases: parsed.data.phrases,
        enabled: parsed.data.enabled === 'yes',
        version: parsed.data.version,
      })
      setNotice(req, `Theme “${saved.label}” saved${saved.enabled ? '' : ' and switched off'}.`)
      return res.redirect(LIST)
    } catch (error) {
      if (error instanceof ValidationError)
        keepFormState(req, FORM, { errors: error.fieldErrors, values: { ...values, action: 'save' } })
      else if (error instanceof EditConflictError)
        keepFormState(req, FORM, { errors: { phrases: error.message }, values: { ...values, action: 'save' } })
      else throw error
      return res.redirect(back)
    }
  }

  router.get(`${LIST}/new`, (req, res) => showForm(req, res, undefined))
  router.post(`${LIST}/new`, (req, res) => submit(req, res, undefined))
  router.get(`${LIST}/:themeId/edit`, (req, res) => showForm(req, res, String(req.params.themeId)))
  router.post(`${LIST}/:themeId/edit`, (req, res) => submit(req, res, String(req.params.themeId)))

  return router
}
