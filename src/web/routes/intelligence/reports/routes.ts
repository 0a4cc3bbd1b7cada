import fs from 'node:fs/promises'
import path from 'node:path'
import { Router } from 'express'
import { authorise } from '../../../../services/context.js'
import type { Services } from '../../../../services/index.js'
import { MAX_REPORT_PDF_BYTES, ReportPdfError } from '../../../../services/intelligence/readReportPdf.js'
import { MAX_REPORTS_PER_UPLOAD } from '../../../../services/intelligence/reportService.js'
import { acceptUploadsAt, verifyCsrfAfterUpload } from '../../../middleware/csrf.js'
import { errorList, keepFormState, setNotice, takeFormState, takeNotice } from '../../../formState.js'
import { requireContext } from '../../../requestContext.js'
import { gradeLabel, judgementLabel, percent } from '../labels.js'
import { receiveFiles, uploadedFiles } from '../../../uploads.js'

const FORM = 'intelligenceReports'
const REPORTS_PATH = '/intelligence/reports'

export function reportsRoutes(services: Services): Router {
  acceptUploadsAt(/^\/intelligence\/reports$/)
  const router = Router()

  router.get(REPORTS_PATH, async (req, res) => {
    const context = requireContext(req)
    const { errors } = takeFormState(req, FORM)
    const view = await services.intelligence.reports.view(context)
    res.render('intelligence/reports/view.njk', {
      pageTitle: 'Report mapping',
      errors,
      errorSummary: errorList(errors),
      ...view,
      gradeColumns: ['outstanding', 'good', 'requires-improvement', 'inadequate', 'not graded'],
      maxMegabytes: MAX_REPORT_PDF_BYTES / 1024 / 1024,
      maxReports: MAX_REPORTS_PER_UPLOAD,
      gradeLabel,
      judgementLabel,
      percent,
      notice: takeNotice(req),
    })
  })

  router.post(
    REPORTS_PATH,
    receiveFiles('reportFiles', { maxBytes: MAX_REPORT_PDF_BYTES, maxFiles: MAX_REPORTS_PER_UPLOAD }),
    verifyCsrfAfterUpload,
    async (req, res) => {
      const files = uploadedFiles(req)
      try {
        const context = requireContext(req)
        authorise(context, 'workspace:edit')
        if (files.length === 0) {
          keepFormState(req, FORM, { errors: { reportFiles: 'Select one or more report PDFs' }, values: {} })
          return res.redirect(REPORTS_PATH)
        }
        try {
          const inputs = await Promise.all(
            files.map(async file => ({
              content: await fs.readFile(file.path),
              fileName: path.basename(file.originalname).slice(0, 200) || 'report.pdf',
            })),
          )
          const stored = await services.intelligence.reports.extract(context, inputs)
          setNotice(req, `${stored.length} ${stored.length === 1 ? 'report' : 'reports'} read.`)
          return res.redirect(REPORTS_PATH)
        } catch (error) {
          if (!(error instanceof ReportPdfError)) throw error
          keepFormState(req, FORM, { errors: { reportFiles: `Nothing was kept: ${error.message}` }, values: {} })
          return res.redirect(REPORTS_PATH)
        }
      } finally {
        await Promise.all(files.map(file => fs.rm(file.path, { force: true })))
      }
    },
  )

  return router
}
