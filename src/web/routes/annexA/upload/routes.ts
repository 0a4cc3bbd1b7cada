import fs from 'node:fs/promises'
import path from 'node:path'
import { Router } from 'express'
import { authorise } from '../../../../services/context.js'
import { importFile } from '../../../../services/annex-a/importFile.js'
import type { Services } from '../../../../services/index.js'
import { SpreadsheetError } from '../../../../services/spreadsheets/index.js'
import { acceptUploadsAt, verifyCsrfAfterUpload } from '../../../middleware/csrf.js'
import { errorList, keepFormState, setNotice, takeFormState } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { receiveFiles, uploadedFiles } from '../../../uploads.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { UPLOAD_FIELDS, uploadFormSchema } from './schemas.js'

const FORM = 'annexAUpload'
export const UPLOAD_PATH = '/annex-a/runs/new'
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024

export function uploadRoutes(services: Services): Router {
  acceptUploadsAt(/^\/annex-a\/runs\/new$/)
  const router = Router()

  router.get(UPLOAD_PATH, (req, res) => {
    authorise(requireContext(req), 'child-data:import')
    const { errors, values } = takeFormState(req, FORM)
    res.render('annexA/upload/view.njk', {
      pageTitle: 'Upload a test run',
      errors,
      errorSummary: errorList(errors),
      values: { schema: 'auto', ...values },
      maxMegabytes: MAX_UPLOAD_BYTES / 1024 / 1024,
    })
  })

  router.post(
    UPLOAD_PATH,
    receiveFiles('annexAFile', { maxBytes: MAX_UPLOAD_BYTES, maxFiles: 1 }),
    verifyCsrfAfterUpload,
    async (req, res) => {
      const file = uploadedFiles(req)[0]
      try {
        const context = requireContext(req)
        authorise(context, 'child-data:import')
        const values = pickStrings(req.body, UPLOAD_FIELDS)
        const parsed = uploadFormSchema.safeParse(values)
        const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error)
        if (!file || file.size === 0) errors.annexAFile = file ? 'The selected file is empty' : 'Select an Annex A file'
        if (!parsed.success || Object.keys(errors).length > 0) {
          keepFormState(req, FORM, { errors: orderErrors(errors), values })
          return res.redirect(UPLOAD_PATH)
        }
        try {
          const result = await importFile(services.annexA, context, file!.path, {
            sourceName: path.basename(file!.originalname).slice(0, 200),
            referenceDate: parsed.data.referenceDate,
            schema: parsed.data.schema,
            population: parsed.data.population,
            maxFileBytes: MAX_UPLOAD_BYTES,
          })
          setNotice(
            req,
            `Test run imported: ${result.summary.rows} rows checked, ${result.summary.errors} errors, ${result.summary.warnings} warnings, ${result.summary.queries} queries.`,
          )
          return res.redirect(`/annex-a/runs/${result.runId}`)
        } catch (error) {
          if (!(error instanceof SpreadsheetError)) throw error
          keepFormState(req, FORM, {
            errors: { annexAFile: `The selected file cannot be read: ${error.message}` },
            values,
          })
          return res.redirect(UPLOAD_PATH)
        }
      } finally {
        if (file) await fs.rm(file.path, { force: true })
      }
    },
  )

  return router
}

/** Error summary order follows the page: file, date, template, population. */
function orderErrors(errors: Record<string, string>): Record<string, string> {
  const order = ['annexAFile', 'referenceDate', 'schema', 'population']
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)))
}
