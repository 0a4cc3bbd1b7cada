import { z } from 'zod'
import { questionsOf, type Answers, type AuditTemplate } from '../../../../domain/audits/index.js'
import {
  ACKNOWLEDGEMENT_MAX,
  CONCERN_MANAGER_NAME_MAX,
  concernManagerNameProblem,
} from '../../../../domain/audits/moderation.js'
import { stringField, stringList } from '../labels.js'

export const LONG_TEXT = 10_000
export const COMMENT_TEXT = 2_000

const longText = (label: string) =>
  z
    .string()
    .max(LONG_TEXT, `${label} must be 10,000 characters or fewer`)
    .transform(value => value.trim())

/** The parts of the audit form that do not depend on the template. */
export const auditFormSchema = z.object({
  action: z.enum(['save', 'submit'], { message: 'Choose to save a draft or submit the audit' }),
  version: z.string().max(40),
  overallGrade: z
    .string()
    .max(40)
    .transform(value => value || null),
  strengths: longText('Strengths'),
  areasForImprovement: longText('Areas for improvement'),
  actions: longText('Actions'),
})

/** The radio for a manager told who has no account: their name is typed instead. */
export const NO_ACCOUNT_MANAGER = 'no-account'

/**
 * The manager told: one of the organisation's leads and administrators (the service checks who they are), or a
 * manager without an account, named in words.
 */
export const concernFormSchema = z
  .object({
    managerUserId: z.string().trim().min(1, 'Select the manager you have told').max(100),
    managerName: z.string(),
  })
  .superRefine((value, context) => {
    const problem =
      value.managerUserId === NO_ACCOUNT_MANAGER ? concernManagerNameProblem(value.managerName) : undefined
    if (problem) context.addIssue({ code: 'custom', path: ['managerName'], message: problem })
  })
  .transform(value =>
    value.managerUserId === NO_ACCOUNT_MANAGER
      ? { managerName: value.managerName.trim() }
      : { managerUserId: value.managerUserId },
  )

/** What the concern form sent, bounded (a name too long still reaches validation, so it is refused, not cut). */
export function concernFormValues(body: unknown): { managerUserId: string; managerName: string } {
  return {
    managerUserId: stringField(body, 'managerUserId', 100),
    managerName: stringField(body, 'managerName', CONCERN_MANAGER_NAME_MAX * 5),
  }
}

/** What the person who raised a concern is told: who now sees it. */
export function concernRecordedNotice(named: { managerUserId: string | null; managerName: string }): string {
  return named.managerUserId
    ? `Safeguarding concern recorded: ${named.managerName} has been named as the manager told, and sees it at the top of their audits page until they acknowledge it.`
    : `Safeguarding concern recorded: ${named.managerName} has been named as the manager told. They have no account, so every lead and administrator sees it at the top of their audits page until one of them acknowledges it.`
}

/** The radios for the organisation's leads and administrators; the form adds "A manager without an account". */
export function concernManagerItems(
  managers: readonly { userId: string; displayName: string; role: string }[],
  values: Record<string, string>,
) {
  return managers.map(person => ({
    value: person.userId,
    text: `${person.displayName} (${person.role})`,
    checked: values.managerUserId === person.userId,
  }))
}

export const acknowledgementFormSchema = z.object({
  acknowledgement: z
    .string()
    .trim()
    .min(1, 'Enter what you have done about the concern')
    .max(ACKNOWLEDGEMENT_MAX, 'Your note must be 2,000 characters or fewer'),
})

export const gradeField = (questionId: string) => `grade-${questionId}`
export const commentField = (questionId: string) => `comment-${questionId}`

/** Everything the form sent, as flat strings, to keep in the session when it goes back with errors. */
export function auditFormValues(body: unknown, template: AuditTemplate): Record<string, string> {
  const values: Record<string, string> = {}
  for (const field of ['action', 'version', 'overallGrade', 'strengths', 'areasForImprovement', 'actions'])
    values[field] = stringField(body, field)
  for (const question of questionsOf(template)) {
    values[gradeField(question.id)] = stringField(body, gradeField(question.id), 40)
    values[commentField(question.id)] = stringField(body, commentField(question.id), COMMENT_TEXT + 1)
  }
  values.themes = stringList((body as Record<string, unknown> | undefined)?.themes, 50).join('\n')
  return values
}

/** Answers from the form's radios and comments; unanswered questions are left out (a draft may be partial). */
export function answersFrom(
  values: Record<string, string>,
  template: AuditTemplate,
): { answers: Answers; errors: Record<string, string> } {
  const answers: Record<string, { grade: string; comment?: string }> = {}
  const errors: Record<string, string> = {}
  for (const question of questionsOf(template)) {
    const grade = values[gradeField(question.id)]?.trim() ?? ''
    const comment = values[commentField(question.id)]?.trim() ?? ''
    if (comment.length > COMMENT_TEXT)
      errors[commentField(question.id)] = `Comment on ${question.label.toLowerCase()} must be 2,000 characters or fewer`
    if (grade) answers[question.id] = comment ? { grade, comment } : { grade }
    else if (comment)
      errors[gradeField(question.id)] = `Select an answer for ${question.label.toLowerCase()} to go with your comment`
  }
  return { answers, errors }
}

/** The form's values from a stored audit, for the first view. */
export function valuesFromAudit(audit: {
  answers: Answers
  overallGrade: string | null
  strengths: string
  areasForImprovement: string
  actions: string
  themes: readonly string[]
}): Record<string, string> {
  const values: Record<string, string> = {
    overallGrade: audit.overallGrade ?? '',
    strengths: audit.strengths,
    areasForImprovement: audit.areasForImprovement,
    actions: audit.actions,
    themes: audit.themes.join('\n'),
  }
  for (const [question, answer] of Object.entries(audit.answers)) {
    values[gradeField(question)] = answer.grade
    values[commentField(question)] = answer.comment ?? ''
  }
  return values
}
