import { Document, Packer, type Paragraph, type Table } from 'docx'
import type { RequestContext } from '../context.js'
import type { AuditReportService, CaseAuditRecord } from './auditReportService.js'
import { bold, gradeLabel, heading, para, table, textBlock } from './docxParts.js'

const STATUS_LABELS: Record<string, string> = {
  assigned: 'In progress (not submitted)',
  submitted: 'Submitted',
  'signed-off': 'Signed off',
}

const formatDate = (value: string | Date | null) => {
  if (value === null) return 'Not yet'
  const iso = typeof value === 'string' ? value : value.toISOString().slice(0, 10)
  return new Date(`${iso}T12:00:00Z`).toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
}

/** The Word document of one case audit, built from its record (no I/O; see `exportCaseAuditDocx`). */
export async function caseAuditDocx(record: CaseAuditRecord): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [
    heading(`Case audit: child ${record.childId}`, 1),
    para(bold('Template: '), `${record.template.label} (version ${record.template.version})`),
    para(bold('Team: '), record.team ?? 'Not recorded'),
    para(bold('Auditor: '), record.auditor),
    para(bold('Assigned: '), formatDate(record.assignedOn), '   ', bold('Due: '), formatDate(record.dueOn)),
    para(
      bold('Submitted: '),
      formatDate(record.submittedOn),
      '   ',
      bold('Status: '),
      STATUS_LABELS[record.status] ?? record.status,
    ),
    para(bold('Overall grade: '), gradeLabel(record.overallGrade)),
    ...(record.safeguardingConcern
      ? [para(bold('Safeguarding concern raised: '), `told ${record.concernManager ?? 'a manager'}`)]
      : []),
  ]
  for (const section of record.template.sections) {
    children.push(heading(section.label, 2))
    children.push(
      table(
        ['Question', 'Grade', 'Comment'],
        section.questions.map(question => {
          const answer = record.answers[question.id]
          return [question.label, gradeLabel(answer?.grade), answer?.comment?.trim() || '']
        }),
      ),
    )
  }
  children.push(heading('Strengths', 2), ...textBlock(record.strengths))
  children.push(heading('Areas for improvement', 2), ...textBlock(record.areasForImprovement))
  children.push(heading('Actions', 2), ...textBlock(record.actions))
  children.push(
    heading('Themes', 2),
    ...textBlock(record.themes.map(theme => theme.label).join('\n'), 'No themes tagged.'),
  )
  children.push(heading('Sign-off', 2))
  if (record.practitionerSignedOffBy || record.managerSignedOffBy)
    children.push(
      para(bold('Practitioner: '), record.practitionerSignedOffBy ?? ''),
      para(bold('Team manager: '), record.managerSignedOffBy ?? ''),
      para(bold('Signed off: '), formatDate(record.signedOffAt)),
    )
  else children.push(...textBlock('', 'Not signed off yet.'))
  children.push(heading('Moderation', 2))
  const moderation = record.moderation
  if (moderation) {
    children.push(
      para(bold('Moderator: '), moderation.moderator, '   ', bold('Moderated: '), formatDate(moderation.moderatedAt)),
      para(
        bold('Agreement: '),
        `${moderation.agreed} of ${moderation.compared} questions graded the same; overall grade ` +
          (moderation.overallAgreed === null ? 'not compared' : moderation.overallAgreed ? 'agreed' : 'not agreed') +
          ` (moderator: ${gradeLabel(moderation.overallGrade)})`,
      ),
      table(
        ['Question', 'Auditor', 'Moderator'],
        record.template.sections.flatMap(section =>
          section.questions.map(question => [
            question.label,
            gradeLabel(record.answers[question.id]?.grade),
            gradeLabel(moderation.answers[question.id]?.grade),
          ]),
        ),
      ),
    )
  } else children.push(...textBlock('', 'Not moderated.'))
  const document = new Document({
    creator: 'Inspection Readiness',
    title: `Case audit ${record.auditId}`,
    description: 'Contains child-level information: handle under your data protection policy.',
    sections: [{ children }],
  })
  return Packer.toBuffer(document)
}

/**
 * One case audit as a Word document for a committee: child id, template, answers by section, grades, strengths,
 * areas for improvement, actions, sign-off and moderation. Recorded as a `child-data.export` event.
 */
export async function exportCaseAuditDocx(
  reports: AuditReportService,
  context: RequestContext,
  auditId: string,
): Promise<{ content: Buffer; fileName: string }> {
  const record = await reports.caseAuditForExport(context, auditId)
  return { content: await caseAuditDocx(record), fileName: `case-audit-${record.auditId.slice(0, 8)}.docx` }
}
