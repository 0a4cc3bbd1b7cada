import fs from 'node:fs/promises'
import path from 'node:path'
import { Router, type Request, type Response } from 'express'
import { PLAN_FIELD_LABELS, PLAN_FIELDS } from '../../../../domain/workspace/index.js'
import { authorise } from '../../../../services/context.js'
import type { Services } from '../../../../services/index.js'
import {
  completeMapping,
  importPlanFile,
  MAX_PLAN_FILE_BYTES,
  PlanFileError,
  previewPlanFile,
} from '../../../../services/workspace/importPlanFile.js'
import { acceptUploadsAt, verifyCsrfAfterUpload } from '../../../middleware/csrf.js'
import { errorList, keepFormState, setNotice, takeFormState } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { receiveFiles, uploadedFiles } from '../../../uploads.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { currentPending, discardPending, keepPending, pendingPath, PENDING_TTL_MS } from './pending.js'
import { IMPORT_FIELDS, importFormSchema, mapFieldName, MAPPING_FIELDS, NONE, readMapping } from './schemas.js'

const FORM = 'planImport'
const MAPPING_FORM = 'planImportColumns'
const IMPORT_PATH = '/plans/import'
const COLUMNS_PATH = '/plans/import/columns'

/**
 * Importing a plan in two steps, both working without JavaScript: upload the file (kept privately under a token
 * in the session), then confirm which column holds each field (pre-filled by header recognition) and import.
 */
export function planImportRoutes(services: Services): Router {
  acceptUploadsAt(/^\/plans\/import$/)
  const router = Router()

  router.get(IMPORT_PATH, (req, res) => {
    authorise(requireContext(req), 'workspace:edit')
    const { errors, values } = takeFormState(req, FORM)
    res.render('workspace/planImport/view.njk', {
      pageTitle: 'Import a plan',
      errors,
      errorSummary: errorList(errors),
      values: { kind: 'improvement', ...values },
      maxMegabytes: MAX_PLAN_FILE_BYTES / 1024 / 1024,
    })
  })

  router.post(
    IMPORT_PATH,
    receiveFiles('planFile', { maxBytes: MAX_PLAN_FILE_BYTES, maxFiles: 1 }),
    verifyCsrfAfterUpload,
    async (req, res) => {
      const file = uploadedFiles(req)[0]
      try {
        const context = requireContext(req)
        authorise(context, 'workspace:edit')
        const values = pickStrings(req.body, IMPORT_FIELDS)
        const parsed = importFormSchema.safeParse(values)
        const errors: Record<string, string> = {}
        if (!file || file.size === 0) errors.planFile = file ? 'The selected file is empty' : 'Select a plan file'
        if (!parsed.success) Object.assign(errors, fieldErrors(parsed.error))
        if (!parsed.success || Object.keys(errors).length > 0) {
          keepFormState(req, FORM, { errors, values })
          return res.redirect(IMPORT_PATH)
        }
        const sourceName = path.basename(file!.originalname).slice(0, 200)
        try {
          // Read it now, so a file that is not a plan is refused at once, with the reason.
          await previewPlanFile(context, file!.path, sourceName)
        } catch (error) {
          if (!(error instanceof PlanFileError)) throw error
          keepFormState(req, FORM, {
            errors: { planFile: `The selected file cannot be imported: ${error.message}` },
            values,
          })
          return res.redirect(IMPORT_PATH)
        }
        await keepPending(req, file!.path, { sourceName, title: parsed.data.title, kind: parsed.data.kind })
        return res.redirect(COLUMNS_PATH)
      } finally {
        if (file) await fs.rm(file.path, { force: true })
      }
    },
  )

  /** Back to the upload page with a reason, when there is no upload waiting (expired, or never made). */
  function uploadAgain(req: Request, res: Response) {
    keepFormState(req, FORM, {
      errors: {
        planFile: `Select the plan file again: an upload is kept for ${PENDING_TTL_MS / 60_000} minutes while you choose its columns`,
      },
      values: {},
    })
    return res.redirect(IMPORT_PATH)
  }

  router.get(COLUMNS_PATH, async (req, res) => {
    const context = requireContext(req)
    authorise(context, 'workspace:edit')
    const pending = await currentPending(req)
    if (!pending) return uploadAgain(req, res)
    let preview
    try {
      preview = await previewPlanFile(context, pendingPath(pending.token), pending.sourceName)
    } catch (error) {
      if (!(error instanceof PlanFileError)) throw error
      await discardPending(req)
      return uploadAgain(req, res)
    }
    const state = takeFormState(req, MAPPING_FORM)
    const chosen = (field: (typeof PLAN_FIELDS)[number]) =>
      state.values[mapFieldName(field)] ??
      (preview.mapping[field] === undefined ? NONE : String(preview.mapping[field]))
    const claimed = new Set(PLAN_FIELDS.map(field => chosen(field)))
    res.render('workspace/planImport/columns.njk', {
      pageTitle: 'Choose the columns',
      pending,
      preview,
      unused: preview.columns.filter(column => !claimed.has(String(column.index))),
      fields: PLAN_FIELDS.map(field => ({
        id: mapFieldName(field),
        label: PLAN_FIELD_LABELS[field],
        required: field === 'action',
        items: [
          { value: NONE, text: 'Not in this file', selected: chosen(field) === NONE },
          ...preview.columns.map(column => ({
            value: String(column.index),
            text: `Column ${column.index + 1}: ${column.header || '(no heading)'}`,
            selected: chosen(field) === String(column.index),
          })),
        ],
      })),
      errors: state.errors,
      errorSummary: errorList(state.errors),
    })
  })

  router.post(COLUMNS_PATH, async (req, res) => {
    const context = requireContext(req)
    authorise(context, 'workspace:edit')
    const values = pickStrings(req.body, MAPPING_FIELDS)
    if (values.step === 'cancel') {
      await discardPending(req)
      setNotice(req, 'Import cancelled: the uploaded file has been deleted.')
      return res.redirect('/plans')
    }
    const pending = await currentPending(req)
    if (!pending) return uploadAgain(req, res)
    const file = pendingPath(pending.token)
    let preview
    try {
      preview = await previewPlanFile(context, file, pending.sourceName)
    } catch (error) {
      if (!(error instanceof PlanFileError)) throw error
      await discardPending(req)
      return uploadAgain(req, res)
    }
    const read = readMapping(values, new Set(preview.columns.map(column => column.index)), PLAN_FIELD_LABELS)
    if ('errors' in read) {
      keepFormState(req, MAPPING_FORM, { errors: read.errors, values })
      return res.redirect(COLUMNS_PATH)
    }
    try {
      const result = await importPlanFile(services.workspace.plans, context, file, {
        title: pending.title,
        kind: pending.kind,
        sourceName: pending.sourceName,
        mapping: completeMapping(read.mapping),
        headerRowNumber: preview.headerRowNumber,
      })
      await discardPending(req)
      setNotice(
        req,
        `Plan imported: ${result.sections} sections and ${result.items} actions, with ${result.warnings.length} warnings.`,
      )
      return res.redirect(`/plans/${result.plan.id}`)
    } catch (error) {
      if (!(error instanceof PlanFileError)) throw error
      keepFormState(req, MAPPING_FORM, {
        errors: { [mapFieldName('action')]: `The file cannot be imported with these columns: ${error.message}` },
        values,
      })
      return res.redirect(COLUMNS_PATH)
    }
  })

  return router
}
