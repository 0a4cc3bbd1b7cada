import fs from 'node:fs/promises'
import { Router, type Request, type Response } from 'express'
import {
  AUDIT_SCALES,
  isBuiltInTemplateId,
  sectionsFromText,
  templateProblemText,
  templateToText,
} from '../../../../domain/audits/index.js'
import { readJsonText } from '../../../../domain/sampling/index.js'
import { authorise } from '../../../../services/context.js'
import { can } from '../../../../domain/platform/roles.js'
import { NotFoundError, ValidationError } from '../../../../services/errors.js'
import type { Services } from '../../../../services/index.js'
import { EditConflictError } from '../../../../services/workspace/errors.js'
import { errorList, keepFormState, setNotice, takeFormState, takeNotice } from '../../../formState.js'
import { acceptUploadsAt, verifyCsrfAfterUpload } from '../../../middleware/csrf.js'
import { requireContext } from '../../../requestContext.js'
import { receiveFiles, uploadedFiles } from '../../../uploads.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { stringField } from '../labels.js'
import {
  EXAMPLE_TEMPLATE,
  IMPORT_FIELDS,
  importTemplateSchema,
  MAX_TEMPLATE_FILE_BYTES,
  MAX_TEMPLATE_JSON,
  NEW_TEMPLATE_FIELDS,
  newTemplateSchema,
  REVISE_FIELDS,
  reviseSchema,
} from './schemas.js'

const NEW_FORM = 'auditTemplateNew'
const REVISE_FORM = 'auditTemplateRevise'
const IMPORT_FORM = 'auditTemplateImport'
const IMPORT_PATH = '/audits/templates/import'
const IMPORT_FILE_PATH = '/audits/templates/import/file'
const MAX_PROBLEMS_SHOWN = 50
const SCALE_LABELS: Record<string, string> = {
  'ofsted-4': AUDIT_SCALES['ofsted-4'].map(grade => grade.label).join(' / '),
  'yes-partly-no': AUDIT_SCALES['yes-partly-no'].map(grade => grade.label).join(' / '),
}

