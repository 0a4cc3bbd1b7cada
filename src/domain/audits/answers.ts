import { gradeIdsOf, OVERALL_GRADES, questionsOf, type AuditTemplate, type OverallGrade } from './templates.js'

/** An answer per question id: a grade id from the question's scale, with an optional comment. */
export type Answers = Readonly<Record<string, { readonly grade: string; readonly comment?: string }>>

export interface AnswerProblem {
  readonly question: string
  readonly message: string
}

/**
 * Problems with a set of answers. `complete` asks for every question (on submit); a draft may leave some blank
 * but never holds a grade the question's scale does not have, or an answer to a question the template lacks.
 */
export function checkAnswers(
  template: AuditTemplate,
  answers: Answers,
  options: { complete: boolean },
): AnswerProblem[] {
  const problems: AnswerProblem[] = []
  const questions = questionsOf(template)
  const known = new Set(questions.map(question => question.id))
  for (const id of Object.keys(answers))
    if (!known.has(id)) problems.push({ question: id, message: 'This question is not in the audit template' })
  for (const question of questions) {
    const answer = answers[question.id]
    if (!answer) {
      if (options.complete)
        problems.push({ question: question.id, message: `Select an answer for ${question.label.toLowerCase()}` })
    } else if (!gradeIdsOf(question.scale).includes(answer.grade))
      problems.push({
        question: question.id,
        message: `Select an answer for ${question.label.toLowerCase()} from the list`,
      })
  }
  return problems
}

export function isOverallGrade(value: unknown): value is OverallGrade {
  return typeof value === 'string' && (OVERALL_GRADES as readonly string[]).includes(value)
}
