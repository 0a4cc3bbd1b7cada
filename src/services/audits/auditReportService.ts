import { z } from 'zod'
import type { Db } from '../../db/connect.js'
import {
  agreementRates,
  aggregateGrades,
  buildTwentyDayUpdate,
  countdown,
  gradeDistribution,
  themeFindings,
  type Agreement,
  type AuditFinding,
  type AuditRound,
  type AuditTemplate,
  type Answers,
  type TwentyDayUpdate,
} from '../../domain/audits/index.js'
import { isIsoDate } from '../../domain/calendar/index.js'
import { can } from '../../domain/platform/roles.js'
import { actorUserId, authorise, type RequestContext } from '../context.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { AuditService, Executor } from '../platform/auditService.js'
import { readTaxonomy, resolveTemplate } from './templateStore.js'
import { englandDate } from './today.js'

const isUuid = (value: string) => z.string().uuid().safeParse(value).success
const MAX_PERIOD_DAYS = 800

/** Everything about one audit that its export shows (a committee-readable record of the case audit). */
export interface CaseAuditRecord {
  auditId: string
  childId: string
  team: string | null
  template: AuditTemplate
  status: string
  auditor: string
  assignedOn: string
  dueOn: string
  submittedOn: string | null
  answers: Answers
  overallGrade: string | null
  strengths: string
  areasForImprovement: string
  actions: string
  themes: { id: string; label: string }[]
  safeguardingConcern: boolean
  concernManager: string | null
  practitionerSignedOffBy: string | null
  managerSignedOffBy: string | null
  signedOffAt: Date | null
  moderation: {
    moderator: string
    answers: Answers
    overallGrade: string | null
    compared: number
    agreed: number
    overallAgreed: boolean | null
    moderatedAt: Date
  } | null
}

export interface AuditSummaryReport {
  round: AuditRound | null
  audits: number
  overallGrades: Record<string, number>
  byTeam: ReturnType<typeof aggregateGrades>
  byMonth: ReturnType<typeof aggregateGrades>
  byQuestion: (ReturnType<typeof aggregateGrades>[number] & { label: string })[]
  themes: ReturnType<typeof themeFindings>
  moderation: ReturnType<typeof agreementRates>
  moderated: { team: string | null; month: string; compared: number; agreed: number; overallAgreed: boolean | null }[]
}

/** Checks a round given by the edges: a sample id, or a period `from`–`to` (inclusive, `YYYY-MM-DD`). */
export function checkRound(input: { sampleId?: string; from?: string; to?: string }): AuditRound | null {
  if (input.sampleId) {
    if (!isUuid(input.sampleId)) throw new ValidationError({ sampleId: 'Enter the id of a stored sample' })
    return { kind: 'sample', sampleId: input.sampleId }
  }
  if (!input.from && !input.to) return null
  const errors: Record<string, string> = {}
  if (!input.from || !isIsoDate(input.from)) errors.from = 'Enter the start of the period as a real date'
  if (!input.to || !isIsoDate(input.to)) errors.to = 'Enter the end of the period as a real date'
  if (Object.keys(errors).length === 0) {
    if (input.from! > input.to!) errors.to = 'The end of the period must be the same as or after the start'
    else if ((Date.parse(input.to!) - Date.parse(input.from!)) / 86_400_000 > MAX_PERIOD_DAYS)
      errors.to = `The period must be ${MAX_PERIOD_DAYS} days or shorter`
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors)
  return { kind: 'period', from: input.from!, to: input.to! }
}

