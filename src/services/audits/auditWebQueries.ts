import { z } from 'zod'
import type { Db } from '../../db/connect.js'
import {
  activeThemes,
  agreementBetween,
  auditDueDate,
  countdown,
  type Agreement,
  type Answers,
  type AuditTemplate,
  type Countdown,
  type TaxonomyTheme,
} from '../../domain/audits/index.js'
import {
  MODERATION_WORKING_DAYS,
  moderationAccess,
  moderationResultVisible,
  type ModerationAccess,
} from '../../domain/audits/moderation.js'
import { can, isRole, type Role } from '../../domain/platform/roles.js'
import { actorUserId, authorise, type RequestContext } from '../context.js'
import { ForbiddenError, NotFoundError } from '../errors.js'
import type { AuditService } from '../platform/auditService.js'
import { latestTemplates, readTaxonomy, resolveTemplate } from './templateStore.js'
import { englandDate } from './today.js'

export interface AuditorOption {
  userId: string
  displayName: string
  role: Role
}

export interface SampleAudit {
  auditId: string
  childId: string
  auditorUserId: string
  status: string
  dueOn: string
  countdown: Countdown
}

export interface ModerationRecord {
  moderatorUserId: string
  overallGrade: string | null
  moderatedAt: Date
  agreement: Agreement
}

export interface ModerationAssignmentView {
  moderatorUserId: string
  dueOn: string
  countdown: Countdown
  assignedByLabel: string
  assignedAt: Date
}

/** An audit someone was asked to moderate and has not yet: for their "To moderate" list. */
export interface ModerationToDo {
  auditId: string
  childId: string
  team: string | null
  auditorUserId: string
  dueOn: string
  countdown: Countdown
}

const isUuid = (value: string) => z.string().uuid().safeParse(value).success

/**
 * Small read queries the web pages need beside the samples and case-audit services: who can audit, which cases of
 * a sample are assigned, an audit's edit version (for optimistic locking), stored moderations, moderation
 * assignments (and the "To moderate" list), and who can be named as the manager told of a safeguarding concern.
 */
