import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { Db } from '../../db/connect.js'
import {
  agreementBetween,
  agreementRates,
  aggregateGrades,
  auditDueDate,
  AUDIT_TEMPLATES,
  checkAnswers,
  countdown,
  activeThemes,
  isOverallGrade,
  themeCounts,
  type Answers,
  type AuditTemplate,
  type Countdown,
} from '../../domain/audits/index.js'
import {
  acknowledgementAccess,
  acknowledgementProblem,
  concernManagerNameProblem,
  concernManagerProblem,
  concernRaiseAccess,
  MODERATION_WORKING_DAYS,
  moderationAccess,
  moderatorAssignmentProblems,
  type PersonRecord,
} from '../../domain/audits/moderation.js'
import { isIsoDate } from '../../domain/calendar/index.js'
import { can } from '../../domain/platform/roles.js'
import { actorUserId, authorise, type RequestContext } from '../context.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js'
import type { AuditService, Executor } from '../platform/auditService.js'
import { readSample } from './sampleRepository.js'
import { readTaxonomy, resolveTemplate } from './templateStore.js'
import { englandDate } from './today.js'

export const AUDIT_CHANGED_MESSAGE =
  'This audit changed after you opened it (perhaps in another tab or window). Your answers are shown below: check them and save again.'

export const ALREADY_MODERATED_MESSAGE = 'This audit has already been moderated'

export interface CaseAuditSummary {
  auditId: string
  childId: string
  team: string | null
  templateId: string
  auditorUserId: string
  status: string
  dueOn: string
  countdown: Countdown
  overallGrade: string | null
  safeguardingConcern: boolean
}

/** A safeguarding concern not yet acknowledged, for the named manager's list (no concern or note text). */
export interface OpenConcern {
  auditId: string
  childId: string
  team: string | null
  auditorUserId: string
  raisedAt: Date
  raisedByUserId: string | null
  /** Null for concerns raised before managers were chosen from the organisation's people. */
  managerUserId: string | null
  /** The manager's name as given when the concern was raised. */
  managerName: string
  /** The signed-in person may acknowledge it: they are the named manager, or stand in for one who cannot act. */
  forYou: boolean
}

export interface ModeratorAssignment {
  auditId: string
  moderatorUserId: string
  dueOn: string
  /** The moderator this assignment replaced, if a lead changed it. */
  replaced: string | null
}

export interface AuditRecordInput {
  answers: Answers
  overallGrade?: string | null | undefined
  strengths?: string | undefined
  areasForImprovement?: string | undefined
  actions?: string | undefined
  themes?: readonly string[] | undefined
}

const isUuid = (value: string) => z.string().uuid().safeParse(value).success
const LONG_TEXT = 10_000

