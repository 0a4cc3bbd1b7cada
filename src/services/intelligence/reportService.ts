import { randomUUID } from 'node:crypto'
import type { Db } from '../../db/connect.js'
import {
  agreementOf,
  checkReport,
  tagThemes,
  themeFrequencies,
  type ThemeRule,
  type AgreementSummary,
  type ReportCheck,
  type ThemeFrequency,
} from '../../domain/intelligence/index.js'
import { authorise, type RequestContext } from '../context.js'
import { NotFoundError } from '../errors.js'
import type { AuditService } from '../platform/auditService.js'
import { extractReport, type ReportExtract } from './extractReport.js'
import type { IntelligenceService } from './intelligenceService.js'
import { ReportPdfError } from './readReportPdf.js'

export interface StoredReport extends ReportExtract {
  reportId: string
  extractedAt: Date
}

export interface ReportsView {
  reports: (StoredReport & { check: ReportCheck })[]
  agreement: AgreementSummary
  themes: ThemeFrequency[]
}

export interface StoredReportSummary {
  reportId: string
  file: string
  authority: string | null
  publicationDate: string | null
  extractedAt: Date
  extractedBy: string
}

export const MAX_REPORTS_PER_UPLOAD = 30

/** Report PDFs: extract, keep the extract per organisation, and compare with the official outcome data. */
export function createReportService({
  db,
  audit,
  intelligence,
  themeRules,
}: {
  db: Db
  audit: AuditService
  intelligence: IntelligenceService
  /** The organisation's theme rules (seed 004's until it edits them). */
  themeRules: (context: RequestContext) => Promise<ThemeRule[]>
}) {
  /** One stored report, for the delete confirmation page. */
  async function getReport(context: RequestContext, reportId: string): Promise<StoredReportSummary> {
    authorise(context, 'workspace:read')
    const row = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(reportId)
      ? await db
          .selectFrom('intelligence_report')
          .select(['report_id', 'source_name', 'authority', 'publication_date', 'extracted_at', 'extracted_by_label'])
          .where('organisation_id', '=', context.actor.organisationId)
          .where('report_id', '=', reportId)
          .executeTakeFirst()
      : undefined
    if (!row) throw new NotFoundError('No such report')
    return {
      reportId: row.report_id,
      file: row.source_name,
      authority: row.authority,
      publicationDate: row.publication_date,
      extractedAt: row.extracted_at,
      extractedBy: row.extracted_by_label,
    }
  }

  return {
    get: getReport,

    /** Deletes one stored report extract with its audit event, in one transaction. Admins and leads only. */
    async delete(context: RequestContext, reportId: string): Promise<{ file: string }> {
      authorise(context, 'workspace:approve')
      const report = await getReport(context, reportId)
      await db.transaction().execute(async trx => {
        const result = await trx
          .deleteFrom('intelligence_report')
          .where('organisation_id', '=', context.actor.organisationId)
          .where('report_id', '=', reportId)
          .executeTakeFirst()
        if (Number(result.numDeletedRows) !== 1) throw new NotFoundError('No such report')
        await audit.record(trx, context, {
          action: 'intelligence.report-deleted',
          subjectType: 'intelligence-report',
          subjectId: reportId,
        })
      })
      return { file: report.file }
    },

    /** All or nothing: one unreadable PDF stores none of the batch. */
    async extract(
      context: RequestContext,
      files: { content: Uint8Array; fileName: string }[],
    ): Promise<StoredReport[]> {
      authorise(context, 'workspace:edit')
      if (files.length === 0) throw new ReportPdfError('Select one or more report PDFs')
      if (files.length > MAX_REPORTS_PER_UPLOAD)
        throw new ReportPdfError(`Select at most ${MAX_REPORTS_PER_UPLOAD} reports at a time`)
      const index = await intelligence.authorities()
      const extracts: ReportExtract[] = []
      for (const file of files) extracts.push(await extractReport(file.content, file.fileName.slice(0, 200), index))
      const stored = extracts.map(extract => ({ ...extract, reportId: randomUUID(), extractedAt: new Date() }))
      await db.transaction().execute(async trx => {
        await trx
          .insertInto('intelligence_report')
          .values(
            stored.map(report => ({
              organisation_id: context.actor.organisationId,
              report_id: report.reportId,
              source_name: report.file,
              pages: report.pages,
              authority: report.authority,
              authority_code: report.authorityCode,
              framework: report.framework,
              inspection_type: report.type,
              inspection_start: report.inspectionStart,
              inspection_end: report.inspectionEnd,
              publication_date: report.publicationDate,
              grades: JSON.stringify(report.grades),
              recommendations: JSON.stringify(report.recommendations),
              themes: JSON.stringify(report.themes),
              problems: JSON.stringify(report.problems),
              extracted_by_label: context.actor.label,
            })),
          )
          .execute()
        await audit.record(trx, context, {
          action: 'intelligence.reports-extracted',
          subjectType: 'intelligence-report',
          subjectId: stored[0]!.reportId,
          details: { reports: stored.length },
        })
      })
      return stored
    },

    /** Stored reports with the self-check against the organisation's imported outcomes, and themes by grade. */
    async view(context: RequestContext): Promise<ReportsView> {
      authorise(context, 'workspace:read')
      const rows = await db
        .selectFrom('intelligence_report')
        .selectAll()
        .where('organisation_id', '=', context.actor.organisationId)
        .orderBy('authority')
        .orderBy('publication_date')
        .execute()
      const { records, keyOf } = await intelligence.outcomes(context)
      const index = await intelligence.authorities()
      const rules = await themeRules(context)
      const reports = rows.map(row => {
        const grades = row.grades as StoredReport['grades']
        const authority = row.authority ? index.resolve(row.authority) : undefined
        const report: StoredReport = {
          reportId: row.report_id,
          extractedAt: row.extracted_at,
          file: row.source_name,
          pages: row.pages,
          authority: row.authority,
          authorityCode: row.authority_code,
          authorityKey: authority?.oldCode ?? null,
          publicationDate: row.publication_date,
          inspectionStart: row.inspection_start,
          inspectionEnd: row.inspection_end,
          type: row.inspection_type,
          framework: row.framework,
          judgements: Object.fromEntries(grades.map(grade => [grade.judgement, grade.originalGrade])),
          grades,
          recommendations: row.recommendations,
          // Re-tagged with the organisation's current rules, so an edited rule applies to every stored report.
          themes: tagThemes(row.recommendations.join('\n\n'), rules),
          problems: row.problems,
        }
        const check = checkReport({ ...report, authorityKey: report.authorityKey ?? '' }, records, keyOf)
        return { ...report, check }
      })
      const themes = themeFrequencies(
        reports.map(report => ({
          report: `${report.authority ?? report.file} (${report.publicationDate ?? 'undated'})`,
          grade: report.grades.find(grade => grade.judgement === 'overall-effectiveness')?.grade ?? 'not graded',
          matches: report.themes,
        })),
        rules,
      )
      return { reports, agreement: agreementOf(reports.map(report => report.check)), themes }
    },
  }
}

export type ReportService = ReturnType<typeof createReportService>
