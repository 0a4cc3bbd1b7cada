import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { Db } from '../../db/connect.js'
import { findFramework, getFramework } from '../../domain/frameworks/index.js'
import {
  CRITERION_RATINGS,
  DEFAULT_TARGET_GRADE,
  findGaps,
  frameworkCriteria,
  isIsoDate,
  planItemFromGap,
  projectPosition,
  selfEvaluationAreas,
  selfEvaluationQuestions,
  type CriterionRating,
  type SefStatus,
} from '../../domain/workspace/index.js'
import { authorise, type RequestContext } from '../context.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { AuditService, Executor } from '../platform/auditService.js'
import { EditConflictError } from './errors.js'
import type { PlanService } from './planService.js'
import { londonDate } from './today.js'

/** ILACS as it stands is the default; any encoded framework with graded judgements can be chosen. */
export const DEFAULT_SEF_FRAMEWORK = 'ilacs-2023'

const answer = (label: string) => z.string().trim().max(20_000, `${label} must be 20,000 characters or fewer`)
const lock = z.coerce.number().int().min(1)

export const newSefSchema = z.object({
  frameworkId: z.string().refine(id => findFramework(id) !== undefined, 'Select a framework'),
  title: z.string().trim().min(1, 'Enter a title').max(200, 'Title must be 200 characters or fewer'),
})

export const areaAnswerSchema = z.object({
  expectedLock: lock,
  whatWeKnow: answer('The answer'),
  howWeKnow: answer('The answer'),
  ourPlans: answer('The answer'),
  gradeId: z.string().trim().max(60),
  justification: answer('The justification'),
})

export const criterionRatingSchema = z.object({
  expectedLock: lock,
  rating: z.enum(CRITERION_RATINGS, { message: 'Select met, partly met or not met' }),
  differenceMade: answer('"What difference has this made?"'),
  evidence: answer('"What is our evidence?"'),
  owner: z.string().trim().max(200, 'Owner must be 200 characters or fewer'),
})

export const ownCriterionSchema = z.object({
  expectedLock: lock,
  judgementId: z.string().min(1, 'Select the judgement area'),
  text: z.string().trim().min(3, 'Enter the criterion').max(2000, 'Criterion must be 2,000 characters or fewer'),
  targetGrade: z.string().trim().min(1).max(60),
  owner: z.string().trim().max(200, 'Owner must be 200 characters or fewer'),
})

export const approvalSchema = z.object({
  expectedLock: lock,
  board: z
    .string()
    .trim()
    .min(2, 'Enter the board or meeting that approved it')
    .max(200, 'Board must be 200 characters or fewer'),
  approvedOn: z.string().refine(isIsoDate, 'Enter the date it was approved as a real date'),
})

function parseOrThrow<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const errors: Record<string, string> = {}
  for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message
  throw new ValidationError(errors)
}

