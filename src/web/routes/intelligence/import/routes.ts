import fs from 'node:fs/promises'
import path from 'node:path'
import { Router } from 'express'
import { authorise } from '../../../../services/context.js'
import type { Services } from '../../../../services/index.js'
import { IndicatorFileError, MAX_INDICATOR_FILE_BYTES } from '../../../../services/intelligence/readIndicatorCsv.js'
import { OutcomeFileError } from '../../../../services/intelligence/readOutcomeFile.js'
import { acceptUploadsAt, verifyCsrfAfterUpload } from '../../../middleware/csrf.js'
import { errorList, keepFormState, setNotice, takeFormState } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { fieldErrors, pickStrings } from '../../../validation.js'
import { receiveFiles, uploadedFiles } from '../../../uploads.js'
import { IMPORT_FIELDS, importFormSchema } from './schemas.js'

const FORM = 'intelligenceImport'
const IMPORT_PATH = '/intelligence/import'
/** Ofsted's 2023 file is 2 MB; DfE's largest CSV 1 MB. Generous, but far below what would strain a request. */
export const MAX_IMPORT_BYTES = MAX_INDICATOR_FILE_BYTES

export function importRoutes(services: Services): Router {
  acceptUploadsAt(/^\/intelligence\/import$/)
  const router = Router()

  router.get(IMPORT_PATH, (req, res) => {
    authorise(requireContext(req), 'workspace:edit')
    const { errors, values } = takeFormState(req, FORM)
    res.render('intelligence/import/view.njk', {
      pageTitle: 'Import a file',
      errors,
      errorSummary: errorList(errors),
      values,
      maxMegabytes: MAX_IMPORT_BYTES / 1024 / 1024,
    })
  })

  router.post(
    IMPORT_PATH,
    receiveFiles('importFile', { maxBytes: MAX_IMPORT_BYTES, maxFiles: 1 }),
    verifyCsrfAfterUpload,
    async (req, res) => {
      const file = uploadedFiles(req)[0]
      try {
        const context = requireContext(req)
        authorise(context, 'workspace:edit')
        const values = pickStrings(req.body, IMPORT_FIELDS)
        const parsed = importFormSchema.safeParse(values)
        const errors: Record<string, string> = {}
        if (!file || file.size === 0) errors.importFile = file ? 'The selected file is empty' : 'Select a file'
        if (!parsed.success) Object.assign(errors, fieldErrors(parsed.error))
        if (!parsed.success || Object.keys(errors).length > 0) {
          keepFormState(req, FORM, { errors, values })
          return res.redirect(IMPORT_PATH)
        }
        const input = {
          content: await fs.readFile(file!.path),
          fileName: path.basename(file!.originalname).slice(0, 200) || 'upload',
          framework: parsed.data.framework,
        }
        try {
          const outcomes = services.intelligence.outcomes
          const result =
            parsed.data.kind === 'outcomes'
              ? await outcomes.importOutcomes(context, input)
              : await outcomes.importIndicators(context, input)
          setNotice(
            req,
            `${result.sourceName} imported: ${result.records} ${result.kind === 'outcomes' ? 'inspection outcomes' : 'indicator values'}, ${result.warnings.length} warnings.`,
          )
          return res.redirect(result.kind === 'outcomes' ? '/intelligence/outcomes' : '/intelligence')
        } catch (error) {
          if (!(error instanceof OutcomeFileError || error instanceof IndicatorFileError)) throw error
          keepFormState(req, FORM, {
            errors: { importFile: `The selected file cannot be imported: ${error.message}` },
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
