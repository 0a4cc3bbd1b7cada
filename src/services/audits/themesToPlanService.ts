import { sql } from 'kysely'
import type { Db } from '../../db/connect.js'
import {
  planItemsFromThemes,
  readThemeItemMarker,
  roundKey,
  themeItemMarker,
  type AuditRound,
  type ThemeFinding,
} from '../../domain/audits/index.js'
import { authorise, type RequestContext } from '../context.js'
import { ValidationError } from '../errors.js'
import type { AuditService, Executor } from '../platform/auditService.js'
import { requirePlanIn, type PlanService } from '../workspace/planService.js'
import type { AuditReportService } from './auditReportService.js'

export interface ThemeInPlan extends ThemeFinding {
  /** The plan item already made from this round and theme, if any. */
  itemId: string | null
}

/**
 * Themes and practice issues from audits turned into improvement-plan items (seed 003, Appendix 1 3.12) through
 * the workspace plan service, inside this service's transaction. Each item's source reference carries a marker naming the round and theme, which
 * links it back and makes the operation idempotent: running it again creates only what is missing.
 */
export function createThemesToPlanService({
  db,
  audit,
  plans,
  reports,
}: {
  db: Db
  audit: AuditService
  plans: PlanService
  reports: AuditReportService
}) {
  /**
   * The plan's items made from audit themes, keyed by their markers. Read through the caller's executor: inside
   * createItems that is its transaction, so the read sees what the lock protects and holds no second connection.
   */
  async function markersIn(executor: Executor, context: RequestContext, planId: string) {
    authorise(context, 'workspace:read')
    await requirePlanIn(executor, context, planId)
    const items = await executor
      .selectFrom('plan_item')
      .select(['item_id', 'source_reference'])
      .where('organisation_id', '=', context.actor.organisationId)
      .where('plan_id', '=', planId)
      .execute()
    const byMarker = new Map<string, string>()
    let auditItems = 0
    for (const item of items) {
      const found = readThemeItemMarker(item.source_reference)
      if (!found) continue
      auditItems += 1
      byMarker.set(themeItemMarker(found.round, found.themeId), item.item_id)
    }
    return { byMarker, auditItems }
  }

  return {
    /** The round's themes, each with the plan item already made from it (when a plan is chosen). */
    async preview(
      context: RequestContext,
      input: { round: AuditRound; planId?: string },
    ): Promise<{ audits: number; themes: ThemeInPlan[] }> {
      authorise(context, 'audits:manage')
      const summary = await reports.summary(context, input.round)
      const byMarker = input.planId ? (await markersIn(db, context, input.planId)).byMarker : new Map<string, string>()
      return {
        audits: summary.audits,
        themes: summary.themes.map(theme => ({
          ...theme,
          itemId: byMarker.get(themeItemMarker(input.round, theme.themeId)) ?? null,
        })),
      }
    },

    /**
     * Creates one plan item per chosen theme (all the round's themes by default) that the plan does not have yet.
     * The items, their links back (the markers in their source references), their `plan.item.added` events and the
     * round's own event are written in one transaction: if any item fails, none is added. Concurrent runs for the
     * same plan take turns (a transaction-scoped advisory lock), so none duplicates another.
     */
    async createItems(
      context: RequestContext,
      input: { round: AuditRound; planId: string; themeIds?: readonly string[] },
    ): Promise<{ created: { themeId: string; itemId: string }[]; skipped: string[] }> {
      authorise(context, 'audits:manage')
      authorise(context, 'workspace:edit')
      if (input.themeIds && input.themeIds.length === 0)
        throw new ValidationError({ themeIds: 'Select at least one theme' })
      const summary = await reports.summary(context, input.round)
      const known = new Set(summary.themes.map(theme => theme.themeId))
      const unknown = (input.themeIds ?? []).filter(id => !known.has(id))
      if (unknown.length > 0)
        throw new ValidationError({
          themeIds: `No audit in this round is tagged ${unknown.map(id => `"${id}"`).join(', ')}`,
        })
      if (summary.themes.length === 0)
        throw new ValidationError({ themeIds: 'No completed audit in this round has a theme yet' })
      return db.transaction().execute(async trx => {
        await sql`SELECT pg_advisory_xact_lock(hashtext(${`themes-to-plan:${context.actor.organisationId}:${input.planId}`}))`.execute(
          trx,
        )
        const { byMarker, auditItems } = await markersIn(trx, context, input.planId)
        const { drafts, skipped } = planItemsFromThemes({
          round: input.round,
          findings: summary.themes,
          totalAudits: summary.audits,
          ...(input.themeIds ? { themeIds: input.themeIds } : {}),
          existingMarkers: [...byMarker.keys()],
          firstRef: auditItems + 1,
        })
        const created: { themeId: string; itemId: string }[] = []
        for (const draft of drafts) {
          const { itemId } = await plans.addItemInTransaction(trx, context, input.planId, {
            sectionTitle: draft.sectionTitle,
            ref: draft.ref,
            issue: draft.issue,
            action: draft.action,
            leadOfficer: '',
            milestoneDate: null,
            targetDate: null,
            sourceReference: draft.sourceReference,
          })
          created.push({ themeId: draft.themeId, itemId })
        }
        await audit.record(trx, context, {
          action: 'case-audit.themes-to-plan',
          subjectType: 'plan',
          subjectId: input.planId,
          details: { round: roundKey(input.round), created: created.length, skipped: skipped.length },
        })
        return { created, skipped }
      })
    },
  }
}

export type ThemesToPlanService = ReturnType<typeof createThemesToPlanService>
