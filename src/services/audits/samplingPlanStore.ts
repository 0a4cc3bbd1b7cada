import type { Db } from '../../db/connect.js'
import { findSamplingPlan, readCustomPlan, type SamplingPlan } from '../../domain/sampling/index.js'
import { authorise, type RequestContext } from '../context.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { AuditService, Executor } from '../platform/auditService.js'
import { EditConflictError } from '../workspace/errors.js'

const PLAN_ID = /^[a-z0-9][a-z0-9-]{0,62}$/
const MAX_PLANS = 200
/** Words the web pages use beside plan ids in their paths (/audits/sampling-plans/new): never a plan's id. */
const RESERVED_IDS = new Set(['new', 'import', 'columns'])

/** A custom plan the organisation stored, by id. */
export async function storedPlan(
  executor: Executor,
  organisationId: string,
  planId: string,
): Promise<SamplingPlan | undefined> {
  if (!PLAN_ID.test(planId)) return undefined
  const row = await executor
    .selectFrom('audit_sampling_plan')
    .select('plan')
    .where('organisation_id', '=', organisationId)
    .where('plan_id', '=', planId)
    .executeTakeFirst()
  return row ? (row.plan as SamplingPlan) : undefined
}

export interface StoredPlanSummary {
  planId: string
  label: string
  version: number
  updatedBy: string
  updatedAt: Date
  plan: SamplingPlan
}

/**
 * Custom sampling plans stored per organisation (strata with quotas, filters, balance by team or worker, exclusion
 * of recently audited cases), each checked by `readCustomPlan` before it is stored. Edits are optimistic: the
 * version read must still be the stored one.
 */
export function createSamplingPlanService({ db, audit }: { db: Db; audit: AuditService }) {
  const organisationOf = (context: RequestContext) => context.actor.organisationId

  /** Reads plan JSON (text or a parsed value); every problem is reported in one ValidationError on `plan`. */
  function check(value: unknown): SamplingPlan {
    let parsed = value
    if (typeof value === 'string') {
      try {
        parsed = JSON.parse(value)
      } catch (error) {
        throw new ValidationError({
          plan: `The plan is not valid JSON: ${error instanceof Error ? error.message.split('\n')[0] : 'unreadable'}`,
        })
      }
    }
    const result = readCustomPlan(parsed, 'custom plan (stored)')
    if (!result.plan) throw new ValidationError({ plan: result.problems.join('; ') })
    if (findSamplingPlan(result.plan.id))
      throw new ValidationError({ id: `id "${result.plan.id}" is a built-in plan; choose another id` })
    if (RESERVED_IDS.has(result.plan.id))
      throw new ValidationError({ id: `id "${result.plan.id}" is reserved; choose another id` })
    return result.plan
  }

  async function listPlans(context: RequestContext, planId?: string): Promise<StoredPlanSummary[]> {
    if (planId !== undefined && !PLAN_ID.test(planId)) return []
    let query = db.selectFrom('audit_sampling_plan').selectAll().where('organisation_id', '=', organisationOf(context))
    if (planId !== undefined) query = query.where('plan_id', '=', planId)
    const rows = await query.orderBy('label').execute()
    return rows.map(row => ({
      planId: row.plan_id,
      label: row.label,
      version: row.version,
      updatedBy: row.updated_by_label,
      updatedAt: row.updated_at,
      plan: row.plan as SamplingPlan,
    }))
  }

  return {
    async list(context: RequestContext): Promise<StoredPlanSummary[]> {
      authorise(context, 'audits:perform')
      return listPlans(context)
    },

    async get(context: RequestContext, planId: string): Promise<StoredPlanSummary> {
      authorise(context, 'audits:perform')
      const found = (await listPlans(context, planId))[0]
      if (!found) throw new NotFoundError('No such sampling plan')
      return found
    },

    /**
     * Stores a new plan (no `expectedVersion`) or replaces a stored one (with the version that was read). The id
     * inside the plan is its key; a new plan may not reuse a stored or built-in id.
     */
    async save(
      context: RequestContext,
      value: unknown,
      options: { expectedVersion?: number } = {},
    ): Promise<{ planId: string; version: number }> {
      authorise(context, 'audits:manage')
      const plan = check(value)
      return db.transaction().execute(async trx => {
        let version: number
        if (options.expectedVersion === undefined) {
          const count = await trx
            .selectFrom('audit_sampling_plan')
            .select(eb => eb.fn.countAll<string>().as('count'))
            .where('organisation_id', '=', organisationOf(context))
            .executeTakeFirstOrThrow()
          if (Number(count.count) >= MAX_PLANS)
            throw new ValidationError({ plan: `An organisation can store at most ${MAX_PLANS} plans` })
          const inserted = await trx
            .insertInto('audit_sampling_plan')
            .values({
              organisation_id: organisationOf(context),
              plan_id: plan.id,
              label: plan.label,
              plan: JSON.stringify(plan),
              updated_by_label: context.actor.label,
            })
            .onConflict(conflict => conflict.doNothing())
            .returning('version')
            .executeTakeFirst()
          if (!inserted) throw new ValidationError({ id: `There is already a stored plan with id "${plan.id}"` })
          version = inserted.version
        } else {
          const updated = await trx
            .updateTable('audit_sampling_plan')
            .set({
              label: plan.label,
              plan: JSON.stringify(plan),
              version: options.expectedVersion + 1,
              updated_by_label: context.actor.label,
              updated_at: new Date(),
            })
            .where('organisation_id', '=', organisationOf(context))
            .where('plan_id', '=', plan.id)
            .where('version', '=', options.expectedVersion)
            .returning('version')
            .executeTakeFirst()
          if (!updated) {
            const exists = await storedPlan(trx, organisationOf(context), plan.id)
            if (!exists) throw new NotFoundError('No such sampling plan')
            throw new EditConflictError('This sampling plan')
          }
          version = updated.version
        }
        await audit.record(trx, context, {
          action: options.expectedVersion === undefined ? 'sampling-plan.created' : 'sampling-plan.updated',
          subjectType: 'sampling-plan',
          subjectId: plan.id,
          details: { version, strata: plan.strata.length },
        })
        return { planId: plan.id, version }
      })
    },

    async remove(context: RequestContext, planId: string): Promise<void> {
      authorise(context, 'audits:manage')
      await db.transaction().execute(async trx => {
        const deleted = await trx
          .deleteFrom('audit_sampling_plan')
          .where('organisation_id', '=', organisationOf(context))
          .where('plan_id', '=', planId)
          .executeTakeFirst()
        if (Number(deleted.numDeletedRows) !== 1) throw new NotFoundError('No such sampling plan')
        await audit.record(trx, context, {
          action: 'sampling-plan.deleted',
          subjectType: 'sampling-plan',
          subjectId: planId,
        })
      })
    },
  }
}

export type SamplingPlanService = ReturnType<typeof createSamplingPlanService>
