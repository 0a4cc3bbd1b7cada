import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { Db } from '../../db/connect.js'
import {
  computeRag,
  effectiveRag,
  isIsoDate,
  notUpdatedThisMonthByLead,
  overdueByLead,
  PROGRESS_STATUSES,
  RAG_VALUES,
  summariseRag,
  type PlanImportResult,
  type ProgressStatus,
  type Rag,
  type RagRules,
} from '../../domain/workspace/index.js'
import { authorise, type RequestContext } from '../context.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { AuditService, Executor } from '../platform/auditService.js'
import { EditConflictError } from './errors.js'
import {
  PLAN_KINDS,
  type LatestUpdate,
  type PlanItemView,
  type PlanKind,
  type PlanSectionView,
  type PlanSummary,
  type PlanUpdateView,
  type PlanView,
} from './planTypes.js'
import { londonDate } from './today.js'

const INSERT_BATCH = 500

const isoDate = (message: string) => z.string().refine(isIsoDate, message)
const text = (max: number, message: string) => z.string().trim().max(max, message)

export const newPlanSchema = z.object({
  title: text(200, 'Plan title must be 200 characters or fewer').min(1, 'Enter a title for the plan'),
  kind: z.enum(PLAN_KINDS, { message: 'Select the kind of plan' }),
})

export const planUpdateSchema = z.object({
  expectedVersion: z.coerce.number().int().min(1),
  date: isoDate('Enter the date of the update as a real date'),
  status: z.enum(PROGRESS_STATUSES, { message: 'Select the progress status' }),
  note: text(4000, 'Update must be 4,000 characters or fewer').min(1, 'Describe the progress made'),
})

export const ragOverrideSchema = z.discriminatedUnion('action', [
  z.object({
    action: z.literal('set'),
    expectedVersion: z.coerce.number().int().min(1),
    rag: z.enum(RAG_VALUES, { message: 'Select the RAG rating to show' }),
    reason: text(1000, 'Reason must be 1,000 characters or fewer').min(
      5,
      'Give the reason for overriding the computed RAG',
    ),
  }),
  z.object({ action: z.literal('clear'), expectedVersion: z.coerce.number().int().min(1) }),
])

export const newItemSchema = z.object({
  sectionTitle: text(500, 'Section title must be 500 characters or fewer').min(1, 'Enter a section'),
  ref: text(40, 'Ref must be 40 characters or fewer'),
  issue: text(4000, 'Issue must be 4,000 characters or fewer'),
  action: text(4000, 'Action must be 4,000 characters or fewer').min(1, 'Enter the action'),
  leadOfficer: text(200, 'Lead officer must be 200 characters or fewer'),
  milestoneDate: isoDate('Enter the milestone date as a real date').nullable(),
  targetDate: isoDate('Enter the completion date as a real date').nullable(),
  sourceReference: text(500, 'Source reference must be 500 characters or fewer'),
  area: text(200, 'Area of responsibility must be 200 characters or fewer').default(''),
  leadManager: text(200, 'Lead manager must be 200 characters or fewer').default(''),
})
export type NewItemInput = z.input<typeof newItemSchema>

/** An action's own fields, as edited on its page; the version is the optimistic lock. */
export const editItemSchema = z.object({
  expectedVersion: z.coerce.number().int().min(1),
  ref: text(40, 'Ref must be 40 characters or fewer'),
  issue: text(4000, 'Issue must be 4,000 characters or fewer'),
  area: text(200, 'Area of responsibility must be 200 characters or fewer'),
  leadManager: text(200, 'Lead manager must be 200 characters or fewer'),
  leadOfficer: text(200, 'Lead officer must be 200 characters or fewer'),
  action: text(4000, 'Action must be 4,000 characters or fewer').min(1, 'Enter the action'),
  milestoneDate: isoDate('Enter the milestone date as a real date').nullable(),
  targetDate: isoDate('Enter the completion date as a real date').nullable(),
})
export type EditItemInput = z.input<typeof editItemSchema>

function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const errors: Record<string, string> = {}
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message
  throw new ValidationError(errors)
}