export function createSefService({
  db,
  audit,
  clock,
  plans,
}: {
  db: Db
  audit: AuditService
  clock: () => Date
  plans: PlanService
}) {
  async function sefRow(context: RequestContext, sefId: string) {
    if (!z.string().uuid().safeParse(sefId).success) throw new NotFoundError('No such self-evaluation')
    const sef = await db
      .selectFrom('sef')
      .selectAll()
      .where('organisation_id', '=', context.actor.organisationId)
      .where('sef_id', '=', sefId)
      .executeTakeFirst()
    if (!sef) throw new NotFoundError('No such self-evaluation')
    return sef
  }

  async function versionsOf(context: RequestContext, sefId: string) {
    return db
      .selectFrom('sef_version')
      .selectAll()
      .where('organisation_id', '=', context.actor.organisationId)
      .where('sef_id', '=', sefId)
      .orderBy('version_number', 'desc')
      .execute()
  }

  /** Only the newest version can change, and only while it is a draft (approval is by version). */
  async function editableVersion(
    executor: Executor,
    context: RequestContext,
    sefId: string,
    expectedLock: number,
    status: SefStatus = 'draft',
  ) {
    const latest = await executor
      .selectFrom('sef_version')
      .selectAll()
      .where('organisation_id', '=', context.actor.organisationId)
      .where('sef_id', '=', sefId)
      .orderBy('version_number', 'desc')
      .executeTakeFirst()
    if (!latest) throw new NotFoundError('No such self-evaluation')
    if (latest.status !== status)
      throw new ValidationError({
        form: `Version ${latest.version_number} is ${latest.status}; ${status === 'draft' ? 'start a new version to change it' : `only a ${status} version can do that`}`,
      })
    const bumped = await executor
      .updateTable('sef_version')
      .set({ lock_version: expectedLock + 1 })
      .where('organisation_id', '=', context.actor.organisationId)
      .where('sef_id', '=', sefId)
      .where('version_number', '=', latest.version_number)
      .where('lock_version', '=', expectedLock)
      .executeTakeFirst()
    if (Number(bumped.numUpdatedRows) !== 1) throw new EditConflictError('This self-evaluation')
    return latest.version_number
  }

  async function load(context: RequestContext, sefId: string, versionNumber?: number) {
    const sef = await sefRow(context, sefId)
    const versions = await versionsOf(context, sefId)
    const version =
      versionNumber === undefined ? versions[0] : versions.find(candidate => candidate.version_number === versionNumber)
    if (!version) throw new NotFoundError('No such version')
    const where = {
      organisation_id: context.actor.organisationId,
      sef_id: sefId,
      version_number: version.version_number,
    }
    const areaRows = await db
      .selectFrom('sef_area')
      .selectAll()
      .where('organisation_id', '=', where.organisation_id)
      .where('sef_id', '=', sefId)
      .where('version_number', '=', where.version_number)
      .execute()
    const criterionRows = await db
      .selectFrom('sef_criterion')
      .selectAll()
      .where('organisation_id', '=', where.organisation_id)
      .where('sef_id', '=', sefId)
      .where('version_number', '=', where.version_number)
      .orderBy('position')
      .execute()
    const framework = getFramework(sef.framework_id)
    const areas = selfEvaluationAreas(framework).map(area => {
      const row = areaRows.find(candidate => candidate.judgement_id === area.judgementId)
      return {
        ...area,
        whatWeKnow: row?.what_we_know ?? '',
        howWeKnow: row?.how_we_know ?? '',
        ourPlans: row?.our_plans ?? '',
        gradeId: row?.grade_id ?? null,
        justification: row?.justification ?? '',
      }
    })
    const criteria = criterionRows.map(row => ({
      criterionId: row.criterion_id,
      judgementId: row.judgement_id,
      judgementLabel:
        framework.judgements.find(judgement => judgement.id === row.judgement_id)?.label ?? row.judgement_id,
      text: row.text,
      origin: row.origin as 'framework' | 'own',
      targetGrade: row.target_grade,
      rating: row.rating as CriterionRating | null,
      differenceMade: row.difference_made,
      evidence: row.evidence_text,
      owner: row.owner,
      planItemId: row.plan_item_id,
    }))
    const projection = projectPosition(
      framework,
      Object.fromEntries(areas.map(area => [area.judgementId, area.gradeId])),
    )
    return {
      sefId,
      title: sef.title,
      framework: { id: framework.id, label: framework.label },
      questions: selfEvaluationQuestions(framework),
      versions: versions.map(row => ({
        versionNumber: row.version_number,
        status: row.status as SefStatus,
        createdAt: row.created_at,
        createdBy: row.created_by_label,
        approvedBy: row.approved_by,
        approvedAtBoard: row.approved_at_board,
        approvedOn: row.approved_on,
      })),
      version: {
        versionNumber: version.version_number,
        status: version.status as SefStatus,
        lock: version.lock_version,
        isLatest: version.version_number === versions[0]!.version_number,
      },
      areas,
      criteria,
      projection,
      gaps: findGaps(criteria, DEFAULT_TARGET_GRADE),
    }
  }

  return {
    async list(context: RequestContext) {
      authorise(context, 'workspace:read')
      const rows = await db
        .selectFrom('sef')
        .innerJoin('sef_version', join =>
          join
            .onRef('sef_version.organisation_id', '=', 'sef.organisation_id')
            .onRef('sef_version.sef_id', '=', 'sef.sef_id'),
        )
        .select([
          'sef.sef_id',
          'sef.title',
          'sef.framework_id',
          'sef.created_at',
          'sef_version.version_number',
          'sef_version.status',
        ])
        .where('sef.organisation_id', '=', context.actor.organisationId)
        .orderBy('sef.created_at', 'desc')
        .orderBy('sef_version.version_number', 'desc')
        .execute()
      const latest = new Map<string, (typeof rows)[number]>()
      for (const row of rows) if (!latest.has(row.sef_id)) latest.set(row.sef_id, row)
      return [...latest.values()].map(row => ({
        sefId: row.sef_id,
        title: row.title,
        frameworkId: row.framework_id,
        frameworkLabel: findFramework(row.framework_id)?.label ?? row.framework_id,
        latestVersion: row.version_number,
        status: row.status as SefStatus,
      }))
    },

    async get(context: RequestContext, sefId: string, versionNumber?: number) {
      authorise(context, 'workspace:read')
      return load(context, sefId, versionNumber)
    },

    async create(context: RequestContext, input: z.input<typeof newSefSchema>): Promise<{ sefId: string }> {
      authorise(context, 'workspace:edit')
      const { frameworkId, title } = parseOrThrow(newSefSchema, input)
      const framework = getFramework(frameworkId)
      if (selfEvaluationAreas(framework).length === 0)
        throw new ValidationError({
          frameworkId: 'That framework has no graded judgements to evaluate against; choose another',
        })
      const organisationId = context.actor.organisationId
      const sefId = randomUUID()
      await db.transaction().execute(async trx => {
        await trx
          .insertInto('sef')
          .values({ organisation_id: organisationId, sef_id: sefId, framework_id: frameworkId, title })
          .execute()
        await trx
          .insertInto('sef_version')
          .values({
            organisation_id: organisationId,
            sef_id: sefId,
            version_number: 1,
            status: 'draft',
            created_by_label: context.actor.label,
          })
          .execute()
        await trx
          .insertInto('sef_area')
          .values(
            selfEvaluationAreas(framework).map(area => ({
              organisation_id: organisationId,
              sef_id: sefId,
              version_number: 1,
              judgement_id: area.judgementId,
              what_we_know: '',
              how_we_know: '',
              our_plans: '',
              grade_id: null,
              justification: '',
            })),
          )
          .execute()
        const criteria = frameworkCriteria(framework)
        if (criteria.length > 0)
          await trx
            .insertInto('sef_criterion')
            .values(
              criteria.map((criterion, position) => ({
                organisation_id: organisationId,
                sef_id: sefId,
                version_number: 1,
                criterion_id: criterion.key,
                position,
                judgement_id: criterion.judgementId,
                text: criterion.text,
                origin: 'framework',
                target_grade: DEFAULT_TARGET_GRADE,
                rating: null,
                difference_made: '',
                evidence_text: '',
                owner: '',
                plan_item_id: null,
              })),
            )
            .execute()
        await audit.record(trx, context, {
          action: 'sef.created',
          subjectType: 'sef',
          subjectId: sefId,
          details: { frameworkId },
        })
      })
      return { sefId }
    },

    async saveArea(
      context: RequestContext,
      sefId: string,
      judgementId: string,
      input: z.input<typeof areaAnswerSchema>,
    ) {
      authorise(context, 'workspace:edit')
      const sef = await sefRow(context, sefId)
      const values = parseOrThrow(areaAnswerSchema, input)
      const area = selfEvaluationAreas(getFramework(sef.framework_id)).find(
        candidate => candidate.judgementId === judgementId,
      )
      if (!area) throw new NotFoundError('No such judgement area')
      if (values.gradeId !== '' && !area.grades.some(grade => grade.id === values.gradeId))
        throw new ValidationError({ gradeId: 'Select a grade from the list' })
      await db.transaction().execute(async trx => {
        const versionNumber = await editableVersion(trx, context, sefId, values.expectedLock)
        await trx
          .updateTable('sef_area')
          .set({
            what_we_know: values.whatWeKnow,
            how_we_know: values.howWeKnow,
            our_plans: values.ourPlans,
            grade_id: values.gradeId || null,
            justification: values.justification,
          })
          .where('organisation_id', '=', context.actor.organisationId)
          .where('sef_id', '=', sefId)
          .where('version_number', '=', versionNumber)
          .where('judgement_id', '=', judgementId)
          .execute()
        await audit.record(trx, context, {
          action: 'sef.area.saved',
          subjectType: 'sef',
          subjectId: sefId,
          details: { versionNumber, judgementId, grade: values.gradeId || null },
        })
      })
    },

    async rateCriterion(
      context: RequestContext,
      sefId: string,
      criterionId: string,
      input: z.input<typeof criterionRatingSchema>,
    ) {
      authorise(context, 'workspace:edit')
      await sefRow(context, sefId)
      const values = parseOrThrow(criterionRatingSchema, input)
      await db.transaction().execute(async trx => {
        const versionNumber = await editableVersion(trx, context, sefId, values.expectedLock)
        const result = await trx
          .updateTable('sef_criterion')
          .set({
            rating: values.rating,
            difference_made: values.differenceMade,
            evidence_text: values.evidence,
            owner: values.owner,
          })
          .where('organisation_id', '=', context.actor.organisationId)
          .where('sef_id', '=', sefId)
          .where('version_number', '=', versionNumber)
          .where('criterion_id', '=', criterionId)
          .executeTakeFirst()
        if (Number(result.numUpdatedRows) !== 1) throw new NotFoundError('No such criterion')
        await audit.record(trx, context, {
          action: 'sef.criterion.rated',
          subjectType: 'sef',
          subjectId: sefId,
          details: { versionNumber, criterionId, rating: values.rating },
        })
      })
    },

    /** Criteria the organisation writes itself, where Ofsted's descriptor text is not in our data. */
    async addCriterion(
      context: RequestContext,
      sefId: string,
      input: z.input<typeof ownCriterionSchema>,
    ): Promise<{ criterionId: string }> {
      authorise(context, 'workspace:edit')
      const sef = await sefRow(context, sefId)
      const values = parseOrThrow(ownCriterionSchema, input)
      const framework = getFramework(sef.framework_id)
      if (!framework.judgements.some(judgement => judgement.id === values.judgementId))
        throw new ValidationError({ judgementId: 'Select the judgement area' })
      const criterionId = `own-${randomUUID()}`
      await db.transaction().execute(async trx => {
        const versionNumber = await editableVersion(trx, context, sefId, values.expectedLock)
        const last = await trx
          .selectFrom('sef_criterion')
          .select(eb => eb.fn.max<number>('position').as('max'))
          .where('organisation_id', '=', context.actor.organisationId)
          .where('sef_id', '=', sefId)
          .where('version_number', '=', versionNumber)
          .executeTakeFirst()
        await trx
          .insertInto('sef_criterion')
          .values({
            organisation_id: context.actor.organisationId,
            sef_id: sefId,
            version_number: versionNumber,
            criterion_id: criterionId,
            position: (last?.max ?? -1) + 1,
            judgement_id: values.judgementId,
            text: values.text,
            origin: 'own',
            target_grade: values.targetGrade,
            rating: null,
            difference_made: '',
            evidence_text: '',
            owner: values.owner,
            plan_item_id: null,
          })
          .execute()
        await audit.record(trx, context, {
          action: 'sef.criterion.added',
          subjectType: 'sef',
          subjectId: sefId,
          details: { versionNumber, criterionId },
        })
      })
      return { criterionId }
    },

    async submit(context: RequestContext, sefId: string, expectedLock: number) {
      authorise(context, 'workspace:edit')
      await sefRow(context, sefId)
      await db.transaction().execute(async trx => {
        const versionNumber = await editableVersion(trx, context, sefId, expectedLock)
        await trx
          .updateTable('sef_version')
          .set({ status: 'submitted', submitted_at: clock() })
          .where('organisation_id', '=', context.actor.organisationId)
          .where('sef_id', '=', sefId)
          .where('version_number', '=', versionNumber)
          .execute()
        await audit.record(trx, context, {
          action: 'sef.submitted',
          subjectType: 'sef',
          subjectId: sefId,
          details: { versionNumber },
        })
      })
    },

    /** Approval records who, at which board, on which date; only leads and admins may approve. */
    async approve(context: RequestContext, sefId: string, input: z.input<typeof approvalSchema>) {
      authorise(context, 'workspace:approve')
      await sefRow(context, sefId)
      const values = parseOrThrow(approvalSchema, input)
      if (values.approvedOn > londonDate(clock()))
        throw new ValidationError({ approvedOn: 'The date it was approved must be today or in the past' })
      await db.transaction().execute(async trx => {
        const versionNumber = await editableVersion(trx, context, sefId, values.expectedLock, 'submitted')
        await trx
          .updateTable('sef_version')
          .set({
            status: 'approved',
            approved_by: context.actor.label,
            approved_at_board: values.board,
            approved_on: values.approvedOn,
          })
          .where('organisation_id', '=', context.actor.organisationId)
          .where('sef_id', '=', sefId)
          .where('version_number', '=', versionNumber)
          .execute()
        await audit.record(trx, context, {
          action: 'sef.approved',
          subjectType: 'sef',
          subjectId: sefId,
          details: { versionNumber, board: values.board, approvedOn: values.approvedOn },
        })
      })
    },

    /** A new draft copied from the newest version, which stays as it was (so versions can be compared). */
    async newVersion(context: RequestContext, sefId: string): Promise<{ versionNumber: number }> {
      authorise(context, 'workspace:edit')
      await sefRow(context, sefId)
      const organisationId = context.actor.organisationId
      return db.transaction().execute(async trx => {
        const latest = await trx
          .selectFrom('sef_version')
          .selectAll()
          .where('organisation_id', '=', organisationId)
          .where('sef_id', '=', sefId)
          .orderBy('version_number', 'desc')
          .forUpdate()
          .executeTakeFirstOrThrow()
        if (latest.status === 'draft')
          throw new ValidationError({
            form: `Version ${latest.version_number} is still a draft: edit it rather than starting another`,
          })
        const next = latest.version_number + 1
        await trx
          .insertInto('sef_version')
          .values({
            organisation_id: organisationId,
            sef_id: sefId,
            version_number: next,
            status: 'draft',
            created_by_label: context.actor.label,
          })
          .execute()
        const areas = await trx
          .selectFrom('sef_area')
          .selectAll()
          .where('organisation_id', '=', organisationId)
          .where('sef_id', '=', sefId)
          .where('version_number', '=', latest.version_number)
          .execute()
        if (areas.length > 0)
          await trx
            .insertInto('sef_area')
            .values(areas.map(area => ({ ...area, version_number: next })))
            .execute()
        const criteria = await trx
          .selectFrom('sef_criterion')
          .selectAll()
          .where('organisation_id', '=', organisationId)
          .where('sef_id', '=', sefId)
          .where('version_number', '=', latest.version_number)
          .execute()
        if (criteria.length > 0)
          await trx
            .insertInto('sef_criterion')
            .values(criteria.map(criterion => ({ ...criterion, version_number: next })))
            .execute()
        await audit.record(trx, context, {
          action: 'sef.version.created',
          subjectType: 'sef',
          subjectId: sefId,
          details: { versionNumber: next, from: latest.version_number },
        })
        return { versionNumber: next }
      })
    },

    /** One click: a gap becomes an item in the chosen plan, and the criterion links to it. */
    async gapToPlanItem(
      context: RequestContext,
      sefId: string,
      criterionId: string,
      planId: string,
    ): Promise<{ itemId: string }> {
      authorise(context, 'workspace:edit')
      const loaded = await load(context, sefId)
      const gap = loaded.gaps.find(candidate => candidate.criterion.criterionId === criterionId)
      if (!gap) throw new ValidationError({ criterion: 'That criterion is not a gap for the target grade' })
      if (gap.criterion.planItemId) throw new ValidationError({ criterion: 'That gap already has a plan item' })
      const planItem = planItemFromGap(gap, gap.criterion.judgementLabel, '')
      const { itemId } = await plans.addItem(context, planId, {
        sectionTitle: `Gap analysis: ${loaded.title}`,
        ref: planItem.ref,
        issue: planItem.issue,
        action: planItem.action,
        leadOfficer: planItem.leadOfficer,
        milestoneDate: null,
        targetDate: null,
        sourceReference: planItem.sourceReference,
      })
      await db.transaction().execute(async trx => {
        await trx
          .updateTable('sef_criterion')
          .set({ plan_item_id: itemId })
          .where('organisation_id', '=', context.actor.organisationId)
          .where('sef_id', '=', sefId)
          .where('version_number', '=', loaded.version.versionNumber)
          .where('criterion_id', '=', criterionId)
          .execute()
        await audit.record(trx, context, {
          action: 'sef.gap.planned',
          subjectType: 'sef',
          subjectId: sefId,
          details: { criterionId, planId, itemId },
        })
      })
      return { itemId }
    },
  }
}

export type SefService = ReturnType<typeof createSefService>
