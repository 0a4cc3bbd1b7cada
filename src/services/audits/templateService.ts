import type { Db } from '../../db/connect.js'
import {
  copyTemplate,
  isBuiltInTemplateId,
  readCustomTemplate,
  reviseTemplate,
  type AuditTemplate,
  type TemplateResult,
} from '../../domain/audits/index.js'
import { authorise, type RequestContext } from '../context.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { AuditService, Executor } from '../platform/auditService.js'
import { EditConflictError } from '../workspace/errors.js'
import { latestTemplates, resolveTemplate } from './templateStore.js'

const MAX_CUSTOM_TEMPLATES = 100

export interface TemplateVersionSummary {
  version: number
  label: string
  changeNote: string
  createdBy: string
  createdAt: Date
}

/**
 * Audit templates: the built-in ones and an organisation's own, versioned. A new version is a copy of the latest
 * with edits; audits keep the version they were started with, so editing a template never changes an audit.
 */
export function createTemplateService({ db, audit }: { db: Db; audit: AuditService }) {
  const organisationOf = (context: RequestContext) => context.actor.organisationId

  function orThrow(result: TemplateResult): AuditTemplate {
    if (!result.template) throw new ValidationError({ template: result.problems.join('; ') })
    return result.template
  }

  async function insert(
    executor: Executor,
    context: RequestContext,
    template: AuditTemplate,
    changeNote: string,
  ): Promise<boolean> {
    const inserted = await executor
      .insertInto('audit_template')
      .values({
        organisation_id: organisationOf(context),
        template_id: template.id,
        version: template.version,
        label: template.label,
        source: template.source,
        sections: JSON.stringify(template.sections),
        change_note: changeNote.slice(0, 1000),
        created_by_label: context.actor.label,
      })
      .onConflict(conflict => conflict.doNothing())
      .returning('version')
      .executeTakeFirst()
    return inserted !== undefined
  }

  async function create(context: RequestContext, template: AuditTemplate): Promise<AuditTemplate> {
    await db.transaction().execute(async trx => {
      const count = await trx
        .selectFrom('audit_template')
        .select(eb => eb.fn.count<string>('template_id').distinct().as('count'))
        .where('organisation_id', '=', organisationOf(context))
        .executeTakeFirstOrThrow()
      if (Number(count.count) >= MAX_CUSTOM_TEMPLATES)
        throw new ValidationError({ template: `An organisation can have at most ${MAX_CUSTOM_TEMPLATES} templates` })
      const exists = await trx
        .selectFrom('audit_template')
        .select('template_id')
        .where('organisation_id', '=', organisationOf(context))
        .where('template_id', '=', template.id)
        .executeTakeFirst()
      if (exists || !(await insert(trx, context, template, 'First version')))
        throw new ValidationError({ id: `There is already a template with id "${template.id}"` })
      await audit.record(trx, context, {
        action: 'audit-template.created',
        subjectType: 'audit-template',
        subjectId: template.id,
        details: { version: 1, questions: template.sections.flatMap(section => section.questions).length },
      })
    })
    return template
  }

  const service = {
    /** Built-in templates and the latest version of each custom one. */
    async list(context: RequestContext): Promise<AuditTemplate[]> {
      authorise(context, 'audits:perform')
      return latestTemplates(db, organisationOf(context))
    },

    /** A template: the given version, or the latest. */
    async get(context: RequestContext, templateId: string, version?: number): Promise<AuditTemplate> {
      authorise(context, 'audits:perform')
      const template = await resolveTemplate(db, organisationOf(context), templateId, version)
      if (!template) throw new NotFoundError('No such audit template')
      return template
    },

    async versions(context: RequestContext, templateId: string): Promise<TemplateVersionSummary[]> {
      authorise(context, 'audits:perform')
      const rows = await db
        .selectFrom('audit_template')
        .select(['version', 'label', 'change_note', 'created_by_label', 'created_at'])
        .where('organisation_id', '=', organisationOf(context))
        .where('template_id', '=', templateId)
        .orderBy('version', 'desc')
        .execute()
      return rows.map(row => ({
        version: row.version,
        label: row.label,
        changeNote: row.change_note,
        createdBy: row.created_by_label,
        createdAt: row.created_at,
      }))
    },

    /** Version 1 of a new custom template, from JSON (see docs/audits.md). */
    async create(context: RequestContext, value: unknown): Promise<AuditTemplate> {
      authorise(context, 'audits:manage')
      return create(context, orThrow(readCustomTemplate(value)))
    },

    /**
     * A whole template from JSON (the web's import): version 1 of a new template, or, when the organisation already
     * has a template with that id, its next version on top of the latest. Every problem is reported, as
     * `problems`, before anything is stored; a save racing another on the same template gets an EditConflictError.
     */
    async importJson(
      context: RequestContext,
      value: unknown,
      options: { changeNote?: string } = {},
    ): Promise<{ template: AuditTemplate; created: boolean }> {
      authorise(context, 'audits:manage')
      const checked = readCustomTemplate(value)
      if (!checked.template)
        throw new ValidationError(
          Object.fromEntries(
            checked.problems.map((problem, index) => [index === 0 ? 'template' : `template-${index}`, problem]),
          ),
        )
      const latest = await resolveTemplate(db, organisationOf(context), checked.template.id)
      if (!latest) return { template: await create(context, checked.template), created: true }
      const { label, source, sections } = checked.template
      const template = await service.revise(context, latest.id, {
        expectedVersion: latest.version,
        label,
        source,
        sections,
        changeNote: options.changeNote?.trim() || 'Imported from JSON',
      })
      return { template, created: false }
    },

    /** Version 1 of a new custom template copied from any template, a built-in one included. */
    async copy(context: RequestContext, input: { fromId: string; id: string; label: string }): Promise<AuditTemplate> {
      authorise(context, 'audits:manage')
      const from = await resolveTemplate(db, organisationOf(context), input.fromId)
      if (!from) throw new NotFoundError('No such audit template')
      return create(context, orThrow(copyTemplate(from, input.id.trim(), input.label.trim())))
    },

    /**
     * A new version: the latest with the edits applied. `expectedVersion` is the version the editor read; if someone
     * has saved another since, nothing is saved and an EditConflictError says so.
     */
    async revise(
      context: RequestContext,
      templateId: string,
      input: {
        expectedVersion: number
        label?: string
        source?: string
        sections?: readonly unknown[]
        changeNote?: string
      },
    ): Promise<AuditTemplate> {
      authorise(context, 'audits:manage')
      return db.transaction().execute(async trx => {
        const latest = await resolveTemplate(trx, organisationOf(context), templateId)
        if (!latest || isBuiltInTemplateId(templateId)) throw new NotFoundError('No such custom audit template')
        if (latest.version !== input.expectedVersion) throw new EditConflictError('This template')
        const next = orThrow(reviseTemplate(latest, input))
        // Two saves of the same version race on the primary key; the loser is told, not overwritten.
        if (!(await insert(trx, context, next, input.changeNote ?? ''))) throw new EditConflictError('This template')
        await audit.record(trx, context, {
          action: 'audit-template.revised',
          subjectType: 'audit-template',
          subjectId: templateId,
          details: { version: next.version },
        })
        return next
      })
    },
  }
  return service
}

export type TemplateService = ReturnType<typeof createTemplateService>
