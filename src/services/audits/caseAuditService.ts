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
import { can } from '../../domain/platform/roles.js'
import { actorUserId, authorise, type RequestContext } from '../context.js'
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.js'
import type { AuditService, Executor } from '../platform/auditService.js'
import { readSample } from './sampleRepository.js'
import { readTaxonomy, resolveTemplate } from './templateStore.js'
import { englandDate } from './today.js'

export const AUDIT_CHANGED_MESSAGE =
  'This audit changed after you opened it (perhaps in another tab or window). Your answers are shown below: check them and save again.'

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
      return rows.map(summaryOf)
    },

    /** One audit with its answers: every view is a child-data access event. */
    async get(context: RequestContext, auditId: string) {
      authorise(context, 'audits:perform')
      authorise(context, 'child-data:read')
      const row = await requireAudit(db, context, auditId)
      await audit.recordChildDataAccess(context, 'view', { type: 'case-audit', id: auditId })
      return {
        ...summaryOf(row),
        template: await templateOf(db, row),
        answers: row.answers as Answers,
        strengths: row.strengths,
        areasForImprovement: row.areas_for_improvement,
        actions: row.actions,
        themes: row.themes,
        concernManager: row.concern_manager,
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
     * A safeguarding concern found during an audit goes at once to the named manager. It is recorded on the audit
     * and in the audit trail in one transaction; it cannot be withdrawn from the trail.
     */
    async raiseSafeguardingConcern(
      context: RequestContext,
      auditId: string,
      input: { manager: string },
    ): Promise<void> {
      authorise(context, 'audits:perform')
      const manager = input.manager.trim()
      if (manager.length === 0 || manager.length > 200)
        throw new ValidationError({ manager: 'Enter the name of the manager you told' })
      await db.transaction().execute(async trx => {
        await requireAudit(trx, context, auditId)
        await trx
          .updateTable('case_audit')
          .set({
            safeguarding_concern: true,
            concern_manager: manager,
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
          details: { manager },
        })
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

    /** A second auditor grades the same case independently; agreement is measured question by question. */
    async moderate(context: RequestContext, auditId: string, input: { answers: Answers; overallGrade: string }) {
      // Moderators are leads (or admins) who did not do the audit: an auditor sees only their own audits, and the
      // agreement returned would reveal another auditor's grades.
      authorise(context, 'audits:perform')
      authorise(context, 'audits:manage')
      authorise(context, 'child-data:read')
      if (context.actor.kind !== 'user') throw new ForbiddenError('Moderation needs a named person')
      const moderatorId = context.actor.userId
      return db.transaction().execute(async trx => {
        const row = await trx
          .selectFrom('case_audit')
          .selectAll()
          .where('organisation_id', '=', organisationOf(context))
          .where('audit_id', '=', isUuid(auditId) ? auditId : '00000000-0000-0000-0000-000000000000')
          .executeTakeFirst()
        if (!row) throw new NotFoundError('No such audit')
        if (row.auditor_user_id === moderatorId)
          throw new ValidationError({ moderator: 'A second auditor must moderate, not the one who audited' })
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
            moderator_user_id: moderatorId,
            answers: JSON.stringify(input.answers),
            overall_grade: input.overallGrade,
            questions_compared: agreement.compared,
            questions_agreed: agreement.agreed,
            overall_agreed: agreement.overallAgreed,
          })
          .onConflict(conflict => conflict.doNothing())
          .returning('audit_id')
          .executeTakeFirst()
        if (!inserted) throw new ValidationError({ moderator: 'This audit has already been moderated' })
        await audit.record(trx, context, {
          action: 'case-audit.moderated',
          subjectType: 'case-audit',
          subjectId: auditId,
          details: { compared: agreement.compared, agreed: agreement.agreed, overallAgreed: agreement.overallAgreed },
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
