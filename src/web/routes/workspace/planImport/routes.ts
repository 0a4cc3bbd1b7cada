import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Router, type NextFunction, type Request, type Response } from 'express'
import multer from 'multer'
import { authorise } from '../../../../services/context.js'
import type { Services } from '../../../../services/index.js'
import { importPlanFile, MAX_PLAN_FILE_BYTES, PlanFileError } from '../../../../services/workspace/importPlanFile.js'
import { acceptUploadsAt, verifyCsrfAfterUpload } from '../../../middleware/csrf.js'
import { errorList, keepFormState, setNotice, takeFormState } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { IMPORT_FIELDS, importFormSchema } from './schemas.js'

const FORM = 'planImport'
const IMPORT_PATH = '/plans/import'

/** The upload waits in a private temporary folder only until the import ends, whatever happens. */
const upload = multer({
  dest: path.join(os.tmpdir(), 'readiness-plan-uploads'),
  limits: { fileSize: MAX_PLAN_FILE_BYTES, files: 1, fields: 10, fieldSize: 10_000, parts: 15 },
})

function receiveFile(req: Request, res: Response, next: NextFunction): void {
  upload.single('planFile')(req, res, error => {
    if (error instanceof multer.MulterError) {
      next(Object.assign(error, { status: error.code === 'LIMIT_FILE_SIZE' ? 413 : 400 }))
      return
    }
    next(error)
  })
}

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

  router.post(IMPORT_PATH, receiveFile, verifyCsrfAfterUpload, async (req, res) => {
    const file = req.file
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
  })

  return router
}
