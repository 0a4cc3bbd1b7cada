import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { Db } from '../../db/connect.js'
import {
  drawSample,
  findSamplingPlan,
  listSamplingPlans,
  previewPlan,
  redrawCase,
  type PlanPreview,
  type SampledCase,
  type SamplingPlan,
  type Shortfall,
} from '../../domain/sampling/index.js'
import { authorise, type RequestContext } from '../context.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { AuditService } from '../platform/auditService.js'
import {
  caseColumns,
  findRun,
  insertSample,
  loadPopulation,
  readSample,
  recentlyAuditedChildren,
  type StoredSample,
} from './sampleRepository.js'
import { storedPlan } from './samplingPlanStore.js'
import { daysBefore, englandDate } from './today.js'

export interface DrawRequest {
  runId: string
  /** A plan id from `listPlans`, or a custom plan already read with `readCustomPlan`. */
  plan: string | SamplingPlan
  seed?: string | undefined
}

export interface DrawResult {
  sampleId: string
  plan: string
  seed: string
  run: string
  cases: SampledCase[]
  shortfalls: Shortfall[]
}

const isUuid = (value: string) => z.string().uuid().safeParse(value).success
const MAX_SEED_LENGTH = 100

/** Draws, stores, shows and redraws case samples from Annex A test runs. */
export function createSampleService({ db, audit, clock }: { db: Db; audit: AuditService; clock: () => Date }) {
  const organisationOf = (context: RequestContext) => context.actor.organisationId

  async function requireSample(context: RequestContext, sampleId: string): Promise<StoredSample> {
    const sample = isUuid(sampleId) ? await readSample(db, organisationOf(context), sampleId) : undefined
    if (!sample) throw new NotFoundError('No such sample')
    return sample
  }

  async function drawingInputs(context: RequestContext, runId: string, plan: SamplingPlan) {
    const run = isUuid(runId) ? await findRun(db, organisationOf(context), runId) : undefined
    if (!run) throw new NotFoundError('No such test run')
    if (run.purged_at) throw new ValidationError({ run: 'The child-level rows of this test run have been purged' })
    const population = await loadPopulation(db, organisationOf(context), runId)
    const excludedChildIds =
      plan.excludeAuditedWithinDays === undefined
        ? new Set<string>()
        : await recentlyAuditedChildren(
            db,
            organisationOf(context),
            daysBefore(englandDate(clock()), plan.excludeAuditedWithinDays),
          )
    return { population, referenceDate: run.reference_date, excludedChildIds }
  }

  return {
    listPlans(context: RequestContext): readonly SamplingPlan[] {
      authorise(context, 'audits:perform')
      return listSamplingPlans()
    },

    /** Draws a sample and stores it with its seed and a snapshot of the plan, so it can be drawn again. */
    async draw(context: RequestContext, request: DrawRequest): Promise<DrawResult> {
      authorise(context, 'audits:manage')
      authorise(context, 'child-data:read')
      const plan =
        typeof request.plan === 'string'
          ? (findSamplingPlan(request.plan) ?? (await storedPlan(db, organisationOf(context), request.plan)))
          : request.plan
      if (!plan) throw new ValidationError({ plan: `No sampling plan called "${String(request.plan)}"` })
      const seed = request.seed ?? randomUUID().slice(0, 8)
      if (seed.length === 0 || seed.length > MAX_SEED_LENGTH)
        throw new ValidationError({ seed: `Enter a seed of 1 to ${MAX_SEED_LENGTH} characters` })
      const inputs = await drawingInputs(context, request.runId, plan)
      const { cases, shortfalls } = drawSample({ plan, seed, ...inputs })
      const sampleId = randomUUID()
      await db.transaction().execute(async trx => {
        await insertSample(trx, organisationOf(context), {
          sampleId,
          runId: request.runId,
          plan,
          seed,
          referenceDate: inputs.referenceDate,
          shortfalls: [...shortfalls],
          rejected: [],
          createdBy: context.actor.label,
          cases: [...cases],
        })
        await audit.record(trx, context, {
          action: 'sample.drawn',
          subjectType: 'audit-sample',
          subjectId: sampleId,
          details: { run: request.runId, plan: plan.id, seed, cases: cases.length, shortfalls: shortfalls.length },
        })
      })
      return { sampleId, plan: plan.id, seed, run: request.runId, cases: [...cases], shortfalls: [...shortfalls] }
    },

    /**
     * How many cases each stratum of a plan (stored or not) would draw from a run: the real draw, reduced to
     * counts, and nothing stored. The counts come from the run's child-level rows, so the look is audit-logged.
     */
    async preview(
      context: RequestContext,
      request: { runId: string; plan: SamplingPlan; seed?: string },
    ): Promise<PlanPreview> {
      authorise(context, 'audits:manage')
      authorise(context, 'child-data:read')
      const seed = request.seed ?? 'preview'
      if (seed.length === 0 || seed.length > MAX_SEED_LENGTH)
        throw new ValidationError({ seed: `Enter a seed of 1 to ${MAX_SEED_LENGTH} characters` })
      const inputs = await drawingInputs(context, request.runId, request.plan)
      const preview = previewPlan({ plan: request.plan, seed, ...inputs })
      await audit.recordChildDataAccess(context, 'view', {
        type: 'annex-a-run',
        id: request.runId,
        details: { purpose: 'sampling-plan-preview', plan: request.plan.id, cases: preview.cases },
      })
      return preview
    },

    async listSamples(context: RequestContext) {
      authorise(context, 'audits:manage')
      const rows = await db
        .selectFrom('audit_sample')
        .leftJoin('audit_sample_case', join =>
          join
            .onRef('audit_sample_case.organisation_id', '=', 'audit_sample.organisation_id')
            .onRef('audit_sample_case.sample_id', '=', 'audit_sample.sample_id'),
        )
        .select(eb => [
          'audit_sample.sample_id',
          'audit_sample.plan_id',
          'audit_sample.seed',
          'audit_sample.run_id',
          'audit_sample.created_at',
          eb.fn.count<string>('audit_sample_case.position').as('cases'),
        ])
        .where('audit_sample.organisation_id', '=', organisationOf(context))
        .groupBy([
          'audit_sample.sample_id',
          'audit_sample.plan_id',
          'audit_sample.seed',
          'audit_sample.run_id',
          'audit_sample.created_at',
        ])
        .orderBy('audit_sample.created_at', 'desc')
        .limit(200)
        .execute()
      return rows.map(row => ({
        sampleId: row.sample_id,
        plan: row.plan_id,
        seed: row.seed,
        run: row.run_id,
        createdAt: row.created_at,
        cases: Number(row.cases),
      }))
    },

    /** A sample with its child ids: a view of child-level data, so it is audit-logged. */
    async getSample(context: RequestContext, sampleId: string): Promise<StoredSample> {
      authorise(context, 'audits:manage')
      authorise(context, 'child-data:read')
      const sample = await requireSample(context, sampleId)
      await audit.recordChildDataAccess(context, 'view', {
        type: 'audit-sample',
        id: sampleId,
        details: { cases: sample.cases.length },
      })
      return sample
    },

    /** Replaces one child with another from the same stratum; the replaced child is never drawn back in. */
    async redraw(
      context: RequestContext,
      sampleId: string,
      childId: string,
    ): Promise<{ replaced: SampledCase; replacement: SampledCase | null }> {
      authorise(context, 'audits:manage')
      authorise(context, 'child-data:read')
      if (!isUuid(sampleId)) throw new NotFoundError('No such sample')
      // The sample row is locked (SELECT … FOR UPDATE) for the whole redraw, so two redraws at once run one after
      // the other: the second sees the first's replacement and rejected child instead of overwriting them.
      return db.transaction().execute(async trx => {
        const locked = await trx
          .selectFrom('audit_sample')
          .select('sample_id')
          .where('organisation_id', '=', organisationOf(context))
          .where('sample_id', '=', sampleId)
          .forUpdate()
          .executeTakeFirst()
        const sample = locked ? await readSample(trx, organisationOf(context), sampleId) : undefined
        if (!sample) throw new NotFoundError('No such sample')
        if (!sample.cases.some(item => item.childId === childId))
          throw new ValidationError({ childId: 'That child is not in this sample' })
        const assigned = await trx
          .selectFrom('case_audit')
          .select('audit_id')
          .where('organisation_id', '=', organisationOf(context))
          .where('sample_id', '=', sampleId)
          .where('child_id', '=', childId)
          .executeTakeFirst()
        if (assigned) throw new ValidationError({ childId: 'That case has already been assigned for audit' })
        const inputs = await drawingInputs(context, sample.runId, sample.plan)
        const result = redrawCase({
          plan: sample.plan,
          seed: sample.seed,
          ...inputs,
          cases: sample.cases,
          replace: childId,
          rejected: sample.rejected,
        })
        if (!result.replacement) return { replaced: result.replaced, replacement: null }
        const position = sample.cases.findIndex(item => item.childId === childId) + 1
        await trx
          .updateTable('audit_sample_case')
          .set(caseColumns(result.replacement))
          .where('organisation_id', '=', organisationOf(context))
          .where('sample_id', '=', sampleId)
          .where('position', '=', position)
          .execute()
        await trx
          .updateTable('audit_sample')
          .set({ rejected_child_ids: JSON.stringify([...sample.rejected, childId]) })
          .where('organisation_id', '=', organisationOf(context))
          .where('sample_id', '=', sampleId)
          .execute()
        await audit.record(trx, context, {
          action: 'sample.case-redrawn',
          subjectType: 'audit-sample',
          subjectId: sampleId,
          details: { position },
        })
        return { replaced: result.replaced, replacement: result.replacement }
      })
    },
  }
}

export type SampleService = ReturnType<typeof createSampleService>