/** Assigning, recording, signing off and moderating practice audits, and what they add up to. */
export function createCaseAuditService({ db, audit, clock }: { db: Db; audit: AuditService; clock: () => Date }) {
  const organisationOf = (context: RequestContext) => context.actor.organisationId
  const today = () => englandDate(clock())
  /** Leads and admins see every audit; an auditor only the cases assigned to them. */
  const seesAll = (context: RequestContext) =>
    context.actor.kind === 'system' || can(context.actor.role, 'audits:manage')

  async function requireAudit(
    executor: Executor,
    context: RequestContext,
    auditId: string,
    { lock = false }: { lock?: boolean } = {},
  ) {
    const query = executor
      .selectFrom('case_audit')
      .selectAll()
      .where('organisation_id', '=', organisationOf(context))
      .where('audit_id', '=', auditId)
    const row = isUuid(auditId) ? await (lock ? query.forUpdate() : query).executeTakeFirst() : undefined
    // Someone else's audit reads as missing, so an auditor cannot probe which audits exist.
    if (!row || (!seesAll(context) && row.auditor_user_id !== actorUserId(context.actor)))
      throw new NotFoundError('No such audit')
    return row
  }

  /** The template and version the audit was started with (custom templates are versioned; see templateStore). */
  const templateOf = async (
    executor: Executor,
    row: { organisation_id: string; template_id: string; template_version: number },
  ): Promise<AuditTemplate> => {
    const template = await resolveTemplate(executor, row.organisation_id, row.template_id, row.template_version)
    if (!template) throw new Error(`Audit template ${row.template_id} version ${row.template_version} is missing`)
    return template
  }

  /** A person of the organisation as the moderation and concern rules need them; undefined if there is none. */
  async function personOf(
    executor: Executor,
    context: RequestContext,
    userId: string | null,
  ): Promise<(PersonRecord & { displayName: string }) | undefined> {
    if (!userId || !isUuid(userId)) return undefined
    const row = await executor
      .selectFrom('app_user')
      .select(['user_id', 'role', 'disabled_at', 'display_name'])
      .where('organisation_id', '=', organisationOf(context))
      .where('user_id', '=', userId)
      .executeTakeFirst()
    return row
      ? { userId: row.user_id, role: row.role, disabled: row.disabled_at !== null, displayName: row.display_name }
      : undefined
  }

  const summaryOf = (row: Awaited<ReturnType<typeof requireAudit>>): CaseAuditSummary => ({
    auditId: row.audit_id,
    childId: row.child_id,
    team: row.team,
    templateId: row.template_id,
    auditorUserId: row.auditor_user_id,
    status: row.status,
    dueOn: row.due_on,
    countdown: countdown(today(), row.due_on),
    overallGrade: row.overall_grade,
    safeguardingConcern: row.safeguarding_concern,
  })

  /** `themes`: ids the audit may be tagged with (the organisation's active themes and any it already carries). */
  function checkRecord(
    template: AuditTemplate,
    input: AuditRecordInput,
    complete: boolean,
    themes: ReadonlySet<string> = new Set(),
  ) {
    const errors: Record<string, string> = {}
    for (const problem of checkAnswers(template, input.answers, { complete }))
      errors[`answers.${problem.question}`] ??= problem.message
    if (input.overallGrade !== undefined && input.overallGrade !== null && !isOverallGrade(input.overallGrade))
      errors.overallGrade = 'Select an overall grade from the list'
    if (complete && !input.overallGrade) errors.overallGrade = 'Select an overall grade'
    for (const [field, value] of [
      ['strengths', input.strengths],
      ['areasForImprovement', input.areasForImprovement],
      ['actions', input.actions],
    ] as const)
      if ((value ?? '').length > LONG_TEXT) errors[field] = 'Enter 10,000 characters or fewer'
    for (const theme of input.themes ?? []) if (!themes.has(theme)) errors.themes = 'Select themes from the list'
    if (Object.keys(errors).length > 0) throw new ValidationError(errors)
  }

  return {
    templates(): readonly AuditTemplate[] {
      return AUDIT_TEMPLATES
    },

    /**
     * Assigns every case of a sample (or the positions given) to an auditor, due `workingDays` working days from
     * today: 18 cases in 4 working days when the inspection call comes.
     */
    async assignSample(
      context: RequestContext,
      input: {
        sampleId: string
        auditorUserId: string
        templateId: string
        workingDays?: number
        childIds?: readonly string[]
      },
    ): Promise<string[]> {
      authorise(context, 'audits:manage')
      const template = await resolveTemplate(db, organisationOf(context), input.templateId)
      if (!template) throw new ValidationError({ templateId: 'Select an audit template' })
      const workingDays = input.workingDays ?? 4
      if (!Number.isInteger(workingDays) || workingDays < 1 || workingDays > 60)
        throw new ValidationError({ workingDays: 'Enter a number of working days from 1 to 60' })
      const sample = isUuid(input.sampleId) ? await readSample(db, organisationOf(context), input.sampleId) : undefined
      if (!sample) throw new NotFoundError('No such sample')
      const auditor = isUuid(input.auditorUserId)
        ? await db
            .selectFrom('app_user')
            .select(['user_id', 'role', 'disabled_at'])
            .where('organisation_id', '=', organisationOf(context))
            .where('user_id', '=', input.auditorUserId)
            .executeTakeFirst()
        : undefined
      if (!auditor || auditor.disabled_at || !can(auditor.role as never, 'audits:perform'))
        throw new ValidationError({ auditorUserId: 'Select someone who can carry out audits' })
      const cases = input.childIds ? sample.cases.filter(item => input.childIds!.includes(item.childId)) : sample.cases
      if (cases.length === 0) throw new ValidationError({ childIds: 'Select at least one case from the sample' })
      const assignedOn = today()
      const dueOn = auditDueDate(assignedOn, workingDays)
      const ids = cases.map(() => randomUUID())
      await db.transaction().execute(async trx => {
        await trx
          .insertInto('case_audit')
          .values(
            cases.map((item, index) => ({
              organisation_id: organisationOf(context),
              audit_id: ids[index]!,
              sample_id: sample.sampleId,
              child_id: item.childId,
              team: item.team,
              template_id: template.id,
              template_version: template.version,
              auditor_user_id: auditor.user_id,
              assigned_by_label: context.actor.label,
              assigned_on: assignedOn,
              due_on: dueOn,
            })),
          )
          .execute()
        await audit.record(trx, context, {
          action: 'case-audit.assigned',
          subjectType: 'audit-sample',
          subjectId: sample.sampleId,
          details: { audits: ids.length, auditor: auditor.user_id, template: template.id, dueOn },
        })
      })
      return ids
    },

    /** The audits someone may see: their own, or all for leads; no answers, so no child-data event. */
    async list(context: RequestContext, filter: { status?: string } = {}): Promise<CaseAuditSummary[]> {
      authorise(context, 'audits:perform')
      let query = db.selectFrom('case_audit').selectAll().where('organisation_id', '=', organisationOf(context))
      if (!seesAll(context)) query = query.where('auditor_user_id', '=', actorUserId(context.actor)!)
      if (filter.status) query = query.where('status', '=', filter.status)
      const rows = await query.orderBy('due_on').orderBy('child_id').limit(1000).execute()
      // The list names children and their grades: seeing it is a child-data view, like opening one audit.
      if (rows.length > 0)
        await audit.log(context, {
          action: 'child-data.view',
          subjectType: 'case-audits',
          details: { audits: rows.map(row => row.audit_id) },
        })
      return rows.map(summaryOf)
    },

    /** One audit with its answers: every view is a child-data access event. */
    async get(context: RequestContext, auditId: string) {
      authorise(context, 'audits:perform')
      authorise(context, 'child-data:read')
      const row = await requireAudit(db, context, auditId)
      await audit.recordChildDataAccess(context, 'view', { type: 'case-audit', id: auditId })
      const concernOpen = row.safeguarding_concern && row.concern_acknowledged_at === null
      const concernForYou =
        concernOpen &&
        context.actor.kind === 'user' &&
        acknowledgementAccess(
          { userId: context.actor.userId, role: context.actor.role },
          {
            raised: true,
            acknowledged: false,
            managerUserId: row.concern_manager_user_id,
            manager: await personOf(db, context, row.concern_manager_user_id),
          },
        ) !== 'not-named'
      return {
        ...summaryOf(row),
        template: await templateOf(db, row),
        answers: row.answers as Answers,
        strengths: row.strengths,
        areasForImprovement: row.areas_for_improvement,
        actions: row.actions,
        themes: row.themes,
        concernManager: row.concern_manager,
        concernManagerUserId: row.concern_manager_user_id,
        concernRaisedAt: row.concern_raised_at,
        concernRaisedByUserId: row.concern_raised_by_user_id,
        concernAcknowledgedAt: row.concern_acknowledged_at,
        concernAcknowledgedBy: row.concern_acknowledged_by,
        concernAcknowledgement: row.concern_acknowledgement,
        /** The signed-in person may acknowledge the open concern (the named manager, or standing in for them). */
        concernForYou,
        practitionerSignedOffBy: row.practitioner_signed_off_by,
        managerSignedOffBy: row.manager_signed_off_by,
      }
    },

    /** Saves answers; with `submit` every question and the overall grade are required and the audit is submitted. */
    async record(
      context: RequestContext,
      auditId: string,
      input: AuditRecordInput,
      options: {
        submit: boolean
        /** When the form was opened: the audit's last change then (ISO). A later change is a conflict, not overwritten. */
        expectedChangedAt?: string
      },
    ): Promise<void> {
      authorise(context, 'audits:perform')
      await db.transaction().execute(async trx => {
        // Locked, so a save between this check and the update waits rather than being overwritten.
        const row = await requireAudit(trx, context, auditId, { lock: true })
        if (options.expectedChangedAt && new Date(row.updated_at).toISOString() !== options.expectedChangedAt)
          throw new ValidationError({ 'audit-form': AUDIT_CHANGED_MESSAGE })
        if (row.auditor_user_id !== actorUserId(context.actor) && context.actor.kind !== 'system')
          throw new ForbiddenError('Only the assigned auditor can record this audit')
        if (row.status !== 'assigned')
          throw new ValidationError({ status: 'This audit has been submitted and can no longer be changed' })
        const taxonomy = await readTaxonomy(trx, organisationOf(context))
        const themes = new Set([...activeThemes(taxonomy).map(theme => theme.id), ...row.themes])
        checkRecord(await templateOf(trx, row), input, options.submit, themes)
        await trx
          .updateTable('case_audit')
          .set({
            answers: JSON.stringify(input.answers),
            overall_grade: input.overallGrade ?? null,
            strengths: input.strengths ?? '',
            areas_for_improvement: input.areasForImprovement ?? '',
            actions: input.actions ?? '',
            themes: JSON.stringify([...new Set(input.themes ?? [])]),
            ...(options.submit ? { status: 'submitted', submitted_on: today() } : {}),
            updated_at: clock(),
          })
          .where('organisation_id', '=', organisationOf(context))
          .where('audit_id', '=', auditId)
          .execute()
        await audit.record(trx, context, {
          action: options.submit ? 'case-audit.submitted' : 'case-audit.answers-saved',
          subjectType: 'case-audit',
          subjectId: auditId,
          details: { answered: Object.keys(input.answers).length },
        })
      })
    },

    /**
     * A safeguarding concern found during an audit goes at once to the named manager: a lead or administrator of the
     * organisation, chosen from its people, who sees it at the top of their audits page until they acknowledge it; or
     * a manager without an account, named in words, when any lead or administrator may acknowledge it. Raised by the
     * audit's auditor, a lead, or the person a lead asked to moderate the audit. Recorded on the audit and in the audit
     * trail in one transaction; it cannot be withdrawn, and an audit carries one concern (a second is refused rather
     * than overwriting the first).
     */
    async raiseSafeguardingConcern(
      context: RequestContext,
      auditId: string,
      input: { managerUserId: string } | { managerName: string },
    ): Promise<{ managerUserId: string | null; managerName: string }> {
      authorise(context, 'audits:perform')
      const raisedBy = actorUserId(context.actor)
      const withoutAccount = 'managerName' in input
      const nameProblem = withoutAccount ? concernManagerNameProblem(input.managerName) : undefined
      if (nameProblem) throw new ValidationError({ managerName: nameProblem })
      return db.transaction().execute(async trx => {
        const { row, assignment } = await lockAuditThenAssignment(trx, context, auditId, !seesAll(context))
        const access =
          context.actor.kind === 'system'
            ? 'lead'
            : concernRaiseAccess(
                { userId: context.actor.userId, role: context.actor.role },
                { auditorUserId: row?.auditor_user_id ?? '', moderatorUserId: assignment?.moderator_user_id },
              )
        // Someone else's audit reads as missing, as everywhere else an auditor reaches for one.
        if (!row || access === 'none') throw new NotFoundError('No such audit')
        const field = withoutAccount ? 'managerName' : 'managerUserId'
        if (row.safeguarding_concern)
          throw new ValidationError({ [field]: 'A safeguarding concern has already been raised on this audit' })
        let manager: { userId: string | null; displayName: string }
        if (withoutAccount) manager = { userId: null, displayName: input.managerName.trim() }
        else {
          const person = await personOf(trx, context, input.managerUserId.trim())
          const problem = concernManagerProblem(person, raisedBy)
          if (problem || !person)
            throw new ValidationError({ managerUserId: problem ?? 'Select the manager you have told' })
          manager = person
        }
        await trx
          .updateTable('case_audit')
          .set({
            safeguarding_concern: true,
            concern_manager: manager.displayName,
            concern_manager_user_id: manager.userId,
            concern_raised_by_user_id: raisedBy,
            concern_raised_at: clock(),
            updated_at: clock(),
          })
          .where('organisation_id', '=', organisationOf(context))
          .where('audit_id', '=', auditId)
          .execute()
        await audit.record(trx, context, {
          action: 'case-audit.safeguarding-concern-raised',
          subjectType: 'case-audit',
          subjectId: auditId,
          // A manager without an account is null here: their name stays on the audit, out of the trail's details.
          details: { manager: manager.userId, asModerator: access === 'moderator' },
        })
        return { managerUserId: manager.userId, managerName: manager.displayName }
      })
    },

    /**
     * The named manager (or a lead standing in for one who cannot act) acknowledges a concern with a note of what they
     * did. The concern stays on the audit and in the trail; only its place on the managers' lists ends. The note is
     * kept on the audit, never in the event (it may describe the child).
     */
    async acknowledgeConcern(context: RequestContext, auditId: string, input: { note: string }): Promise<void> {
      authorise(context, 'audits:manage')
      if (context.actor.kind !== 'user') throw new ForbiddenError('Acknowledging a concern needs a named person')
      const person = { userId: context.actor.userId, role: context.actor.role }
      const problem = acknowledgementProblem(input.note)
      if (problem) throw new ValidationError({ acknowledgement: problem })
      await db.transaction().execute(async trx => {
        // Locked, so two managers acknowledging at once give one acknowledgement and one message.
        const row = await requireAudit(trx, context, auditId, { lock: true })
        const access = acknowledgementAccess(person, {
          raised: row.safeguarding_concern,
          acknowledged: row.concern_acknowledged_at !== null,
          managerUserId: row.concern_manager_user_id,
          manager: await personOf(trx, context, row.concern_manager_user_id),
        })
        if (access === 'no-concern')
          throw new ValidationError({ acknowledgement: 'No safeguarding concern has been raised on this audit' })
        if (access === 'acknowledged')
          throw new ValidationError({ acknowledgement: 'This concern has already been acknowledged' })
        if (access === 'not-named') throw new ForbiddenError('Only the named manager can acknowledge this concern')
        await trx
          .updateTable('case_audit')
          .set({
            concern_acknowledged_at: clock(),
            concern_acknowledged_by: person.userId,
            concern_acknowledgement: input.note.trim(),
            // updated_at is the answers' edit version: an auditor still filling in the form is not made to resubmit.
          })
          .where('organisation_id', '=', organisationOf(context))
          .where('audit_id', '=', auditId)
          .execute()
        await audit.record(trx, context, {
          action: 'case-audit.safeguarding-concern-acknowledged',
          subjectType: 'case-audit',
          subjectId: auditId,
          details: { manager: row.concern_manager_user_id, standingIn: access === 'standing-in' },
        })
      })
    },

    /**
     * Concerns not yet acknowledged, oldest first, each marked if the signed-in person may acknowledge it. Leads and
     * administrators only. They name children, so seeing any is a child-data view (the audit ids in the event).
     */
    async openConcerns(context: RequestContext): Promise<OpenConcern[]> {
      authorise(context, 'audits:manage')
      authorise(context, 'child-data:read')
      const rows = await db
        .selectFrom('case_audit')
        .leftJoin('app_user as manager', join =>
          join
            .onRef('manager.organisation_id', '=', 'case_audit.organisation_id')
            .onRef('manager.user_id', '=', 'case_audit.concern_manager_user_id'),
        )
        .select([
          'case_audit.audit_id',
          'case_audit.child_id',
          'case_audit.team',
          'case_audit.auditor_user_id',
          'case_audit.concern_raised_at',
          'case_audit.concern_raised_by_user_id',
          'case_audit.concern_manager_user_id',
          'case_audit.concern_manager',
          'manager.role as manager_role',
          'manager.disabled_at as manager_disabled_at',
        ])
        .where('case_audit.organisation_id', '=', organisationOf(context))
        .where('case_audit.safeguarding_concern', '=', true)
        .where('case_audit.concern_acknowledged_at', 'is', null)
        .orderBy('case_audit.concern_raised_at')
        .orderBy('case_audit.audit_id')
        .limit(500)
        .execute()
      const person = context.actor.kind === 'user' ? { userId: context.actor.userId, role: context.actor.role } : null
      const concerns = rows.map(row => ({
        auditId: row.audit_id,
        childId: row.child_id,
        team: row.team,
        auditorUserId: row.auditor_user_id,
        raisedAt: row.concern_raised_at ?? new Date(0),
        raisedByUserId: row.concern_raised_by_user_id,
        managerUserId: row.concern_manager_user_id,
        managerName: row.concern_manager ?? '',
        forYou:
          person !== null &&
          acknowledgementAccess(person, {
            raised: true,
            acknowledged: false,
            managerUserId: row.concern_manager_user_id,
            manager:
              row.concern_manager_user_id && row.manager_role
                ? {
                    userId: row.concern_manager_user_id,
                    role: row.manager_role,
                    disabled: row.manager_disabled_at !== null,
                  }
                : undefined,
          }) !== 'not-named',
      }))
      if (concerns.length > 0)
        await audit.log(context, {
          action: 'child-data.view',
          subjectType: 'safeguarding-concerns',
          details: { audits: concerns.map(concern => concern.auditId) },
        })
      return concerns
    },

    /** How many open concerns name the signed-in manager: a count for the dashboard, no child-level data. */
    async openConcernsNamingMe(context: RequestContext): Promise<number> {
      authorise(context, 'audits:manage')
      const me = actorUserId(context.actor)
      if (!me) return 0
      const row = await db
        .selectFrom('case_audit')
        .select(eb => eb.fn.countAll<string>().as('count'))
        .where('organisation_id', '=', organisationOf(context))
        .where('safeguarding_concern', '=', true)
        .where('concern_acknowledged_at', 'is', null)
        .where('concern_manager_user_id', '=', me)
        .executeTakeFirst()
      return Number(row?.count ?? 0)
    },

    /**
     * A lead asks a second person (anyone of the organisation who can audit, never the audit's own auditor) to
     * moderate a submitted audit by a date; by default MODERATION_WORKING_DAYS working days from today. Asking again
     * hands it to someone else, until it is moderated.
     */
    async assignModerator(
      context: RequestContext,
      auditId: string,
      input: { moderatorUserId: string; dueOn?: string | undefined },
    ): Promise<ModeratorAssignment> {
      authorise(context, 'audits:manage')
      const dueOn = input.dueOn?.trim() || auditDueDate(today(), MODERATION_WORKING_DAYS)
      if (!isIsoDate(dueOn))
        throw new ValidationError({ dueOn: 'The date the moderation is due must be a real date, like 2026-03-27' })
      return db.transaction().execute(async trx => {
        // Locked, so a moderation recorded meanwhile is seen, not assigned over.
        const row = await requireAudit(trx, context, auditId, { lock: true })
        const moderated = await trx
          .selectFrom('case_audit_moderation')
          .select('audit_id')
          .where('organisation_id', '=', organisationOf(context))
          .where('audit_id', '=', auditId)
          .executeTakeFirst()
        const candidate = await personOf(trx, context, input.moderatorUserId.trim())
        const problems = moderatorAssignmentProblems({
          candidate,
          audit: { auditorUserId: row.auditor_user_id, status: row.status, moderated: Boolean(moderated) },
          dueOn,
          today: today(),
        })
        if (Object.keys(problems).length > 0 || !candidate) throw new ValidationError(problems)
        const previous = await trx
          .selectFrom('case_audit_moderation_assignment')
          .select('moderator_user_id')
          .where('organisation_id', '=', organisationOf(context))
          .where('audit_id', '=', auditId)
          .executeTakeFirst()
        const values = {
          moderator_user_id: candidate.userId,
          due_on: dueOn,
          assigned_by_user_id: actorUserId(context.actor),
          assigned_by_label: context.actor.label,
          assigned_at: clock(),
        }
        await trx
          .insertInto('case_audit_moderation_assignment')
          .values({ organisation_id: organisationOf(context), audit_id: auditId, ...values })
          .onConflict(conflict => conflict.columns(['organisation_id', 'audit_id']).doUpdateSet(values))
          .execute()
        const replaced = previous && previous.moderator_user_id !== candidate.userId ? previous.moderator_user_id : null
        await audit.record(trx, context, {
          action: 'case-audit.moderator-assigned',
          subjectType: 'case-audit',
          subjectId: auditId,
          details: { moderator: candidate.userId, dueOn, replaced },
        })
        return { auditId, moderatorUserId: candidate.userId, dueOn, replaced }
      })
    },

    /** Practitioner and team manager sign-off of a submitted audit (seed 003 Appendix 1 3.3). */
    async signOff(
      context: RequestContext,
      auditId: string,
      input: { practitioner: string; manager: string },
    ): Promise<void> {
      authorise(context, 'audits:manage')
      const practitioner = input.practitioner.trim()
      const manager = input.manager.trim()
      const errors: Record<string, string> = {}
      if (!practitioner || practitioner.length > 200)
        errors.practitioner = 'Enter the name of the practitioner who signed off'
      if (!manager || manager.length > 200) errors.manager = 'Enter the name of the team manager who signed off'
      if (Object.keys(errors).length > 0) throw new ValidationError(errors)
      await db.transaction().execute(async trx => {
        const row = await requireAudit(trx, context, auditId)
        if (row.status !== 'submitted')
          throw new ValidationError({ status: 'Only a submitted audit can be signed off' })
        await trx
          .updateTable('case_audit')
          .set({
            status: 'signed-off',
            practitioner_signed_off_by: practitioner,
            manager_signed_off_by: manager,
            signed_off_at: clock(),
            updated_at: clock(),
          })
          .where('organisation_id', '=', organisationOf(context))
          .where('audit_id', '=', auditId)
          .execute()
        await audit.record(trx, context, {
          action: 'case-audit.signed-off',
          subjectType: 'case-audit',
          subjectId: auditId,
        })
      })
    },

    /**
     * A second auditor grades the same case independently; agreement is measured question by question. Leads and
     * administrators may moderate any audit but their own; anyone else only an audit a lead assigned to them.
     */
    async moderate(context: RequestContext, auditId: string, input: { answers: Answers; overallGrade: string }) {
      authorise(context, 'audits:perform')
      authorise(context, 'child-data:read')
      if (context.actor.kind !== 'user') throw new ForbiddenError('Moderation needs a named person')
      const moderator = { userId: context.actor.userId, role: context.actor.role }
      return db.transaction().execute(async trx => {
        // The audit row is locked before the assignment is read. assignModerator locks the same row before it changes
        // the assignment, so a reassignment has either committed before the read below (which then sees it) or waits
        // until this moderation has committed; a replaced moderator cannot moderate on a stale assignment. Two
        // moderations of one audit queue here too, and the second finds the first.
        const { row, assignment } = await lockAuditThenAssignment(trx, context, auditId, true)
        // Refused before anything of the audit is used, the same for a missing audit as for someone else's, so an
        // auditor learns nothing about audits they were not asked to moderate.
        if (!can(moderator.role, 'audits:manage') && assignment?.moderator_user_id !== moderator.userId)
          throw new ForbiddenError('Only a lead, or the person a lead asked to moderate this audit, can moderate it')
        if (!row) throw new NotFoundError('No such audit')
        const access = moderationAccess(moderator, {
          auditorUserId: row.auditor_user_id,
          moderatorUserId: assignment?.moderator_user_id,
        })
        if (access === 'own-audit')
          throw new ValidationError({ moderator: 'A second auditor must moderate, not the one who audited' })
        if (access === 'not-assigned')
          throw new ForbiddenError('Only a lead, or the person a lead asked to moderate this audit, can moderate it')
        const existing = await trx
          .selectFrom('case_audit_moderation')
          .select('audit_id')
          .where('organisation_id', '=', organisationOf(context))
          .where('audit_id', '=', auditId)
          .executeTakeFirst()
        if (existing) throw new ValidationError({ moderator: ALREADY_MODERATED_MESSAGE })
        if (row.status === 'assigned') throw new ValidationError({ status: 'Only a submitted audit can be moderated' })
        const template = await templateOf(trx, row)
        checkRecord(template, { answers: input.answers, overallGrade: input.overallGrade }, true)
        const agreement = agreementBetween(
          template,
          { answers: row.answers as Answers, overall: row.overall_grade },
          { answers: input.answers, overall: input.overallGrade },
        )
        const inserted = await trx
          .insertInto('case_audit_moderation')
          .values({
            organisation_id: organisationOf(context),
            audit_id: auditId,
            moderator_user_id: moderator.userId,
            answers: JSON.stringify(input.answers),
            overall_grade: input.overallGrade,
            questions_compared: agreement.compared,
            questions_agreed: agreement.agreed,
            overall_agreed: agreement.overallAgreed,
          })
          .onConflict(conflict => conflict.doNothing())
          .returning('audit_id')
          .executeTakeFirst()
        if (!inserted) throw new ValidationError({ moderator: ALREADY_MODERATED_MESSAGE })
        // Someone else moderated (a lead): the assignment ends here, so the person asked no longer sees the audit on
        // their list, nor its agreement, which would show them grades they never had to give themselves.
        const replaced =
          assignment && assignment.moderator_user_id !== moderator.userId ? assignment.moderator_user_id : null
        if (replaced)
          await trx
            .deleteFrom('case_audit_moderation_assignment')
            .where('organisation_id', '=', organisationOf(context))
            .where('audit_id', '=', auditId)
            .execute()
        await audit.record(trx, context, {
          action: 'case-audit.moderated',
          subjectType: 'case-audit',
          subjectId: auditId,
          details: {
            compared: agreement.compared,
            agreed: agreement.agreed,
            overallAgreed: agreement.overallAgreed,
            asAssigned: assignment?.moderator_user_id === moderator.userId,
            replaced,
          },
        })
        return agreement
      })
    },

    /** Grades by team, question and month, themes, and moderation agreement: aggregates only, no child ids. */
    async summary(context: RequestContext) {
      authorise(context, 'audits:manage')
      const rows = await db
        .selectFrom('case_audit')
        .select(['team', 'submitted_on', 'overall_grade', 'answers', 'themes'])
        .where('organisation_id', '=', organisationOf(context))
        .where('status', 'in', ['submitted', 'signed-off'])
        .execute()
      const completed = rows.map(row => ({
        team: row.team,
        completedOn: row.submitted_on ?? '',
        overall: row.overall_grade,
        answers: row.answers as Answers,
        themes: row.themes,
      }))
      const moderations = await db
        .selectFrom('case_audit_moderation')
        .select(['questions_compared', 'questions_agreed', 'overall_agreed'])
        .where('organisation_id', '=', organisationOf(context))
        .execute()
      return {
        audits: completed.length,
        byTeam: aggregateGrades(completed, 'team'),
        byMonth: aggregateGrades(completed, 'month'),
        byQuestion: aggregateGrades(completed, 'question'),
        themes: themeCounts(completed),
        moderation: agreementRates(
          moderations.map(row => ({
            compared: row.questions_compared,
            agreed: row.questions_agreed,
            rate: null,
            overallAgreed: row.overall_agreed,
            disagreements: [],
          })),
        ),
      }
    },
  }
}

export type CaseAuditService = ReturnType<typeof createCaseAuditService>

/**
 * The audit row locked FOR UPDATE, then (when asked) its moderation assignment: in that order, so an assignment
 * changed concurrently has either committed before the read or waits for this transaction.
 */
async function lockAuditThenAssignment(
  trx: Executor,
  context: RequestContext,
  auditId: string,
  withAssignment: boolean,
) {
  const row = isUuid(auditId)
    ? await trx
        .selectFrom('case_audit')
        .selectAll()
        .where('organisation_id', '=', context.actor.organisationId)
        .where('audit_id', '=', auditId)
        .forUpdate()
        .executeTakeFirst()
    : undefined
  const assignment =
    row && withAssignment
      ? await trx
          .selectFrom('case_audit_moderation_assignment')
          .select('moderator_user_id')
          .where('organisation_id', '=', context.actor.organisationId)
          .where('audit_id', '=', auditId)
          .executeTakeFirst()
      : undefined
  return { row, assignment }
}
