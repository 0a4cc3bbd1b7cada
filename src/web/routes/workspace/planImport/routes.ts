import fs from 'node:fs/promises'
import path from 'node:path'
import { Router } from 'express'
import { authorise } from '../../../../services/context.js'
import type { Services } from '../../../../services/index.js'
import { importPlanFile, MAX_PLAN_FILE_BYTES, PlanFileError } from '../../../../services/workspace/importPlanFile.js'
import { acceptUploadsAt, verifyCsrfAfterUpload } from '../../../middleware/csrf.js'
import { errorList, keepFormState, setNotice, takeFormState } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { receiveFiles, uploadedFiles } from '../../../uploads.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { IMPORT_FIELDS, importFormSchema } from './schemas.js'

const FORM = 'planImport'
const IMPORT_PATH = '/plans/import'

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
        try {
          const result = await importPlanFile(services.workspace.plans, context, file!.path, {
            title: parsed.data.title,
            kind: parsed.data.kind,
            sourceName: path.basename(file!.originalname).slice(0, 200),
          })
          setNotice(
            req,
            `Plan imported: ${result.sections} sections and ${result.items} actions, with ${result.warnings.length} warnings.`,
          )
          return res.redirect(`/plans/${result.plan.id}`)
        } catch (error) {
          if (!(error instanceof PlanFileError)) throw error
          keepFormState(req, FORM, {
            errors: { planFile: `The selected file cannot be imported: ${error.message}` },
            values,
          })
          return res.redirect(IMPORT_PATH)
        }
      } finally {
        if (file) await fs.rm(file.path, { force: true })
      }
    },
  )

  return router
}
