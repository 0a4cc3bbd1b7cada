import { Router, type Response } from 'express'
import { checkRound } from '../../../../services/audits/auditReportService.js'
import { exportAuditSummaryXlsx } from '../../../../services/audits/exportAuditSummaryXlsx.js'
import { exportCaseAuditDocx } from '../../../../services/audits/exportCaseAuditDocx.js'
import { exportTwentyDayUpdateDocx } from '../../../../services/audits/exportTwentyDayUpdateDocx.js'
import { twentyDayPeriod } from '../../../../domain/audits/index.js'
import type { Services } from '../../../../services/index.js'
import { requireContext } from '../../../requestContext.js'
import { roundQuery } from './schemas.js'

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

function send(res: Response, content: Buffer, type: string, fileName: string) {
  res.setHeader('Content-Type', type)
  res.setHeader('Content-Disposition', `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`)
  res.send(content)
}

/** Downloads: one case audit (DOCX), the summary (XLSX), the 20-day update (DOCX). Each is audit-logged. */
export function auditExportRoutes(services: Services): Router {
  const router = Router()
  const reports = services.audits.reports

  router.get('/audits/case-audits/:auditId/export.docx', async (req, res) => {
    const { content, fileName } = await exportCaseAuditDocx(reports, requireContext(req), String(req.params.auditId))
    send(res, content, DOCX, fileName)
  })

  router.get('/audits/summary/export.xlsx', async (req, res) => {
    const round = checkRound(roundQuery(req.query))
    const { content, fileName } = await exportAuditSummaryXlsx(reports, requireContext(req), round)
    send(res, content, XLSX, fileName)
  })

  router.get('/audits/twenty-day-update/export.docx', async (req, res) => {
    const query = roundQuery(req.query)
    const context = requireContext(req)
    const period =
      query.from || query.to
        ? { from: query.from ?? '', to: query.to ?? '' }
        : twentyDayPeriod(services.workspace.plans.today())
    const { content, fileName } = await exportTwentyDayUpdateDocx(reports, context, period)
    send(res, content, DOCX, fileName)
  })

  return router
}
