import ExcelJS from 'exceljs'
import { PLAN_FIELD_LABELS, PROGRESS_LABELS, RAG_LABELS } from '../../domain/workspace/index.js'
import type { PlanView } from './planTypes.js'

const COLUMNS = [
  { header: PLAN_FIELD_LABELS.ref, width: 10 },
  { header: PLAN_FIELD_LABELS.issue, width: 40 },
  { header: PLAN_FIELD_LABELS.area, width: 22 },
  { header: PLAN_FIELD_LABELS.leadManager, width: 26 },
  { header: PLAN_FIELD_LABELS.leadOfficer, width: 26 },
  { header: PLAN_FIELD_LABELS.action, width: 60 },
  { header: PLAN_FIELD_LABELS.milestoneDate, width: 14 },
  { header: 'Progress status', width: 16 },
  { header: PLAN_FIELD_LABELS.rag, width: 12 },
  { header: 'Computed RAG', width: 14 },
  { header: 'RAG reason', width: 40 },
  { header: PLAN_FIELD_LABELS.targetDate, width: 14 },
  { header: 'Last updated', width: 14 },
]

/**
 * The plan as an .xlsx workbook in seed 001's column order, so it imports back unchanged. Sections are rows
 * with only a ref and the theme, as councils lay them out. ExcelJS writes every value as a literal string or
 * date, never a formula, so text such as "=HYPERLINK(…)" stays text.
 */
export async function exportPlanXlsx(plan: PlanView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'Inspection Readiness'
  const sheet = workbook.addWorksheet('Plan', { views: [{ state: 'frozen', ySplit: 1 }] })
  sheet.columns = COLUMNS.map(column => ({ header: column.header, width: column.width }))
  sheet.getRow(1).font = { bold: true }
  for (const section of plan.sections) {
    const title = section.sourceReference ? `${section.title} (${section.sourceReference})` : section.title
    sheet.addRow([section.ref, title]).font = { bold: true }
    for (const item of section.items) {
      sheet.addRow([
        item.ref,
        item.issue,
        item.area,
        item.leadManager,
        item.leadOfficer,
        item.action,
        item.milestoneDate ?? '',
        PROGRESS_LABELS[item.status],
        RAG_LABELS[item.rag],
        RAG_LABELS[item.computedRag],
        item.override ? `Override: ${item.override.reason}` : (item.ragReasons[0] ?? ''),
        item.targetDate ?? '',
        item.lastUpdatedOn,
      ])
    }
  }
  sheet.eachRow(row => (row.alignment = { vertical: 'top', wrapText: true }))
  return Buffer.from(await workbook.xlsx.writeBuffer())
}
