import type { Answers } from './answers.js'
import { questionsOf, type AuditTemplate } from './templates.js'

export interface Agreement {
  /** Questions both auditors answered. */
  readonly compared: number
  readonly agreed: number
  /** agreed ÷ compared as a percentage to one decimal; null when nothing could be compared. */
  readonly rate: number | null
  readonly overallAgreed: boolean | null
  readonly disagreements: readonly { question: string; auditor: string; moderator: string }[]
}

/** How far a moderator's independent answers match the auditor's: exact grade matches, question by question. */
export function agreementBetween(
  template: AuditTemplate,
  auditor: { answers: Answers; overall: string | null },
  moderator: { answers: Answers; overall: string | null },
): Agreement {
  let compared = 0
  let agreed = 0
  const disagreements: { question: string; auditor: string; moderator: string }[] = []
  for (const question of questionsOf(template)) {
    const first = auditor.answers[question.id]?.grade
    const second = moderator.answers[question.id]?.grade
    if (first === undefined || second === undefined) continue
    compared += 1
    if (first === second) agreed += 1
    else disagreements.push({ question: question.id, auditor: first, moderator: second })
  }
  const overallAgreed = auditor.overall && moderator.overall ? auditor.overall === moderator.overall : null
  return { compared, agreed, rate: percentage(agreed, compared), overallAgreed, disagreements }
}

/** Agreement over many moderated audits: pooled question matches and the share of overall grades agreed. */
export function agreementRates(agreements: readonly Agreement[]): {
  audits: number
  questionRate: number | null
  overallRate: number | null
} {
  const compared = agreements.reduce((sum, item) => sum + item.compared, 0)
  const agreed = agreements.reduce((sum, item) => sum + item.agreed, 0)
  const overall = agreements.filter(item => item.overallAgreed !== null)
  return {
    audits: agreements.length,
    questionRate: percentage(agreed, compared),
    overallRate: percentage(overall.filter(item => item.overallAgreed).length, overall.length),
  }
}

function percentage(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 1000) / 10
}
