import type { Db } from '../../db/connect.js'
import {
  activeThemeRules,
  checkThemeRule,
  effectiveThemeRules,
  memoisedSentences,
  phrasesFromText,
  previewThemeRule,
  type EffectiveThemeRule,
  type RulePreview,
  type ThemeRule,
} from '../../domain/intelligence/index.js'
import { authorise, type RequestContext } from '../context.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { AuditService } from '../platform/auditService.js'
import { EditConflictError } from '../workspace/errors.js'

export interface ThemeRuleInput {
  themeId: string
  label: string
  /** One phrase a line. */
  phrases: string
  enabled: boolean
  /** The version the person saw: 0 for a built-in rule never edited, or a new theme. */
  version: number
}

/** Theme phrase rules per organisation: seeded from seed 004's rules, edited with optimistic locking, audited. */
export function createThemeRuleService({ db, audit }: { db: Db; audit: AuditService }) {
  async function storedRules(organisationId: string) {
    const rows = await db
      .selectFrom('intelligence_theme_rule')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('theme_id')
      .execute()
    return rows.map(row => ({
      id: row.theme_id,
      label: row.label,
      phrases: row.phrases,
      enabled: row.enabled,
      source: row.source,
      version: row.version,
    }))
  }

  async function rules(context: RequestContext): Promise<EffectiveThemeRule[]> {
    authorise(context, 'workspace:read')
    return effectiveThemeRules(await storedRules(context.actor.organisationId))
  }

  /** Recommendations of every stored report, for previews. */
  async function reportRecommendations(context: RequestContext) {
    const rows = await db
      .selectFrom('intelligence_report')
      .select(['source_name', 'authority', 'publication_date', 'recommendations'])
      .where('organisation_id', '=', context.actor.organisationId)
      .execute()
    return rows.map(row => ({
      report: `${row.authority ?? row.source_name} (${row.publication_date ?? 'undated'})`,
      recommendations: row.recommendations,
    }))
  }

  function parse(input: ThemeRuleInput): { rule: Omit<ThemeRule, 'source'>; errors: Record<string, string> } {
    const rule = {
      id: input.themeId.trim(),
      label: input.label.replace(/\s+/g, ' ').trim(),
      phrases: phrasesFromText(input.phrases),
    }
    return { rule, errors: checkThemeRule(rule) }
  }

  return {
    rules,

    /** The rules the themes analysis uses for this organisation. */
    async activeRules(context: RequestContext): Promise<ThemeRule[]> {
      return activeThemeRules(await rules(context))
    },

    async rule(context: RequestContext, themeId: string): Promise<EffectiveThemeRule> {
      const found = (await rules(context)).find(rule => rule.id === themeId)
      if (!found) throw new NotFoundError(`No theme ${themeId.slice(0, 60)}`)
      return found
    },

    /** How many stored reports and recommendations the proposed rule matches; nothing is saved. */
    async preview(context: RequestContext, input: ThemeRuleInput): Promise<RulePreview> {
      authorise(context, 'workspace:read')
      const { rule, errors } = parse(input)
      const phraseErrors = Object.fromEntries(Object.entries(errors).filter(([field]) => field !== 'themeId'))
      if (Object.keys(phraseErrors).length > 0) throw new ValidationError(phraseErrors)
      return previewThemeRule(rule, await reportRecommendations(context))
    },

    /** Match counts of every current rule, for the list page. */
    async previewAll(context: RequestContext): Promise<Map<string, RulePreview>> {
      const reports = await reportRecommendations(context)
      const split = memoisedSentences()
      return new Map((await rules(context)).map(rule => [rule.id, previewThemeRule(rule, reports, 0, split)]))
    },

    async save(context: RequestContext, input: ThemeRuleInput): Promise<EffectiveThemeRule> {
      authorise(context, 'workspace:edit')
      const { rule, errors } = parse(input)
      if (Object.keys(errors).length > 0) throw new ValidationError(errors)
      const organisationId = context.actor.organisationId
      const builtIn = effectiveThemeRules([]).find(candidate => candidate.id === rule.id)
      await db.transaction().execute(async trx => {
        const fields = {
          label: rule.label,
          phrases: JSON.stringify(rule.phrases),
          enabled: input.enabled,
          updated_by_label: context.actor.label,
          updated_at: new Date(),
        }
        let version: number
        if (input.version === 0) {
          const inserted = await trx
            .insertInto('intelligence_theme_rule')
            .values({
              organisation_id: organisationId,
              theme_id: rule.id,
              source: builtIn ? `${builtIn.source}, edited` : 'local rule',
              ...fields,
            })
            .onConflict(conflict => conflict.columns(['organisation_id', 'theme_id']).doNothing())
            .returning('version')
            .executeTakeFirst()
          if (!inserted)
            throw builtIn
              ? new EditConflictError(`The theme "${rule.label}"`)
              : new ValidationError({ themeId: `There is already a theme with the id ${rule.id}: choose another` })
          version = inserted.version
        } else {
          const updated = await trx
            .updateTable('intelligence_theme_rule')
            .set({ ...fields, version: input.version + 1 })
            .where('organisation_id', '=', organisationId)
            .where('theme_id', '=', rule.id)
            .where('version', '=', input.version)
            .executeTakeFirst()
          if (Number(updated.numUpdatedRows) !== 1) throw new EditConflictError(`The theme "${rule.label}"`)
          version = input.version + 1
        }
        await audit.record(trx, context, {
          action: 'intelligence.theme-rule-saved',
          subjectType: 'intelligence-theme-rule',
          subjectId: rule.id,
          details: { phrases: rule.phrases.length, enabled: input.enabled, version },
        })
      })
      return (await rules(context)).find(candidate => candidate.id === rule.id)!
    },
  }
}

export type ThemeRuleService = ReturnType<typeof createThemeRuleService>
