import ExcelJS from 'exceljs'
import { AUDIT_SCALES, OVERALL_GRADES, roundLabel, type AuditRound } from '../../domain/audits/index.js'
import type { RequestContext } from '../context.js'
import type { AuditReportService, AuditSummaryReport } from './auditReportService.js'

const OFSTED = AUDIT_SCALES['ofsted-4']
const YES_PARTLY_NO = AUDIT_SCALES['yes-partly-no']

/**
 * Cells are written as plain strings, never formulas (so text starting with "=" stays text), cut to the 32,767
 * characters an Excel cell can hold.
 */
const safe = (value: string): string => (value.length <= 32_767 ? value : `${value.slice(0, 32_766)}…`)

function gradeSheet(
  workbook: ExcelJS.Workbook,
  name: string,
  keyHeader: string,
  rows: readonly { key: string; label?: string; total: number; grades: Readonly<Record<string, number>> }[],
  grades: readonly { id: string; label: string }[],
) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] })
  const withLabel = rows.some(row => row.label !== undefined)
  sheet.columns = [
    { header: keyHeader, width: 28 },
    ...(withLabel ? [{ header: 'Question', width: 60 }] : []),
    ...grades.map(grade => ({ header: grade.label, width: 14 })),
    { header: 'Other', width: 10 },
    { header: 'Total', width: 10 },
  ]
  sheet.getRow(1).font = { bold: true }
  for (const row of rows) {
    const known = grades.reduce((sum, grade) => sum + (row.grades[grade.id] ?? 0), 0)
    sheet.addRow([
      safe(row.key),
      ...(withLabel ? [safe(row.label ?? '')] : []),
      ...grades.map(grade => row.grades[grade.id] ?? 0),
      row.total - known,
      row.total,
    ])
  }
  return sheet
}

/** The summary as a workbook (no I/O; see `exportAuditSummaryXlsx`): numbers as numbers, text never a formula. */
export async function auditSummaryXlsx(summary: AuditSummaryReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Inspection Readiness'
  const about = workbook.addWorksheet('About')
  about.columns = [
    { header: 'Item', width: 30 },
    { header: 'Value', width: 60 },
  ]
  about.getRow(1).font = { bold: true }
  about.addRows([
    ['Round', summary.round ? roundLabel(summary.round) : 'All completed audits'],
    ['Audits completed', summary.audits],
    ...OFSTED.map(grade => [`Overall: ${grade.label}`, summary.overallGrades[grade.id] ?? 0]),
  ])
  gradeSheet(workbook, 'By team', 'Team', summary.byTeam, OFSTED)
  gradeSheet(workbook, 'By month', 'Month', summary.byMonth, OFSTED)
  // Questions use either scale: both sets of columns, so nothing is hidden under "Other".
  gradeSheet(workbook, 'By question', 'Question id', summary.byQuestion, [...OFSTED, ...YES_PARTLY_NO])
  const themes = workbook.addWorksheet('Themes', { views: [{ state: 'frozen', ySplit: 1 }] })
  themes.columns = [
    { header: 'Theme', width: 30 },
    { header: 'Audits', width: 10 },
    { header: '% of audits', width: 12 },
    ...OVERALL_GRADES.map(grade => ({ header: OFSTED.find(item => item.id === grade)!.label, width: 14 })),
    { header: 'Strengths (examples)', width: 60 },
    { header: 'Areas for improvement (examples)', width: 60 },
    { header: 'Actions (examples)', width: 60 },
  ]
  themes.getRow(1).font = { bold: true }
  for (const theme of summary.themes)
    themes.addRow([
      safe(theme.label),
      theme.audits,
      theme.share,
      ...OVERALL_GRADES.map(grade => theme.grades[grade] ?? 0),
      safe(theme.strengths.join('\n')),
      safe(theme.areasForImprovement.join('\n')),
      safe(theme.actions.join('\n')),
    ])
  const agreement = workbook.addWorksheet('Agreement', { views: [{ state: 'frozen', ySplit: 1 }] })
  agreement.columns = [
    { header: 'Team', width: 28 },
    { header: 'Month', width: 10 },
    { header: 'Questions compared', width: 20 },
    { header: 'Questions agreed', width: 18 },
    { header: 'Agreement %', width: 14 },
    { header: 'Overall grade agreed', width: 20 },
  ]
  agreement.getRow(1).font = { bold: true }
  for (const row of summary.moderated)
    agreement.addRow([
      safe(row.team ?? 'No team recorded'),
      row.month,
      row.compared,
      row.agreed,
      row.compared === 0 ? null : Math.round((row.agreed / row.compared) * 1000) / 10,
      row.overallAgreed === null ? '' : row.overallAgreed ? 'Yes' : 'No',
    ])
  agreement.addRow([])
  agreement.addRow([
    'All moderated audits',
    '',
    null,
    null,
    summary.moderation.questionRate,
    summary.moderation.overallRate === null ? '' : `${summary.moderation.overallRate}%`,
  ]).font = { bold: true }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

/**
 * The audit summary as an .xlsx workbook: sheets for grades by team, month and question, themes with examples, and
 * moderation agreement. Recorded as a `child-data.export` event (it quotes auditors' words about cases).
 */
export async function exportAuditSummaryXlsx(
  reports: AuditReportService,
  context: RequestContext,
  round: AuditRound | null = null,
): Promise<{ content: Buffer; fileName: string; summary: AuditSummaryReport }> {
  const summary = await reports.summary(context, round)
  const content = await auditSummaryXlsx(summary)
  await reports.recordSummaryExport(context, round, 'xlsx')
  return { content, fileName: 'audit-summary.xlsx', summary }
}