/** Reports over completed audits: the summary, the 20-day update and the record of one audit for export. */
export function createAuditReportService({ db, audit, clock }: { db: Db; audit: AuditService; clock: () => Date }) {
  const organisationOf = (context: RequestContext) => context.actor.organisationId

  async function requireRound(executor: Executor, context: RequestContext, round: AuditRound | null) {
    if (round?.kind !== 'sample') return
    const sample = await executor
      .selectFrom('audit_sample')
      .select('sample_id')
      .where('organisation_id', '=', organisationOf(context))
      .where('sample_id', '=', round.sampleId)
      .executeTakeFirst()
    if (!sample) throw new NotFoundError('No such sample')
  }

  /** Completed (submitted or signed-off) audits of a round, oldest first, with their moderation agreement. */
  async function completedAudits(executor: Executor, context: RequestContext, round: AuditRound | null) {
    await requireRound(executor, context, round)
    let query = executor
      .selectFrom('case_audit')
      .leftJoin('case_audit_moderation', join =>
        join
          .onRef('case_audit_moderation.organisation_id', '=', 'case_audit.organisation_id')
          .onRef('case_audit_moderation.audit_id', '=', 'case_audit.audit_id'),
      )
      .select([
        'case_audit.audit_id',
        'case_audit.team',
        'case_audit.submitted_on',
        'case_audit.overall_grade',
        'case_audit.answers',
        'case_audit.themes',
        'case_audit.strengths',
        'case_audit.areas_for_improvement',
        'case_audit.actions',
        'case_audit.safeguarding_concern',
        'case_audit.template_id',
        'case_audit.template_version',
        'case_audit_moderation.questions_compared',
        'case_audit_moderation.questions_agreed',
        'case_audit_moderation.overall_agreed',
      ])
      .where('case_audit.organisation_id', '=', organisationOf(context))
      .where('case_audit.status', 'in', ['submitted', 'signed-off'])
    if (round?.kind === 'sample') query = query.where('case_audit.sample_id', '=', round.sampleId)
    if (round?.kind === 'period')
      query = query.where('case_audit.submitted_on', '>=', round.from).where('case_audit.submitted_on', '<=', round.to)
    const rows = await query.orderBy('case_audit.submitted_on').orderBy('case_audit.audit_id').execute()
    const findings: AuditFinding[] = rows.map(row => ({
      team: row.team,
      completedOn: row.submitted_on ?? '',
      overall: row.overall_grade,
      answers: row.answers as Answers,
      themes: row.themes,
      strengths: row.strengths,
      areasForImprovement: row.areas_for_improvement,
      actions: row.actions,
      safeguardingConcern: row.safeguarding_concern,
    }))
    const moderated = rows.flatMap(row =>
      row.questions_compared === null
        ? []
        : [
            {
              team: row.team,
              month: (row.submitted_on ?? '').slice(0, 7),
              compared: row.questions_compared,
              agreed: row.questions_agreed ?? 0,
              overallAgreed: row.overall_agreed,
            },
          ],
    )
    const templates = [...new Set(rows.map(row => `${row.template_id}@${row.template_version}`))]
    return { findings, moderated, templates }
  }

  const asAgreement = (item: { compared: number; agreed: number; overallAgreed: boolean | null }): Agreement => ({
    compared: item.compared,
    agreed: item.agreed,
    rate: null,
    overallAgreed: item.overallAgreed,
    disagreements: [],
  })

  /** Question labels from every template version the audits used (ids are unique within a template). */
  async function questionLabels(context: RequestContext, templates: readonly string[]) {
    const labels = new Map<string, string>()
    for (const key of templates) {
      const [id, version] = key.split('@') as [string, string]
      const template = await resolveTemplate(db, organisationOf(context), id, Number(version))
      for (const section of template?.sections ?? [])
        for (const question of section.questions) if (!labels.has(question.id)) labels.set(question.id, question.label)
    }
    return labels
  }

  return {
    /**
     * Grades by team, month and question, themes with examples, and moderation agreement, for one round (a sample
     * or a period) or all completed audits. Aggregates and the auditors' words; no child ids.
     */
    async summary(context: RequestContext, round: AuditRound | null = null): Promise<AuditSummaryReport> {
      authorise(context, 'audits:manage')
      const { findings, moderated, templates } = await completedAudits(db, context, round)
      const taxonomy = await readTaxonomy(db, organisationOf(context))
      const labels = await questionLabels(context, templates)
      return {
        round,
        audits: findings.length,
        overallGrades: gradeDistribution(findings.map(item => item.overall)),
        byTeam: aggregateGrades(findings, 'team'),
        byMonth: aggregateGrades(findings, 'month'),
        byQuestion: aggregateGrades(findings, 'question').map(row => ({
          ...row,
          label: labels.get(row.key) ?? row.key,
        })),
        themes: themeFindings(findings, taxonomy),
        moderation: agreementRates(moderated.map(asAgreement)),
        moderated,
      }
    },

    /** Records that a summary left the system (the XLSX export), in the audit trail. */
    async recordSummaryExport(context: RequestContext, round: AuditRound | null, format: string): Promise<void> {
      authorise(context, 'audits:manage')
      await audit.recordChildDataAccess(context, 'export', {
        type: 'case-audit-summary',
        id: round ? (round.kind === 'sample' ? round.sampleId : `${round.from}..${round.to}`) : 'all',
        details: { format },
      })
    },

    /**
     * The 20-day update (seed 003, Appendix 1 3.2) for a period (default: the 20 days to today): progress of the
     * audit programme and the thematic findings of the audits completed in the period. It quotes the auditors'
     * words about cases, so each view is a child-data access event.
     */
    async twentyDayUpdate(
      context: RequestContext,
      period: { from: string; to: string },
      access: 'view' | 'export' = 'view',
    ): Promise<TwentyDayUpdate> {
      authorise(context, 'audits:manage')
      authorise(context, 'child-data:read')
      if (access === 'export') authorise(context, 'child-data:export')
      const round = checkRound(period)
      if (round?.kind !== 'period') throw new ValidationError({ from: 'Enter the period of the update' })
      const { findings, moderated } = await completedAudits(db, context, round)
      const today = englandDate(clock())
      const assigned = await db
        .selectFrom('case_audit')
        .select(['status', 'due_on', 'submitted_on'])
        .where('organisation_id', '=', organisationOf(context))
        .where(eb =>
          eb.or([
            eb.and([eb('due_on', '>=', round.from), eb('due_on', '<=', round.to)]),
            eb('status', '=', 'assigned'),
          ]),
        )
        .execute()
      const open = assigned.filter(row => row.status === 'assigned')
      const progress = {
        due: assigned.filter(row => row.due_on >= round.from && row.due_on <= round.to).length,
        completed: findings.length,
        signedOff: (
          await db
            .selectFrom('case_audit')
            .select(eb => eb.fn.countAll<string>().as('count'))
            .where('organisation_id', '=', organisationOf(context))
            .where('status', '=', 'signed-off')
            .where('submitted_on', '>=', round.from)
            .where('submitted_on', '<=', round.to)
            .executeTakeFirstOrThrow()
        ).count,
        overdue: open.filter(row => countdown(today, row.due_on).status === 'overdue').length,
        inProgress: open.filter(row => countdown(today, row.due_on).status !== 'overdue').length,
      }
      const taxonomy = await readTaxonomy(db, organisationOf(context))
      await audit.recordChildDataAccess(context, access, {
        type: 'case-audit-twenty-day-update',
        id: `${round.from}..${round.to}`,
        details: { audits: findings.length },
      })
      return buildTwentyDayUpdate({
        period: { from: round.from, to: round.to },
        audits: findings,
        progress: { ...progress, signedOff: Number(progress.signedOff) },
        moderations: moderated.map(asAgreement),
        taxonomy,
      })
    },

    /**
     * One audit in full, for its DOCX export: the same visibility as viewing it (auditors only their own), plus the
     * right to export child data. The export is a `child-data.export` event.
     */
    async caseAuditForExport(context: RequestContext, auditId: string): Promise<CaseAuditRecord> {
      authorise(context, 'audits:perform')
      authorise(context, 'child-data:export')
      const row = isUuid(auditId)
        ? await db
            .selectFrom('case_audit')
            .leftJoin('app_user', join =>
              join
                .onRef('app_user.organisation_id', '=', 'case_audit.organisation_id')
                .onRef('app_user.user_id', '=', 'case_audit.auditor_user_id'),
            )
            .selectAll('case_audit')
            .select('app_user.display_name as auditor_name')
            .where('case_audit.organisation_id', '=', organisationOf(context))
            .where('case_audit.audit_id', '=', auditId)
            .executeTakeFirst()
        : undefined
      const seesAll = context.actor.kind === 'system' || can(context.actor.role, 'audits:manage')
      if (!row || (!seesAll && row.auditor_user_id !== actorUserId(context.actor)))
        throw new NotFoundError('No such audit')
      const template = await resolveTemplate(db, row.organisation_id, row.template_id, row.template_version)
      if (!template) throw new Error(`Audit template ${row.template_id} version ${row.template_version} is missing`)
      const moderation = await db
        .selectFrom('case_audit_moderation')
        .leftJoin('app_user', join =>
          join
            .onRef('app_user.organisation_id', '=', 'case_audit_moderation.organisation_id')
            .onRef('app_user.user_id', '=', 'case_audit_moderation.moderator_user_id'),
        )
        .selectAll('case_audit_moderation')
        .select('app_user.display_name as moderator_name')
        .where('case_audit_moderation.organisation_id', '=', organisationOf(context))
        .where('case_audit_moderation.audit_id', '=', auditId)
        .executeTakeFirst()
      const taxonomy = await readTaxonomy(db, organisationOf(context))
      await audit.recordChildDataAccess(context, 'export', {
        type: 'case-audit',
        id: auditId,
        details: { format: 'docx' },
      })
      return {
        auditId: row.audit_id,
        childId: row.child_id,
        team: row.team,
        template,
        status: row.status,
        auditor: row.auditor_name ?? 'A former user',
        assignedOn: row.assigned_on,
        dueOn: row.due_on,
        submittedOn: row.submitted_on,
        answers: row.answers as Answers,
        overallGrade: row.overall_grade,
        strengths: row.strengths,
        areasForImprovement: row.areas_for_improvement,
        actions: row.actions,
        themes: row.themes.map(id => ({ id, label: taxonomy.find(theme => theme.id === id)?.label ?? id })),
        safeguardingConcern: row.safeguarding_concern,
        concernManager: row.concern_manager,
        practitionerSignedOffBy: row.practitioner_signed_off_by,
        managerSignedOffBy: row.manager_signed_off_by,
        signedOffAt: row.signed_off_at,
        moderation: moderation
          ? {
              moderator: moderation.moderator_name ?? 'A former user',
              answers: moderation.answers as Answers,
              overallGrade: moderation.overall_grade,
              compared: moderation.questions_compared,
              agreed: moderation.questions_agreed,
              overallAgreed: moderation.overall_agreed,
              moderatedAt: moderation.moderated_at,
            }
          : null,
      }
    },
  }
}

export type AuditReportService = ReturnType<typeof createAuditReportService>