type ItemRow = {
  item_id: string
  plan_id: string
  section_id: string
  ref: string
  issue: string
  area: string
  lead_manager: string
  lead_officer: string
  action: string
  milestone_date: string | null
  target_date: string | null
  status: string
  completed_on: string | null
  rag_override: string | null
  rag_override_reason: string | null
  rag_override_by: string | null
  last_updated_on: string
  source_reference: string
  version: number
}

const ITEM_COLUMNS = [
  'item_id',
  'plan_id',
  'section_id',
  'ref',
  'issue',
  'area',
  'lead_manager',
  'lead_officer',
  'action',
  'milestone_date',
  'target_date',
  'status',
  'completed_on',
  'rag_override',
  'rag_override_reason',
  'rag_override_by',
  'last_updated_on',
  'source_reference',
  'version',
] as const

export interface PlanServicePorts {
  db: Db
  audit: AuditService
  clock: () => Date
  ragRules?: RagRules
}

export function createPlanService({ db, audit, clock, ragRules }: PlanServicePorts) {
  const today = () => londonDate(clock())

  function toItemView(row: ItemRow, on: string): PlanItemView {
    const status = row.status as ProgressStatus
    const computed = computeRag(
      { status, milestoneDate: row.milestone_date, targetDate: row.target_date, lastUpdatedOn: row.last_updated_on },
      on,
      ragRules,
    )
    const override = row.rag_override
      ? { rag: row.rag_override as Rag, reason: row.rag_override_reason ?? '', by: row.rag_override_by ?? '' }
      : null
    return {
      itemId: row.item_id,
      planId: row.plan_id,
      sectionId: row.section_id,
      ref: row.ref,
      issue: row.issue,
      area: row.area,
      leadManager: row.lead_manager,
      leadOfficer: row.lead_officer,
      action: row.action,
      milestoneDate: row.milestone_date,
      targetDate: row.target_date,
      status,
      completedOn: row.completed_on,
      lastUpdatedOn: row.last_updated_on,
      sourceReference: row.source_reference,
      computedRag: computed.rag,
      ragReasons: computed.reasons,
      override,
      rag: effectiveRag(computed.rag, override),
      version: row.version,
    }
  }

  async function itemsOf(organisationId: string, planId?: string): Promise<ItemRow[]> {
    let query = db.selectFrom('plan_item').select(ITEM_COLUMNS).where('organisation_id', '=', organisationId)
    if (planId) query = query.where('plan_id', '=', planId)
    return query.orderBy('position').execute() as Promise<ItemRow[]>
  }

  async function findItemRow(context: RequestContext, itemId: string): Promise<ItemRow> {
    if (!z.string().uuid().safeParse(itemId).success) throw new NotFoundError('No such plan item')
    const row = await db
      .selectFrom('plan_item')
      .select(ITEM_COLUMNS)
      .where('organisation_id', '=', context.actor.organisationId)
      .where('item_id', '=', itemId)
      .executeTakeFirst()
    if (!row) throw new NotFoundError('No such plan item')
    return row as ItemRow
  }

  async function planRow(context: RequestContext, planId: string) {
    if (!z.string().uuid().safeParse(planId).success) throw new NotFoundError('No such plan')
    const plan = await db
      .selectFrom('plan')
      .selectAll()
      .where('organisation_id', '=', context.actor.organisationId)
      .where('plan_id', '=', planId)
      .executeTakeFirst()
    if (!plan) throw new NotFoundError('No such plan')
    return plan
  }

  /** Bumps the optimistic lock; no row changed means someone else saved first. */
  async function bumpVersion(
    executor: Executor,
    context: RequestContext,
    itemId: string,
    expectedVersion: number,
    changes: Partial<ItemRow>,
  ) {
    const result = await executor
      .updateTable('plan_item')
      .set({ ...changes, version: expectedVersion + 1 })
      .where('organisation_id', '=', context.actor.organisationId)
      .where('item_id', '=', itemId)
      .where('version', '=', expectedVersion)
      .executeTakeFirst()
    if (Number(result.numUpdatedRows) !== 1) throw new EditConflictError('This action')
  }

  /** Multi-row inserts, bounded so PostgreSQL's parameter limit is never reached. */
  async function insertInBatches<T>(rows: T[], insert: (batch: T[]) => Promise<unknown>) {
    for (let start = 0; start < rows.length; start += INSERT_BATCH)
      await insert(rows.slice(start, start + INSERT_BATCH))
  }

  /** Adds one item (and its section, if new) with its audit event, in the given transaction. */
  async function insertItem(
    trx: Executor,
    context: RequestContext,
    planId: string,
    item: z.output<typeof newItemSchema>,
  ): Promise<{ itemId: string }> {
    const organisationId = context.actor.organisationId
    const itemId = randomUUID()
    let section = await trx
      .selectFrom('plan_section')
      .select('section_id')
      .where('organisation_id', '=', organisationId)
      .where('plan_id', '=', planId)
      .where('title', '=', item.sectionTitle)
      .executeTakeFirst()
    if (!section) {
      const next = await trx
        .selectFrom('plan_section')
        .select(eb => eb.fn.countAll<number>().as('count'))
        .where('organisation_id', '=', organisationId)
        .where('plan_id', '=', planId)
        .executeTakeFirstOrThrow()
      section = { section_id: randomUUID() }
      await trx
        .insertInto('plan_section')
        .values({
          organisation_id: organisationId,
          plan_id: planId,
          section_id: section.section_id,
          position: Number(next.count),
          ref: '',
          title: item.sectionTitle,
          source_reference: '',
        })
        .execute()
    }
    const last = await trx
      .selectFrom('plan_item')
      .select(eb => eb.fn.max<number>('position').as('max'))
      .where('organisation_id', '=', organisationId)
      .where('plan_id', '=', planId)
      .executeTakeFirst()
    await trx
      .insertInto('plan_item')
      .values({
        organisation_id: organisationId,
        item_id: itemId,
        plan_id: planId,
        section_id: section.section_id,
        position: (last?.max ?? -1) + 1,
        ref: item.ref,
        issue: item.issue,
        area: item.area,
        lead_manager: item.leadManager,
        lead_officer: item.leadOfficer,
        action: item.action,
        milestone_date: item.milestoneDate,
        target_date: item.targetDate,
        status: 'not-started',
        last_updated_on: today(),
        source_reference: item.sourceReference,
      })
      .execute()
    await audit.record(trx, context, {
      action: 'plan.item.added',
      subjectType: 'plan-item',
      subjectId: itemId,
      details: { planId },
    })
    return { itemId }
  }

  return {
    today,

    async list(context: RequestContext): Promise<PlanSummary[]> {
      authorise(context, 'workspace:read')
      const organisationId = context.actor.organisationId
      const plans = await db
        .selectFrom('plan')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .orderBy('created_at', 'desc')
        .execute()
      const on = today()
      const items = await itemsOf(organisationId)
      return plans.map(plan => {
        const views = items.filter(item => item.plan_id === plan.plan_id).map(item => toItemView(item, on))
        return {
          planId: plan.plan_id,
          title: plan.title,
          kind: plan.kind as PlanKind,
          sourceName: plan.source_name,
          createdAt: plan.created_at,
          rag: summariseRag(views.map(view => view.rag)),
          items: views.length,
        }
      })
    },

    async get(context: RequestContext, planId: string): Promise<PlanView> {
      authorise(context, 'workspace:read')
      const plan = await planRow(context, planId)
      const sections = await db
        .selectFrom('plan_section')
        .selectAll()
        .where('organisation_id', '=', context.actor.organisationId)
        .where('plan_id', '=', planId)
        .orderBy('position')
        .execute()
      const on = today()
      const items = (await itemsOf(context.actor.organisationId, planId)).map(item => toItemView(item, on))
      const sectionViews: PlanSectionView[] = sections.map(section => ({
        sectionId: section.section_id,
        ref: section.ref,
        title: section.title,
        sourceReference: section.source_reference,
        items: items.filter(item => item.sectionId === section.section_id),
      }))
      return {
        planId: plan.plan_id,
        title: plan.title,
        kind: plan.kind as PlanKind,
        sourceName: plan.source_name,
        createdAt: plan.created_at,
        rag: summariseRag(items.map(item => item.rag)),
        items: items.length,
        sections: sectionViews,
        today: on,
      }
    },

    async create(
      context: RequestContext,
      input: z.input<typeof newPlanSchema>,
    ): Promise<{ planId: string; title: string }> {
      authorise(context, 'workspace:edit')
      const { title, kind } = parseOrThrow(newPlanSchema, input)
      const planId = randomUUID()
      await db.transaction().execute(async trx => {
        await trx
          .insertInto('plan')
          .values({
            organisation_id: context.actor.organisationId,
            plan_id: planId,
            title,
            kind,
            created_by_label: context.actor.label,
          })
          .execute()
        await audit.record(trx, context, {
          action: 'plan.created',
          subjectType: 'plan',
          subjectId: planId,
          details: { kind },
        })
      })
      return { planId, title }
    },

    /** Stores an interpreted import in one transaction: all of it, or nothing. */
    async saveImport(
      context: RequestContext,
      input: { title: string; kind: PlanKind; sourceName: string; imported: PlanImportResult },
    ) {
      authorise(context, 'workspace:edit')
      const { title, kind } = parseOrThrow(newPlanSchema, { title: input.title, kind: input.kind })
      const organisationId = context.actor.organisationId
      const planId = randomUUID()
      const on = today()
      const sections = input.imported.sections.map((section, position) => ({
        ...section,
        sectionId: randomUUID(),
        position,
      }))
      const items = sections.flatMap(section => section.items.map(item => ({ item, section })))
      const itemRows = items.map(({ item, section }, position) => ({
        organisation_id: organisationId,
        item_id: randomUUID(),
        plan_id: planId,
        section_id: section.sectionId,
        position,
        ref: item.ref,
        issue: item.issue,
        area: item.area,
        lead_manager: item.leadManager,
        lead_officer: item.leadOfficer,
        action: item.action,
        milestone_date: item.milestoneDate,
        target_date: item.targetDate,
        status: item.status,
        completed_on: null,
        rag_override: item.ragOverride,
        rag_override_reason: item.ragOverride ? 'RAG given in the imported plan' : null,
        rag_override_by: item.ragOverride ? context.actor.label : null,
        // The source's progress column is its latest update, as at the day of import.
        last_updated_on: on,
        source_reference: section.sourceReference,
      }))
      await db.transaction().execute(async trx => {
        await trx
          .insertInto('plan')
          .values({
            organisation_id: organisationId,
            plan_id: planId,
            title,
            kind,
            source_name: input.sourceName.slice(0, 200),
            created_by_label: context.actor.label,
          })
          .execute()
        if (sections.length > 0)
          await trx
            .insertInto('plan_section')
            .values(
              sections.map(section => ({
                organisation_id: organisationId,
                plan_id: planId,
                section_id: section.sectionId,
                position: section.position,
                ref: section.ref,
                title: section.title,
                source_reference: section.sourceReference,
              })),
            )
            .execute()
        await insertInBatches(itemRows, batch => trx.insertInto('plan_item').values(batch).execute())
        const updates = items
          .map(({ item }, index) => ({ item, row: itemRows[index]! }))
          .filter(({ item }) => item.progressText !== '')
          .map(({ item, row }) => ({
            organisation_id: organisationId,
            update_id: randomUUID(),
            item_id: row.item_id,
            update_date: on,
            status: item.status,
            note: item.progressText,
            recorded_by_label: `${context.actor.label} (imported)`,
          }))
        await insertInBatches(updates, batch => trx.insertInto('plan_update').values(batch).execute())
        await audit.record(trx, context, {
          action: 'plan.imported',
          subjectType: 'plan',
          subjectId: planId,
          details: { sections: sections.length, items: itemRows.length, warnings: input.imported.warnings.length },
        })
      })
      const rag = summariseRag(itemRows.map(row => toItemView({ ...row, version: 1 }, on).rag))
      return {
        plan: { id: planId, title },
        sections: sections.length,
        items: itemRows.length,
        rag,
        warnings: input.imported.warnings,
      }
    },

    async addItem(context: RequestContext, planId: string, input: NewItemInput): Promise<{ itemId: string }> {
      authorise(context, 'workspace:edit')
      await planRow(context, planId)
      const item = parseOrThrow(newItemSchema, input)
      return db.transaction().execute(trx => insertItem(trx, context, planId, item))
    },

    /**
     * addItem inside the caller's transaction, so several items and the caller's own records commit together or
     * not at all (themes into the plan). The plan is looked up in that transaction too.
     */
    async addItemInTransaction(
      trx: Executor,
      context: RequestContext,
      planId: string,
      input: NewItemInput,
    ): Promise<{ itemId: string }> {
      authorise(context, 'workspace:edit')
      await requirePlanIn(trx, context, planId)
      return insertItem(trx, context, planId, parseOrThrow(newItemSchema, input))
    },

    async getItem(
      context: RequestContext,
      itemId: string,
    ): Promise<{ item: PlanItemView; planTitle: string; updates: PlanUpdateView[] }> {
      authorise(context, 'workspace:read')
      const row = await findItemRow(context, itemId)
      const plan = await planRow(context, row.plan_id)
      const updates = await db
        .selectFrom('plan_update')
        .selectAll()
        .where('organisation_id', '=', context.actor.organisationId)
        .where('item_id', '=', itemId)
        .orderBy('update_date', 'desc')
        .orderBy('recorded_at', 'desc')
        .execute()
      return {
        item: toItemView(row, today()),
        planTitle: plan.title,
        updates: updates.map(update => ({
          updateId: update.update_id,
          date: update.update_date,
          status: update.status as ProgressStatus,
          note: update.note,
          recordedBy: update.recorded_by_label,
          recordedAt: update.recorded_at,
        })),
      }
    },

    /** Changes an action's own fields. Refused, never applied, when someone else saved it first. */
    async editItem(context: RequestContext, itemId: string, input: EditItemInput): Promise<{ changed: string[] }> {
      authorise(context, 'workspace:edit')
      const edit = parseOrThrow(editItemSchema, input)
      const row = await findItemRow(context, itemId)
      const next = {
        ref: edit.ref,
        issue: edit.issue,
        area: edit.area,
        lead_manager: edit.leadManager,
        lead_officer: edit.leadOfficer,
        action: edit.action,
        milestone_date: edit.milestoneDate,
        target_date: edit.targetDate,
      }
      const changed = (Object.keys(next) as (keyof typeof next)[]).filter(key => row[key] !== next[key])
      if (changed.length === 0) {
        if (row.version !== edit.expectedVersion) throw new EditConflictError('This action')
        return { changed }
      }
      await db.transaction().execute(async trx => {
        await bumpVersion(trx, context, itemId, edit.expectedVersion, next)
        // Field names only: the values are in the plan, and may name people.
        await audit.record(trx, context, {
          action: 'plan.item.edited',
          subjectType: 'plan-item',
          subjectId: itemId,
          details: { planId: row.plan_id, changed },
        })
      })
      return { changed }
    },

    /** A dated progress update; it sets the item's status and, when later than the last, its last-updated date. */
    async recordUpdate(
      context: RequestContext,
      itemId: string,
      input: z.input<typeof planUpdateSchema>,
    ): Promise<void> {
      authorise(context, 'workspace:edit')
      const update = parseOrThrow(planUpdateSchema, input)
      if (update.date > today())
        throw new ValidationError({ date: 'The date of the update must be today or in the past' })
      const row = await findItemRow(context, itemId)
      await db.transaction().execute(async trx => {
        await bumpVersion(trx, context, itemId, update.expectedVersion, {
          status: update.status,
          last_updated_on: update.date > row.last_updated_on ? update.date : row.last_updated_on,
          completed_on: update.status === 'complete' ? update.date : null,
        })
        await trx
          .insertInto('plan_update')
          .values({
            organisation_id: context.actor.organisationId,
            update_id: randomUUID(),
            item_id: itemId,
            update_date: update.date,
            status: update.status,
            note: update.note,
            recorded_by_label: context.actor.label,
          })
          .execute()
        await audit.record(trx, context, {
          action: 'plan.item.updated',
          subjectType: 'plan-item',
          subjectId: itemId,
          details: { status: update.status, date: update.date },
        })
      })
    },

    /** A manual RAG needs a reason; the computed value is always kept and shown beside it. */
    async setRagOverride(
      context: RequestContext,
      itemId: string,
      input: z.input<typeof ragOverrideSchema>,
    ): Promise<void> {
      authorise(context, 'workspace:edit')
      const change = parseOrThrow(ragOverrideSchema, input)
      const row = await findItemRow(context, itemId)
      const computed = toItemView(row, today()).computedRag
      await db.transaction().execute(async trx => {
        if (change.action === 'set') {
          await bumpVersion(trx, context, itemId, change.expectedVersion, {
            rag_override: change.rag,
            rag_override_reason: change.reason,
            rag_override_by: context.actor.label,
          })
        } else {
          await bumpVersion(trx, context, itemId, change.expectedVersion, {
            rag_override: null,
            rag_override_reason: null,
            rag_override_by: null,
          })
        }
        await audit.record(trx, context, {
          action: change.action === 'set' ? 'plan.item.rag-overridden' : 'plan.item.rag-override-cleared',
          subjectType: 'plan-item',
          subjectId: itemId,
          details: { computed, ...(change.action === 'set' ? { override: change.rag } : {}) },
        })
      })
    },

    /** Each action's latest dated update (the "progress against action" column of a committee paper). */
    async latestUpdates(context: RequestContext, planId: string): Promise<Record<string, LatestUpdate>> {
      authorise(context, 'workspace:read')
      await planRow(context, planId)
      const rows = await db
        .selectFrom('plan_update')
        .innerJoin('plan_item', join =>
          join
            .onRef('plan_item.organisation_id', '=', 'plan_update.organisation_id')
            .onRef('plan_item.item_id', '=', 'plan_update.item_id'),
        )
        .select(['plan_update.item_id', 'plan_update.update_date', 'plan_update.note'])
        .where('plan_update.organisation_id', '=', context.actor.organisationId)
        .where('plan_item.plan_id', '=', planId)
        .orderBy('plan_update.update_date', 'asc')
        .orderBy('plan_update.recorded_at', 'asc')
        .execute()
      const latest: Record<string, LatestUpdate> = {}
      for (const row of rows) latest[row.item_id] = { date: row.update_date, note: row.note }
      return latest
    },

    /** Overdue and not-updated-this-month lists by lead, across every plan (or one). */
    async tracking(context: RequestContext, planId?: string) {
      authorise(context, 'workspace:read')
      if (planId) await planRow(context, planId)
      const on = today()
      const items = (await itemsOf(context.actor.organisationId, planId)).map(row => ({
        ...toItemView(row, on),
        lead: row.lead_officer || row.lead_manager,
      }))
      const asList = (groups: Map<string, typeof items>) =>
        [...groups.entries()].map(([lead, leadItems]) => ({ lead, items: leadItems }))
      return {
        today: on,
        rag: summariseRag(items.map(item => item.rag)),
        overdue: asList(overdueByLead(items, on)),
        notUpdatedThisMonth: asList(notUpdatedThisMonthByLead(items, on)),
      }
    },
  }
}

export type PlanService = ReturnType<typeof createPlanService>

/** The plan exists in the person's organisation, read through the caller's executor (a transaction, usually). */
export async function requirePlanIn(executor: Executor, context: RequestContext, planId: string): Promise<void> {
  if (!z.string().uuid().safeParse(planId).success) throw new NotFoundError('No such plan')
  const plan = await executor
    .selectFrom('plan')
    .select('plan_id')
    .where('organisation_id', '=', context.actor.organisationId)
    .where('plan_id', '=', planId)
    .executeTakeFirst()
  if (!plan) throw new NotFoundError('No such plan')
}
