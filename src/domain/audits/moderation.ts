import { addMonths, type IsoDate } from '../calendar/index.js'
import { can, isRole, type Role } from '../platform/roles.js'
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

/** Working days a moderator has when the lead gives no due date. */
export const MODERATION_WORKING_DAYS = 5

export const ACKNOWLEDGEMENT_MAX = 2_000

/**
 * Who may moderate an audit. Never its own auditor (agreeing with oneself measures nothing). Leads and
 * administrators may moderate any other audit; anyone else only the audit a lead asked them to moderate, which is
 * what lets an auditor be the second auditor without seeing every audit.
 */
export type ModerationAccess = 'lead' | 'assigned' | 'own-audit' | 'not-assigned'

export function moderationAccess(
  person: { userId: string; role: Role },
  audit: { auditorUserId: string; moderatorUserId: string | null | undefined },
): ModerationAccess {
  if (person.userId === audit.auditorUserId) return 'own-audit'
  if (can(person.role, 'audits:manage')) return 'lead'
  // A role that no longer audits (changed after the assignment) cannot moderate either.
  if (audit.moderatorUserId === person.userId && can(person.role, 'audits:perform')) return 'assigned'
  return 'not-assigned'
}

/**
 * Whether this person may see a stored moderation's result (the moderator's grades beside the first auditor's).
 * Leads and administrators, the audit's own auditor (it is feedback on their audit), and the person who recorded the
 * moderation. Being asked to moderate is not enough: someone asked who did not moderate has graded nothing, so the
 * first auditor's grades stay hidden from them.
 */
export function moderationResultVisible(
  person: { userId: string; role: Role },
  audit: { auditorUserId: string; moderatedByUserId: string },
): boolean {
  if (can(person.role, 'audits:manage')) return true
  return person.userId === audit.auditorUserId || person.userId === audit.moderatedByUserId
}

export interface PersonRecord {
  userId: string
  role: string
  disabled: boolean
}

/**
 * Why a lead cannot ask this person to moderate this audit now, as messages by field; empty when they can.
 * `dueOn` is a 'YYYY-MM-DD' date already known to be real.
 */
export function moderatorAssignmentProblems(input: {
  candidate: PersonRecord | undefined
  audit: { auditorUserId: string; status: string; moderated: boolean }
  dueOn: IsoDate
  today: IsoDate
}): Record<string, string> {
  const { candidate, audit } = input
  const problems: Record<string, string> = {}
  if (audit.status === 'assigned')
    problems.status = 'This audit is still in progress: a moderator can be assigned once it is submitted'
  else if (audit.moderated) problems.status = 'This audit has already been moderated'
  if (!candidate || candidate.disabled || !isRole(candidate.role) || !can(candidate.role, 'audits:perform'))
    problems.moderatorUserId = 'Select someone in your organisation who can carry out audits'
  else if (candidate.userId === audit.auditorUserId)
    problems.moderatorUserId = 'Select someone other than the auditor who carried out this audit'
  if (input.dueOn < input.today) problems.dueOn = 'The date the moderation is due must be today or in the future'
  // Moderation follows an audit within weeks; a year also keeps the countdown inside the bank-holiday calendar.
  else if (input.dueOn > addMonths(input.today, 12))
    problems.dueOn = 'The date the moderation is due must be within a year from today'
  return problems
}

/**
 * Why this person cannot be named as the manager told of a safeguarding concern; undefined when they can. Only a
 * lead or administrator (who can see every audit) can act on a concern, and naming oneself escalates nothing.
 */
export function concernManagerProblem(
  candidate: PersonRecord | undefined,
  raisedBy: string | null,
): string | undefined {
  if (!candidate || candidate.disabled || !isRole(candidate.role))
    return 'Select the manager you have told from the list'
  if (!can(candidate.role, 'audits:manage')) return 'Select a lead or administrator of your organisation'
  if (candidate.userId === raisedBy) return 'Select a manager other than yourself'
  return undefined
}

export const CONCERN_MANAGER_NAME_MAX = 200

/**
 * Why this name cannot stand for a manager without an account who was told of a safeguarding concern; undefined when
 * it can. A team manager need not use this service, so a concern never waits for someone to be given an account.
 */
export function concernManagerNameProblem(name: string): string | undefined {
  const trimmed = name.trim()
  if (trimmed.length === 0) return 'Enter the name of the manager you told'
  if (trimmed.length > CONCERN_MANAGER_NAME_MAX) return 'The manager’s name must be 200 characters or fewer'
  return undefined
}

/**
 * Who may raise a safeguarding concern on an audit: its auditor, any lead or administrator, and the person a lead asked
 * to moderate it (they read the case too, and what they find must reach a manager). Nobody else.
 */
export type ConcernRaiseAccess = 'auditor' | 'lead' | 'moderator' | 'none'

export function concernRaiseAccess(
  person: { userId: string; role: Role },
  audit: { auditorUserId: string; moderatorUserId: string | null | undefined },
): ConcernRaiseAccess {
  if (can(person.role, 'audits:manage')) return 'lead'
  if (!can(person.role, 'audits:perform')) return 'none'
  if (person.userId === audit.auditorUserId) return 'auditor'
  return moderationAccess(person, audit) === 'assigned' ? 'moderator' : 'none'
}

/**
 * Who may acknowledge a safeguarding concern. The named manager; if the concern names nobody with an account (a
 * manager without an account, or a concern raised before managers were chosen from the organisation's people) or the named manager can no longer act (disabled, or
 * no longer a lead or administrator), any lead or administrator, so a concern is never left with nobody to act.
 */
export type AcknowledgementAccess = 'named' | 'standing-in' | 'not-named' | 'acknowledged' | 'no-concern'

export function acknowledgementAccess(
  person: { userId: string; role: Role },
  concern: {
    raised: boolean
    acknowledged: boolean
    managerUserId: string | null
    /** The named manager's account now, if there is one. */
    manager: PersonRecord | undefined
  },
): AcknowledgementAccess {
  if (!concern.raised) return 'no-concern'
  if (concern.acknowledged) return 'acknowledged'
  if (concern.managerUserId && concern.managerUserId === person.userId && can(person.role, 'audits:manage'))
    return 'named'
  const managerCanAct =
    concern.managerUserId !== null &&
    concern.manager !== undefined &&
    !concern.manager.disabled &&
    isRole(concern.manager.role) &&
    can(concern.manager.role, 'audits:manage')
  if (!managerCanAct && can(person.role, 'audits:manage')) return 'standing-in'
  return 'not-named'
}

/** The acknowledgement note: what the manager did. Required, and short enough to read on the audit. */
export function acknowledgementProblem(note: string): string | undefined {
  if (note.trim().length === 0) return 'Enter what you have done about the concern'
  if (note.trim().length > ACKNOWLEDGEMENT_MAX) return 'Your note must be 2,000 characters or fewer'
  return undefined
}
