import { Document, Packer, type Paragraph, type Table } from 'docx'
import { AUDIT_SCALES, type TwentyDayUpdate } from '../../domain/audits/index.js'
import type { RequestContext } from '../context.js'
import type { AuditReportService } from './auditReportService.js'
import { bold, gradeLabel, heading, para, table, textBlock } from './docxParts.js'

const percent = (value: number | null) => (value === null ? 'none moderated' : `${value}%`)

/** The 20-day update as a Word document for DLT and the inspection planning group (no I/O). */
export async function twentyDayUpdateDocx(update: TwentyDayUpdate, organisation = ''): Promise<Buffer> {
  const grades = AUDIT_SCALES['ofsted-4']
  const children: (Paragraph | Table)[] = [
    heading(`20-day update on case audits${organisation ? `: ${organisation}` : ''}`, 1),
    para(bold('Period: '), `${update.period.from} to ${update.period.to}`),
    heading('Progress', 2),
    table(
      ['Due in the period', 'Completed', 'Signed off', 'In progress', 'Overdue'],
      [
        [
          update.progress.due,
          update.progress.completed,
          update.progress.signedOff,
          update.progress.inProgress,
          update.progress.overdue,
        ],
      ],
    ),
    para(bold('Safeguarding concerns raised: '), String(update.safeguardingConcerns)),
    para(
      bold('Moderation: '),
      `${update.moderation.audits} audit(s) moderated; questions agreed ${percent(update.moderation.questionRate)}, ` +
        `overall grades agreed ${percent(update.moderation.overallRate)}`,
    ),
    heading('Overall grades', 2),
    table(
      grades.map(grade => grade.label),
      [grades.map(grade => update.overallGrades[grade.id] ?? 0)],
    ),
    heading('Grades by team', 2),
    table(
      ['Team', ...grades.map(grade => grade.label), 'Total'],
      update.byTeam.map(row => [row.key, ...grades.map(grade => row.grades[grade.id] ?? 0), row.total]),
    ),
    heading('Thematic findings', 2),
  ]
  if (update.themes.length === 0)
    children.push(...textBlock('', 'No audit completed in the period was tagged with a theme.'))
  for (const theme of update.themes) {
    children.push(
      heading(`${theme.label}: ${theme.audits} audit(s), ${theme.share}%`, 3),
      para(
        bold('Overall grades: '),
        grades
          .filter(grade => (theme.grades[grade.id] ?? 0) > 0)
          .map(grade => `${theme.grades[grade.id]} ${gradeLabel(grade.id).toLowerCase()}`)
          .join(', ') || 'none',
      ),
      para(bold('Strengths')),
      ...textBlock(theme.strengths.join('\n')),
      para(bold('Areas for improvement')),
      ...textBlock(theme.areasForImprovement.join('\n')),
      para(bold('Actions')),
      ...textBlock(theme.actions.join('\n')),
    )
  }
  return Packer.toBuffer(
    new Document({
      creator: 'Inspection Readiness',
      title: '20-day update on case audits',
      description: 'Quotes auditors about individual cases: handle under your data protection policy.',
      sections: [{ children }],
    }),
  )
}

/** The 20-day update as DOCX; a `child-data.export` event. */
export async function exportTwentyDayUpdateDocx(
  reports: AuditReportService,
  context: RequestContext,
  period: { from: string; to: string },
): Promise<{ content: Buffer; fileName: string; update: TwentyDayUpdate }> {
  const update = await reports.twentyDayUpdate(context, period, 'export')
  return {
    content: await twentyDayUpdateDocx(update),
    fileName: `twenty-day-update-${period.from}-to-${period.to}.docx`,
    update,
  }
}
