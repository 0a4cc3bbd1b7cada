import { sql } from 'kysely'
import type { Db } from '../../db/connect.js'
import {
  checkThemeInput,
  defaultTaxonomy,
  newThemeId,
  TAXONOMY_LIMITS,
  type TaxonomyTheme,
} from '../../domain/audits/index.js'
import { authorise, type RequestContext } from '../context.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { AuditService, Executor } from '../platform/auditService.js'
import { EditConflictError } from '../workspace/errors.js'
import { readTaxonomy } from './templateStore.js'

/**
 * The organisation's theme taxonomy for audits: seed 004's themes to start, then theirs to edit. The first edit
 * copies the starting themes in (in the same transaction), so reading never writes.
 */
export function createTaxonomyService({ db, audit }: { db: Db; audit: AuditService }) {
  const organisationOf = (context: RequestContext) => context.actor.organisationId

  /** Copies seed 004's themes in when the organisation has none yet; the insert is idempotent under races. */
  async function materialise(executor: Executor, context: RequestContext): Promise<void> {
    const rows = defaultTaxonomy().map((theme, position) => ({
      organisation_id: organisationOf(context),
      theme_id: theme.id,
      position,
      label: theme.label,
      phrases: JSON.stringify(theme.phrases),
      source: theme.source,
      updated_by_label: context.actor.label,
    }))
    const existing = await executor
      .selectFrom('audit_theme')
      .select('theme_id')
      .where('organisation_id', '=', organisationOf(context))
      .limit(1)
      .execute()
    if (existing.length === 0)
      await executor
        .insertInto('audit_theme')
        .values(rows)
        .onConflict(conflict => conflict.doNothing())
        .execute()
  }

  async function lockTaxonomy(executor: Executor, context: RequestContext) {
    // One editor at a time per organisation: a transaction-scoped advisory lock keyed on the organisation.
    await sql`SELECT pg_advisory_xact_lock(hashtext(${`audit_theme:${organisationOf(context)}`}))`.execute(executor)
  }

  return {
    async list(context: RequestContext): Promise<TaxonomyTheme[]> {
      authorise(context, 'audits:perform')
      return readTaxonomy(db, organisationOf(context))
    },

    async add(context: RequestContext, input: { label: string; phrases: string }): Promise<TaxonomyTheme> {
      authorise(context, 'audits:manage')
      return db.transaction().execute(async trx => {
        await lockTaxonomy(trx, context)
        await materialise(trx, context)
        const taxonomy = await readTaxonomy(trx, organisationOf(context))
        if (taxonomy.length >= TAXONOMY_LIMITS.themes)
          throw new ValidationError({ label: `A taxonomy has at most ${TAXONOMY_LIMITS.themes} themes` })
        const checked = checkThemeInput(input, taxonomy)
        if (!checked.theme) throw new ValidationError(checked.errors)
        const id = newThemeId(
          checked.theme.label,
          taxonomy.map(theme => theme.id),
        )
        await trx
          .insertInto('audit_theme')
          .values({
            organisation_id: organisationOf(context),
            theme_id: id,
            position: taxonomy.length,
            label: checked.theme.label,
            phrases: JSON.stringify(checked.theme.phrases),
            source: `Added by ${context.actor.label}`.slice(0, 200),
            updated_by_label: context.actor.label,
          })
          .execute()
        await audit.record(trx, context, {
          action: 'audit-theme.added',
          subjectType: 'audit-theme',
          subjectId: id,
          details: { phrases: checked.theme.phrases.length },
        })
        return { id, ...checked.theme, source: '', retired: false, version: 1 }
      })
    },

    /** Renames a theme or changes its phrases, or retires or restores it; the version read must still be current. */
    async update(
      context: RequestContext,
      themeId: string,
      input: { expectedVersion: number; label?: string; phrases?: string; retired?: boolean },
    ): Promise<void> {
      authorise(context, 'audits:manage')
      await db.transaction().execute(async trx => {
        await lockTaxonomy(trx, context)
        await materialise(trx, context)
        const taxonomy = await readTaxonomy(trx, organisationOf(context))
        const theme = taxonomy.find(item => item.id === themeId)
        if (!theme) throw new NotFoundError('No such theme')
        if (theme.version !== input.expectedVersion) throw new EditConflictError('This theme')
        const changes: { label?: string; phrases?: string; retired?: boolean } = {}
        if (input.label !== undefined || input.phrases !== undefined) {
          const checked = checkThemeInput(
            { label: input.label ?? theme.label, phrases: input.phrases ?? theme.phrases.join('\n') },
            taxonomy.filter(item => item.id !== themeId),
          )
          if (!checked.theme) throw new ValidationError(checked.errors)
          changes.label = checked.theme.label
          changes.phrases = JSON.stringify(checked.theme.phrases)
        }
        if (input.retired !== undefined) changes.retired = input.retired
        await trx
          .updateTable('audit_theme')
          .set({
            ...changes,
            version: theme.version + 1,
            updated_by_label: context.actor.label,
            updated_at: new Date(),
          })
          .where('organisation_id', '=', organisationOf(context))
          .where('theme_id', '=', themeId)
          .execute()
        await audit.record(trx, context, {
          action:
            input.retired === true
              ? 'audit-theme.retired'
              : input.retired === false
                ? 'audit-theme.restored'
                : 'audit-theme.updated',
          subjectType: 'audit-theme',
          subjectId: themeId,
          details: { version: theme.version + 1 },
        })
      })
    },
  }
}

export type TaxonomyService = ReturnType<typeof createTaxonomyService>