/** Audit templates: built-in and custom, versioned. A new version is a copy of the latest with edits. */
export function auditTemplateRoutes(services: Services): Router {
  acceptUploadsAt(/^\/audits\/templates\/import\/file$/)
  const router = Router()
  const templates = services.audits.templates
  const canManage = (req: Request) => {
    const actor = requireContext(req).actor
    return actor.kind === 'system' || can(actor.role, 'audits:manage')
  }

  router.get('/audits/templates', async (req, res) => {
    const context = requireContext(req)
    const list = await templates.list(context)
    const state = takeFormState(req, NEW_FORM)
    res.render('audits/templates/view.njk', {
      pageTitle: 'Audit templates',
      templates: list.map(template => ({
        ...template,
        builtIn: isBuiltInTemplateId(template.id),
        questions: template.sections.flatMap(section => section.questions).length,
      })),
      fromItems: [
        { value: '', text: 'Choose a template' },
        ...list.map(template => ({
          value: template.id,
          text: `${template.label} (version ${template.version})`,
          selected: state.values.fromId === template.id,
        })),
      ],
      canManage: canManage(req),
      errors: state.errors,
      errorSummary: errorList(state.errors),
      notice: takeNotice(req),
      values: state.values,
    })
  })

  router.post('/audits/templates', async (req, res) => {
    const context = requireContext(req)
    const values = pickStrings(req.body, NEW_TEMPLATE_FIELDS)
    const back = (errors: Record<string, string>) => {
      keepFormState(req, NEW_FORM, { errors, values })
      return res.redirect('/audits/templates')
    }
    const parsed = newTemplateSchema.safeParse(values)
    if (!parsed.success) return back(fieldErrors(parsed.error))
    try {
      const created = await templates.copy(context, parsed.data)
      setNotice(req, `Template “${created.label}” created (version 1). Edit its questions below.`)
      return res.redirect(`/audits/templates/${created.id}`)
    } catch (error) {
      if (error instanceof ValidationError)
        return back({ id: error.fieldErrors.id ?? error.fieldErrors.template ?? error.message })
      if (error instanceof NotFoundError) return back({ fromId: 'Select the template to start from' })
      throw error
    }
  })

  router.get(IMPORT_PATH, (req, res) => {
    authorise(requireContext(req), 'audits:manage')
    const state = takeFormState(req, IMPORT_FORM)
    // Every problem is its own line in the summary, linking to the field it came from (the text or the file).
    const field = state.values.source === 'file' ? 'templateFile' : 'templateJson'
    res.render('audits/templates/import.njk', {
      pageTitle: 'Import a template from JSON',
      errors: state.errors,
      errorSummary: Object.values(state.errors).map(text => ({ text, href: `#${field}` })),
      fieldErrors: { [field]: Object.values(state.errors).join('; ') },
      values: state.values,
      example: JSON.stringify(EXAMPLE_TEMPLATE, null, 2),
      maxKilobytes: MAX_TEMPLATE_FILE_BYTES / 1024,
    })
  })

  router.post(IMPORT_PATH, async (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>
    const values = {
      templateJson: stringField(body, 'templateJson', MAX_TEMPLATE_JSON + 1),
      changeNote: stringField(body, 'changeNote', 1001),
      source: 'text',
    }
    const parsed = importTemplateSchema.safeParse(values)
    if (!parsed.success) return importBack(req, res, values, [parsed.error.issues[0]!.message])
    return importTemplate(req, res, values, parsed.data.templateJson, parsed.data.changeNote)
  })

  router.post(
    IMPORT_FILE_PATH,
    receiveFiles('templateFile', { maxBytes: MAX_TEMPLATE_FILE_BYTES, maxFiles: 1 }),
    verifyCsrfAfterUpload,
    async (req, res) => {
      const file = uploadedFiles(req)[0]
      try {
        authorise(requireContext(req), 'audits:manage')
        const values = { changeNote: pickStrings(req.body, IMPORT_FIELDS).changeNote ?? '', source: 'file' }
        if (!file || file.size === 0)
          return importBack(req, res, values, [file ? 'The selected file is empty' : 'Select a JSON file'])
        // A byte-order mark is how some editors start a UTF-8 file; JSON.parse would refuse it.
        const text = (await fs.readFile(file.path, 'utf8')).replace(/^\uFEFF/, '')
        return importTemplate(req, res, values, text, values.changeNote.trim())
      } finally {
        if (file) await fs.rm(file.path, { force: true })
      }
    },
  )

  function importBack(req: Request, res: Response, values: Record<string, string>, problems: string[]) {
    const shown = problems.slice(0, MAX_PROBLEMS_SHOWN)
    if (problems.length > shown.length) shown.push(`and ${problems.length - shown.length} more problems`)
    const errors = Object.fromEntries(
      shown.map((text, index) => [index === 0 ? 'template' : `template-${index}`, text]),
    )
    keepFormState(req, IMPORT_FORM, { errors, values })
    return res.redirect(IMPORT_PATH)
  }

  /** Checked by the same reader as `readiness audits template-save`; nothing is stored unless all of it is right. */
  async function importTemplate(
    req: Request,
    res: Response,
    values: Record<string, string>,
    text: string,
    changeNote: string,
  ) {
    const context = requireContext(req)
    const json = readJsonText(text)
    if (!json.ok) return importBack(req, res, values, [json.problem])
    try {
      const { template, created } = await templates.importJson(context, json.value, { changeNote })
      setNotice(
        req,
        created
          ? `Template “${template.label}” imported (version 1).`
          : `Template “${template.label}” imported as version ${template.version}. Audits already started keep the version they began with.`,
      )
      return res.redirect(`/audits/templates/${encodeURIComponent(template.id)}`)
    } catch (error) {
      if (error instanceof ValidationError)
        return importBack(
          req,
          res,
          values,
          Object.values(error.fieldErrors).map(problem => templateProblemText(problem, json.value)),
        )
      if (error instanceof EditConflictError) return importBack(req, res, values, [error.message])
      throw error
    }
  }

  router.get('/audits/templates/:templateId', async (req, res) => {
    const context = requireContext(req)
    const templateId = String(req.params.templateId)
    const requested = typeof req.query.version === 'string' ? Number(req.query.version) : undefined
    const version = requested !== undefined && Number.isInteger(requested) && requested > 0 ? requested : undefined
    const template = await templates.get(context, templateId, version)
    const latest = version === undefined ? template : await templates.get(context, templateId)
    const builtIn = isBuiltInTemplateId(templateId)
    const state = takeFormState(req, REVISE_FORM)
    res.render('audits/templates/template.njk', {
      pageTitle: template.label,
      template,
      latest,
      builtIn,
      versions: builtIn ? [] : await templates.versions(context, templateId),
      canEdit: canManage(req) && !builtIn && template.version === latest.version,
      scaleLabels: SCALE_LABELS,
      errors: state.errors,
      errorSummary: errorList(state.errors),
      notice: takeNotice(req),
      values: {
        label: state.values.label ?? template.label,
        sections: state.values.sections ?? templateToText(template),
        changeNote: state.values.changeNote ?? '',
      },
    })
  })

  router.post('/audits/templates/:templateId', async (req: Request, res: Response) => {
    const context = requireContext(req)
    const templateId = String(req.params.templateId)
    const values = pickStrings(req.body, REVISE_FIELDS)
    // pickStrings keeps 1,000 characters; the questions need the whole textarea.
    const body = (req.body ?? {}) as Record<string, unknown>
    values.sections = typeof body.sections === 'string' ? body.sections.slice(0, 100_001) : ''
    const back = (errors: Record<string, string>) => {
      keepFormState(req, REVISE_FORM, { errors, values })
      return res.redirect(`/audits/templates/${encodeURIComponent(templateId)}`)
    }
    const parsed = reviseSchema.safeParse(values)
    if (!parsed.success) return back(fieldErrors(parsed.error))
    try {
      const latest = await templates.get(context, templateId)
      const { sections, problems } = sectionsFromText(parsed.data.sections, latest)
      if (problems.length > 0) return back({ sections: problems.join('; ') })
      const saved = await templates.revise(context, templateId, {
        expectedVersion: parsed.data.expectedVersion,
        label: parsed.data.label,
        sections,
        changeNote: parsed.data.changeNote,
      })
      setNotice(req, `Version ${saved.version} saved. Audits already started keep the version they began with.`)
    } catch (error) {
      if (error instanceof ValidationError) return back({ sections: error.fieldErrors.template ?? error.message })
      if (error instanceof EditConflictError) return back({ sections: error.message })
      throw error
    }
    return res.redirect(`/audits/templates/${encodeURIComponent(templateId)}`)
  })

  return router
}