export function createAuditWebQueries({ db, audit, clock }: { db: Db; audit: AuditService; clock: () => Date }) {
  const organisationOf = (context: RequestContext) => context.actor.organisationId
  const seesAll = (context: RequestContext) =>
    context.actor.kind === 'system' || can(context.actor.role, 'audits:manage')

  async function assignmentOf(context: RequestContext, auditId: string) {
    if (!isUuid(auditId)) return undefined
    return db
      .selectFrom('case_audit_moderation_assignment')
      .select(['moderator_user_id', 'due_on', 'assigned_by_label', 'assigned_at'])
      .where('organisation_id', '=', organisationOf(context))
      .where('audit_id', '=', auditId)
      .executeTakeFirst()
  }

  /**
   * An audit the signed-in person may see: leads all, auditors their own; with `asModerator`, also the audit a lead
   * asked them to moderate (its case and template, and afterwards the agreement, never the first answers as such).
   */
  async function visibleAudit(context: RequestContext, auditId: string, { asModerator = false } = {}) {
    const row = isUuid(auditId)
      ? await db
          .selectFrom('case_audit')
          .select(['audit_id', 'auditor_user_id', 'child_id', 'team', 'template_id', 'template_version', 'status'])
          .select(['updated_at', 'answers', 'overall_grade'])
          .select(['safeguarding_concern', 'concern_manager', 'concern_manager_user_id', 'concern_raised_at'])
          .where('organisation_id', '=', organisationOf(context))
          .where('audit_id', '=', auditId)
          .executeTakeFirst()
      : undefined
    if (row && (seesAll(context) || row.auditor_user_id === actorUserId(context.actor))) return row
    if (row && asModerator) {
      const assignment = await assignmentOf(context, auditId)
      if (assignment && assignment.moderator_user_id === actorUserId(context.actor)) return row
    }
    throw new NotFoundError('No such audit')
  }

  /**
   * The moderation form's audit, for someone who may open it: leads (every audit; their own is shown with a
   * message) and the assigned moderator. Anyone else is refused before the audit is read (403, the same whether or
   * not it exists).
   */
  async function auditToModerate(context: RequestContext, auditId: string) {
    authorise(context, 'audits:perform')
    authorise(context, 'child-data:read')
    const me = actorUserId(context.actor)
    const assignment = await assignmentOf(context, auditId)
    if (!seesAll(context)) {
      if (!me || assignment?.moderator_user_id !== me)
        throw new ForbiddenError('Only a lead, or the person a lead asked to moderate this audit, can moderate it')
      // Someone else's moderation ends the assignment (caseAudits.moderate removes it); an assignment left from
      // before that rule must not open the form, nor the agreement, to a person who graded nothing.
      const moderatedBy = await moderatorOf(context, auditId)
      if (moderatedBy !== undefined && moderatedBy !== me)
        throw new ForbiddenError('This audit has been moderated by someone else')
    }
    const row = await visibleAudit(context, auditId, { asModerator: true })
    const access: ModerationAccess =
      context.actor.kind === 'system'
        ? 'lead'
        : moderationAccess(
            { userId: context.actor.userId, role: context.actor.role },
            { auditorUserId: row.auditor_user_id, moderatorUserId: assignment?.moderator_user_id },
          )
    return { row, assignment, access }
  }

  /** Who recorded the audit's moderation; undefined while it has none. */
  async function moderatorOf(context: RequestContext, auditId: string): Promise<string | undefined> {
    if (!isUuid(auditId)) return undefined
    const row = await db
      .selectFrom('case_audit_moderation')
      .select('moderator_user_id')
      .where('organisation_id', '=', organisationOf(context))
      .where('audit_id', '=', auditId)
      .executeTakeFirst()
    return row?.moderator_user_id
  }

  /** The template and version the audit was started with (custom templates are versioned). */
  const templateOf = async (
    context: RequestContext,
    row: { template_id: string; template_version: number },
  ): Promise<AuditTemplate> => {
    const template = await resolveTemplate(db, organisationOf(context), row.template_id, row.template_version)
    if (!template) throw new Error(`Audit template ${row.template_id} version ${row.template_version} is missing`)
    return template
  }

  const assignmentView = (assignment: {
    moderator_user_id: string
    due_on: string
    assigned_by_label: string
    assigned_at: Date
  }): ModerationAssignmentView => ({
    moderatorUserId: assignment.moderator_user_id,
    dueOn: assignment.due_on,
    countdown: countdown(englandDate(clock()), assignment.due_on),
    assignedByLabel: assignment.assigned_by_label,
    assignedAt: assignment.assigned_at,
  })

  return {
    /** People in the organisation who can carry out audits (auditors, leads, admins), for assignment. */
    async auditors(context: RequestContext): Promise<AuditorOption[]> {
      authorise(context, 'audits:manage')
      const rows = await db
        .selectFrom('app_user')
        .select(['user_id', 'display_name', 'role'])
        .where('organisation_id', '=', organisationOf(context))
        .where('disabled_at', 'is', null)
        .where('role', 'in', ['auditor', 'lead', 'admin'])
        .orderBy('display_name')
        .execute()
      return rows
        .filter(row => can(row.role as Role, 'audits:perform'))
        .map(row => ({ userId: row.user_id, displayName: row.display_name, role: row.role as Role }))
    },

    /**
     * The organisation's words for the pages: templates to assign (built-in and the latest of its own), its active
     * themes to tag, and labels for every theme and question id, retired ones included, for tables.
     */
    async vocabulary(context: RequestContext): Promise<{
      templates: AuditTemplate[]
      themes: TaxonomyTheme[]
      themeLabels: Record<string, string>
      questionLabels: Record<string, string>
    }> {
      authorise(context, 'audits:perform')
      const templates = await latestTemplates(db, organisationOf(context))
      const taxonomy = await readTaxonomy(db, organisationOf(context))
      return {
        templates,
        themes: activeThemes(taxonomy),
        themeLabels: Object.fromEntries(taxonomy.map(theme => [theme.id, theme.label])),
        questionLabels: Object.fromEntries(
          templates.flatMap(template =>
            template.sections.flatMap(section => section.questions.map(question => [question.id, question.label])),
          ),
        ),
      }
    },

    /** Display names by user id, for showing who audits what (names only, no roles or emails). */
    async peopleNames(context: RequestContext): Promise<Record<string, string>> {
      authorise(context, 'audits:perform')
      const rows = await db
        .selectFrom('app_user')
        .select(['user_id', 'display_name'])
        .where('organisation_id', '=', organisationOf(context))
        .execute()
      return Object.fromEntries(rows.map(row => [row.user_id, row.display_name]))
    },

    /** The audits made from one sample's cases; shown on the sample page after `getSample` logged the view. */
    async sampleAudits(context: RequestContext, sampleId: string): Promise<SampleAudit[]> {
      authorise(context, 'audits:manage')
      authorise(context, 'child-data:read')
      if (!isUuid(sampleId)) return []
      const today = englandDate(clock())
      const rows = await db
        .selectFrom('case_audit')
        .select(['audit_id', 'child_id', 'auditor_user_id', 'status', 'due_on'])
        .where('organisation_id', '=', organisationOf(context))
        .where('sample_id', '=', sampleId)
        .orderBy('due_on')
        .orderBy('child_id')
        .execute()
      return rows.map(row => ({
        auditId: row.audit_id,
        childId: row.child_id,
        auditorUserId: row.auditor_user_id,
        status: row.status,
        dueOn: row.due_on,
        countdown: countdown(today, row.due_on),
      }))
    },

    /**
     * What a form posting to an audit needs, without its answers (so no child-data event): the template and the edit
     * version, the time the audit last changed. A form carries the version; a stale one is a conflict.
     */
    async editState(
      context: RequestContext,
      auditId: string,
    ): Promise<{ version: string; template: AuditTemplate; status: string }> {
      authorise(context, 'audits:perform')
      const row = await visibleAudit(context, auditId)
      return {
        version: new Date(row.updated_at).toISOString(),
        template: await templateOf(context, row),
        status: row.status,
      }
    },

    /**
     * What a second auditor needs to moderate independently: the case and the template, never the first auditor's
     * answers. Leads and administrators, and the person a lead asked to moderate this audit; others get a 403.
     */
    async forModeration(context: RequestContext, auditId: string) {
      const { row, assignment, access } = await auditToModerate(context, auditId)
      await audit.recordChildDataAccess(context, 'view', { type: 'case-audit', id: auditId })
      return {
        auditId: row.audit_id,
        childId: row.child_id,
        team: row.team,
        status: row.status,
        auditorUserId: row.auditor_user_id,
        template: await templateOf(context, row),
        isOwnAudit: access === 'own-audit',
        /** 'lead', 'assigned' or 'own-audit': how the signed-in person comes to this form. */
        access,
        assignment: assignment ? assignmentView(assignment) : undefined,
        /**
         * The audit's safeguarding concern, if one was raised: an audit carries one, so a moderator who finds another
         * is told whom it went to. Who raised it and any acknowledgement note stay on the audit.
         */
        concern: row.safeguarding_concern
          ? {
              managerUserId: row.concern_manager_user_id,
              managerName: row.concern_manager ?? '',
              raisedAt: row.concern_raised_at,
            }
          : undefined,
      }
    },

    /** The template the moderation form was built from, for reading its POST (no answers, so no child-data event). */
    async moderationTemplate(context: RequestContext, auditId: string): Promise<AuditTemplate> {
      const { row } = await auditToModerate(context, auditId)
      return templateOf(context, row)
    },

    /** Who a lead asked to moderate an audit, and by when; undefined when nobody has been asked. */
    async moderationAssignment(
      context: RequestContext,
      auditId: string,
    ): Promise<ModerationAssignmentView | undefined> {
      authorise(context, 'audits:perform')
      await visibleAudit(context, auditId, { asModerator: true })
      const assignment = await assignmentOf(context, auditId)
      return assignment ? assignmentView(assignment) : undefined
    },

    /**
     * What the lead's "assign a moderator" form needs: the audit's case, auditor and state, who it could go to
     * (everyone who can audit but its auditor), and any current assignment. Shows a child id, so a child-data view.
     */
    async forModeratorAssignment(context: RequestContext, auditId: string) {
      authorise(context, 'audits:manage')
      authorise(context, 'child-data:read')
      const row = await visibleAudit(context, auditId)
      const moderated = await db
        .selectFrom('case_audit_moderation')
        .select('audit_id')
        .where('organisation_id', '=', organisationOf(context))
        .where('audit_id', '=', auditId)
        .executeTakeFirst()
      const assignment = await assignmentOf(context, auditId)
      const people = await db
        .selectFrom('app_user')
        .select(['user_id', 'display_name', 'role'])
        .where('organisation_id', '=', organisationOf(context))
        .where('disabled_at', 'is', null)
        .where('user_id', '<>', row.auditor_user_id)
        .orderBy('display_name')
        .execute()
      await audit.recordChildDataAccess(context, 'view', { type: 'case-audit', id: auditId })
      return {
        auditId: row.audit_id,
        childId: row.child_id,
        team: row.team,
        status: row.status,
        auditorUserId: row.auditor_user_id,
        moderated: Boolean(moderated),
        assignment: assignment ? assignmentView(assignment) : undefined,
        defaultDueOn: auditDueDate(englandDate(clock()), MODERATION_WORKING_DAYS),
        candidates: people
          .filter(person => isRole(person.role) && can(person.role, 'audits:perform'))
          .map(person => ({ userId: person.user_id, displayName: person.display_name, role: person.role as Role })),
      }
    },

    /** Audits a lead asked the signed-in person to moderate and not yet moderated, soonest due first. */
    async toModerate(context: RequestContext): Promise<ModerationToDo[]> {
      authorise(context, 'audits:perform')
      const me = actorUserId(context.actor)
      if (!me) return []
      const today = englandDate(clock())
      const rows = await db
        .selectFrom('case_audit_moderation_assignment as assignment')
        .innerJoin('case_audit', join =>
          join
            .onRef('case_audit.organisation_id', '=', 'assignment.organisation_id')
            .onRef('case_audit.audit_id', '=', 'assignment.audit_id'),
        )
        .leftJoin('case_audit_moderation as moderation', join =>
          join
            .onRef('moderation.organisation_id', '=', 'assignment.organisation_id')
            .onRef('moderation.audit_id', '=', 'assignment.audit_id'),
        )
        .select(['case_audit.audit_id', 'case_audit.child_id', 'case_audit.team', 'case_audit.auditor_user_id'])
        .select('assignment.due_on')
        .where('assignment.organisation_id', '=', organisationOf(context))
        .where('assignment.moderator_user_id', '=', me)
        .where('moderation.audit_id', 'is', null)
        .orderBy('assignment.due_on')
        .orderBy('case_audit.child_id')
        .limit(500)
        .execute()
      // The list names the children: a child-data view, as the audits list is.
      if (rows.length > 0)
        await audit.log(context, {
          action: 'child-data.view',
          subjectType: 'case-audits-to-moderate',
          details: { audits: rows.map(row => row.audit_id) },
        })
      return rows.map(row => ({
        auditId: row.audit_id,
        childId: row.child_id,
        team: row.team,
        auditorUserId: row.auditor_user_id,
        dueOn: row.due_on,
        countdown: countdown(today, row.due_on),
      }))
    },

    /**
     * Who an auditor can name as the manager told of a safeguarding concern: the organisation's leads and
     * administrators (they can act on any audit), but not the person raising it. Names only.
     */
    async concernManagers(context: RequestContext): Promise<AuditorOption[]> {
      authorise(context, 'audits:perform')
      const me = actorUserId(context.actor)
      const rows = await db
        .selectFrom('app_user')
        .select(['user_id', 'display_name', 'role'])
        .where('organisation_id', '=', organisationOf(context))
        .where('disabled_at', 'is', null)
        .orderBy('display_name')
        .execute()
      return rows
        .filter(row => isRole(row.role) && can(row.role, 'audits:manage') && row.user_id !== me)
        .map(row => ({ userId: row.user_id, displayName: row.display_name, role: row.role as Role }))
    },

    /**
     * A stored moderation with its agreement, recomputed from both sets of answers; undefined when none yet, or when
     * the signed-in person may not see it (see moderationResultVisible: a moderator who did not moderate never does).
     */
    async moderationOf(context: RequestContext, auditId: string): Promise<ModerationRecord | undefined> {
      authorise(context, 'audits:perform')
      const row = await visibleAudit(context, auditId, { asModerator: true })
      const moderation = await db
        .selectFrom('case_audit_moderation')
        .select(['moderator_user_id', 'answers', 'overall_grade', 'moderated_at'])
        .where('organisation_id', '=', organisationOf(context))
        .where('audit_id', '=', auditId)
        .executeTakeFirst()
      if (!moderation) return undefined
      const visible =
        context.actor.kind === 'system' ||
        moderationResultVisible(
          { userId: context.actor.userId, role: context.actor.role },
          { auditorUserId: row.auditor_user_id, moderatedByUserId: moderation.moderator_user_id },
        )
      if (!visible) return undefined
      return {
        moderatorUserId: moderation.moderator_user_id,
        overallGrade: moderation.overall_grade,
        moderatedAt: moderation.moderated_at,
        agreement: agreementBetween(
          await templateOf(context, row),
          { answers: row.answers as Answers, overall: row.overall_grade },
          { answers: moderation.answers as Answers, overall: moderation.overall_grade },
        ),
      }
    },
  }
}

export type AuditWebQueries = ReturnType<typeof createAuditWebQueries>
