import { z } from 'zod'
import type { Db } from '../../db/connect.js'
import {
  activeThemes,
  agreementBetween,
  countdown,
  type Agreement,
  type Answers,
  type AuditTemplate,
  type Countdown,
  type TaxonomyTheme,
} from '../../domain/audits/index.js'
import { can, type Role } from '../../domain/platform/roles.js'
import { actorUserId, authorise, type RequestContext } from '../context.js'
import { NotFoundError } from '../errors.js'
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

const isUuid = (value: string) => z.string().uuid().safeParse(value).success

/**
 * Small read queries the web pages need beside the samples and case-audit services: who can audit, which cases of
 * a sample are assigned, an audit's edit version (for optimistic locking), and stored moderations.
 */
export function createAuditWebQueries({ db, audit, clock }: { db: Db; audit: AuditService; clock: () => Date }) {
  const organisationOf = (context: RequestContext) => context.actor.organisationId
  const seesAll = (context: RequestContext) =>
    context.actor.kind === 'system' || can(context.actor.role, 'audits:manage')

  async function visibleAudit(context: RequestContext, auditId: string) {
    const row = isUuid(auditId)
      ? await db
          .selectFrom('case_audit')
          .select(['audit_id', 'auditor_user_id', 'child_id', 'team', 'template_id', 'template_version', 'status'])
          .select(['updated_at', 'answers', 'overall_grade'])
          .where('organisation_id', '=', organisationOf(context))
          .where('audit_id', '=', auditId)
          .executeTakeFirst()
      : undefined
    if (!row || (!seesAll(context) && row.auditor_user_id !== actorUserId(context.actor)))
      throw new NotFoundError('No such audit')
    return row
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
     * answers. Leads and admins moderate; an auditor sees only their own audits, so others' read as missing.
     */
    async forModeration(context: RequestContext, auditId: string) {
      authorise(context, 'audits:perform')
      authorise(context, 'child-data:read')
      const row = await visibleAudit(context, auditId)
      await audit.recordChildDataAccess(context, 'view', { type: 'case-audit', id: auditId })
      return {
        auditId: row.audit_id,
        childId: row.child_id,
        team: row.team,
        status: row.status,
        auditorUserId: row.auditor_user_id,
        template: await templateOf(context, row),
        isOwnAudit: row.auditor_user_id === actorUserId(context.actor),
      }
    },

    /** A stored moderation with its agreement, recomputed from both sets of answers; undefined when none yet. */
    async moderationOf(context: RequestContext, auditId: string): Promise<ModerationRecord | undefined> {
      authorise(context, 'audits:perform')
      const row = await visibleAudit(context, auditId)
      const moderation = await db
        .selectFrom('case_audit_moderation')
        .select(['moderator_user_id', 'answers', 'overall_grade', 'moderated_at'])
        .where('organisation_id', '=', organisationOf(context))
        .where('audit_id', '=', auditId)
        .executeTakeFirst()
      if (!moderation) return undefined
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
