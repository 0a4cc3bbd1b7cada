import fs from 'node:fs/promises'
import path from 'node:path'
import { Router } from 'express'
import { authorise } from '../../../../services/context.js'
import { importFiles } from '../../../../services/annex-a/importFile.js'
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
/**
 * Uploads larger than this (all files together) import in the background: the page returns at once to a status page.
 * Smaller ones import while the person waits (a few seconds at most) and go straight to the run. Override with
 * READINESS_ANNEX_A_BACKGROUND_BYTES (0 sends every upload to the background).
 */
export const BACKGROUND_IMPORT_BYTES = 2 * 1024 * 1024

function backgroundThreshold(): number {
  const configured = Number(process.env.READINESS_ANNEX_A_BACKGROUND_BYTES)
  return process.env.READINESS_ANNEX_A_BACKGROUND_BYTES !== undefined && Number.isFinite(configured) && configured >= 0
    ? configured
    : BACKGROUND_IMPORT_BYTES
}

/** One file per list is 11; a few more leave room for a workbook plus corrections. */
export const MAX_UPLOAD_FILES = 20

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
    receiveFiles('annexAFile', { maxBytes: MAX_UPLOAD_BYTES, maxFiles: MAX_UPLOAD_FILES }),
    verifyCsrfAfterUpload,
    async (req, res) => {
      const files = uploadedFiles(req)
      let handedOver = false
      try {
        const context = requireContext(req)
        authorise(context, 'child-data:import')
        const values = pickStrings(req.body, UPLOAD_FIELDS)
        const parsed = uploadFormSchema.safeParse(values)
        const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error)
        const empty = files.find(file => file.size === 0)
        const totalBytes = files.reduce((total, file) => total + file.size, 0)
        if (files.length === 0) errors.annexAFile = 'Select an Annex A file'
        else if (empty) errors.annexAFile = `The selected file ${safeName(empty.originalname)} is empty`
        else if (totalBytes > MAX_UPLOAD_BYTES)
          errors.annexAFile = `The selected files must be smaller than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB together`
        if (!parsed.success || Object.keys(errors).length > 0) {
          keepFormState(req, FORM, { errors: orderErrors(errors), values })
          return res.redirect(UPLOAD_PATH)
        }
        const sources = files.map(file => ({ path: file.path, name: safeName(file.originalname) }))
        if (totalBytes > backgroundThreshold()) {
          // The files now belong to the job: the worker deletes them when it ends.
          const jobId = await services.annexAImports.enqueue(
            context,
            files.map(file => ({ path: file.path, name: safeName(file.originalname), size: file.size })),
            {
              referenceDate: parsed.data.referenceDate,
              schema: parsed.data.schema,
              population: parsed.data.population,
              maxFileBytes: MAX_UPLOAD_BYTES,
            },
          )
          handedOver = true
          services.annexAImports.kick()
          return res.redirect(`/annex-a/imports/${jobId}`)
        }
        try {
          const result = await importFiles(services.annexA, context, sources, {
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
        if (!handedOver) await Promise.all(files.map(file => fs.rm(file.path, { force: true })))
      }
    },
  )

  return router
}

/** The name as the person's computer gave it, without any folder part. */
function safeName(originalName: string): string {
  return path.basename(originalName.replace(/\\/g, '/')).slice(0, 200) || 'upload'
}

/** Error summary order follows the page: file, date, template, population. */
function orderErrors(errors: Record<string, string>): Record<string, string> {
  const order = ['annexAFile', 'referenceDate', 'schema', 'population']
  return Object.fromEntries(Object.entries(errors).sort(([a], [b]) => order.indexOf(a) - order.indexOf(b)))
}
