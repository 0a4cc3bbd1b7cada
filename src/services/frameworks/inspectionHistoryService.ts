import { randomUUID } from 'node:crypto'
import { z } from 'zod'
import type { Db } from '../../db/connect.js'
import { isIsoDate, type IsoDate } from '../../domain/calendar/index.js'
import {
  checkRecordedOutcome,
  findFramework,
  forecastFor,
  type Framework,
  type NextInspection,
  type RuleCheck,
} from '../../domain/frameworks/index.js'
import { actorUserId, authorise, type RequestContext } from '../context.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { AuditService } from '../platform/auditService.js'

export interface InspectionHistoryEntry {
  inspectionId: string
  frameworkId: string
  frameworkLabel: string
  inspectionType: string
  inspectionTypeLabel: string
  date: IsoDate
  /** Judgement id → grade id. */
  grades: Record<string, string>
  note: string
  /** Rules the recorded grades break ('always' normative rules as errors, others as warnings or unusual). */
  ruleChecks: RuleCheck[]
}

export interface HistoryForecast {
  basedOn: InspectionHistoryEntry
  forecast: NextInspection
}

export interface NewInspectionInput {
  frameworkId: string
  inspectionType: string
  date: string
  grades?: Record<string, string>
  note?: string
}

const MAX_NOTE_LENGTH = 500
const EARLIEST_DATE = '2000-01-01'

const entrySchema = z.object({
  frameworkId: z.string().trim().min(1, 'Select a framework'),
  inspectionType: z.string().trim().min(1, 'Select the type of inspection or visit'),
  date: z
    .string()
    .trim()
    .min(1, 'Enter the date the inspection started')
    .refine(isIsoDate, 'The date the inspection started must be a real date'),
  note: z
    .string()
    .max(MAX_NOTE_LENGTH, `The note must be ${MAX_NOTE_LENGTH} characters or fewer`)
    .optional()
    .transform(value => value?.trim() ?? ''),
})

function todayOf(clock: () => Date): IsoDate {
  return clock().toISOString().slice(0, 10)
}

/**
 * Checks an entry against the framework's own data: the type must be one of its inspection types,
 * each grade a grade of that judgement's scale, and an ungraded visit carries no grades. Every problem
 * is returned at once, keyed by the form field, so a person can fix them in one go.
 */
function validateEntry(input: NewInspectionInput, today: IsoDate) {
  const errors: Record<string, string> = {}
  const parsed = entrySchema.safeParse(input)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message
  }
  const framework = findFramework(String(input.frameworkId ?? '').trim())
  if (!errors.frameworkId && !framework) errors.frameworkId = 'Select a framework from the list'
  const date = String(input.date ?? '').trim()
  if (!errors.date && date < EARLIEST_DATE) errors.date = 'The date the inspection started must be in 2000 or later'
  if (!errors.date && date > today) errors.date = 'The date the inspection started must be today or in the past'
  const grades: Record<string, string> = {}
  if (framework) {
    const type = framework.inspectionTypes.find(candidate => candidate.id === String(input.inspectionType ?? '').trim())
    if (!errors.inspectionType && !type) errors.inspectionType = 'Select a type of inspection or visit from the list'
    const graded = new Map(framework.judgements.filter(j => j.scale).map(j => [j.id, j]))
    for (const [judgementId, gradeId] of Object.entries(input.grades ?? {})) {
      if (gradeId === '') continue
      const field = `grade-${judgementId}`
      const judgement = graded.get(judgementId)
      const scale = framework.scales.find(candidate => candidate.id === judgement?.scale)
      if (!judgement || !scale) {
        errors[field] = `${framework.label} has no graded judgement '${judgementId.slice(0, 80)}'`
      } else if (!scale.grades.some(grade => grade.id === gradeId)) {
        errors[field] = `Select a grade for ${judgement.label.toLowerCase()} from the list`
      } else if (type && !type.graded) {
        errors[field] = `${type.label} is not graded: leave ${judgement.label.toLowerCase()} blank`
      } else {
        grades[judgementId] = gradeId
      }
    }
  }
  if (Object.keys(errors).length > 0 || !parsed.success || !framework) throw new ValidationError(errors)
  return { framework, data: parsed.data, grades }
}

function describeEntry(
  framework: Framework | undefined,
  row: { inspection_id: string; framework_id: string; inspection_type: string; inspection_date: string; note: string },
  grades: Record<string, string>,
): InspectionHistoryEntry {
  const type = framework?.inspectionTypes.find(candidate => candidate.id === row.inspection_type)
  return {
    inspectionId: row.inspection_id,
    frameworkId: row.framework_id,
    frameworkLabel: framework?.label ?? row.framework_id,
    inspectionType: row.inspection_type,
    inspectionTypeLabel: type?.label ?? row.inspection_type,
    date: row.inspection_date,
    grades,
    note: row.note,
    ruleChecks: framework
      ? checkRecordedOutcome(framework, grades).checks.filter(check => check.status === 'disagrees')
      : [],
  }
}

/** The organisation's own inspections and visits: what it was graded, and when the next one is due. */
export function createInspectionHistoryService({
  db,
  audit,
  clock,
}: {
  db: Db
  audit: AuditService
  clock: () => Date
}) {
  async function list(context: RequestContext): Promise<InspectionHistoryEntry[]> {
    authorise(context, 'workspace:read')
    const organisationId = context.actor.organisationId
    const rows = await db
      .selectFrom('inspection_history')
      .select(['inspection_id', 'framework_id', 'inspection_type', 'inspection_date', 'note'])
      .where('organisation_id', '=', organisationId)
      .orderBy('inspection_date', 'desc')
      .orderBy('recorded_at', 'desc')
      .execute()
    const gradeRows = await db
      .selectFrom('inspection_history_grade')
      .select(['inspection_id', 'judgement_id', 'grade_id'])
      .where('organisation_id', '=', organisationId)
      .execute()
    const gradesOf = new Map<string, Record<string, string>>()
    for (const grade of gradeRows) {
      gradesOf.set(grade.inspection_id, { ...gradesOf.get(grade.inspection_id), [grade.judgement_id]: grade.grade_id })
    }
    return rows.map(row => describeEntry(findFramework(row.framework_id), row, gradesOf.get(row.inspection_id) ?? {}))
  }

  return {
    list,

    async add(context: RequestContext, input: NewInspectionInput): Promise<InspectionHistoryEntry> {
      authorise(context, 'workspace:edit')
      const { framework, data, grades } = validateEntry(input, todayOf(clock))
      const organisationId = context.actor.organisationId
      const inspectionId = randomUUID()
      const row = {
        organisation_id: organisationId,
        inspection_id: inspectionId,
        framework_id: framework.id,
        inspection_type: data.inspectionType,
        inspection_date: data.date,
        note: data.note,
        recorded_by: actorUserId(context.actor),
      }
      await db.transaction().execute(async trx => {
        await trx.insertInto('inspection_history').values(row).execute()
        const gradeRows = Object.entries(grades).map(([judgementId, gradeId]) => ({
          organisation_id: organisationId,
          inspection_id: inspectionId,
          judgement_id: judgementId,
          grade_id: gradeId,
        }))
        if (gradeRows.length > 0) await trx.insertInto('inspection_history_grade').values(gradeRows).execute()
        await audit.record(trx, context, {
          action: 'inspection-history.added',
          subjectType: 'inspection',
          subjectId: inspectionId,
          details: { framework: framework.id, type: data.inspectionType, date: data.date, grades: gradeRows.length },
        })
      })
      return describeEntry(framework, row, grades)
    },

    /** One entry, or NotFoundError when it is not the organisation's (or not a well-formed id). */
    async get(context: RequestContext, inspectionId: string): Promise<InspectionHistoryEntry> {
      const entry = (await list(context)).find(candidate => candidate.inspectionId === inspectionId)
      if (!entry) throw new NotFoundError('No such inspection in your history')
      return entry
    },

    /** Removes a mistaken entry and its grades; the audit event keeps what it said. */
    async remove(context: RequestContext, inspectionId: string): Promise<InspectionHistoryEntry> {
      authorise(context, 'workspace:edit')
      const organisationId = context.actor.organisationId
      const entry = await this.get(context, inspectionId)
      await db.transaction().execute(async trx => {
        const deleted = await trx
          .deleteFrom('inspection_history')
          .where('organisation_id', '=', organisationId)
          .where('inspection_id', '=', entry.inspectionId)
          .executeTakeFirst()
        if (Number(deleted.numDeletedRows) !== 1) throw new NotFoundError('No such inspection in your history')
        await audit.record(trx, context, {
          action: 'inspection-history.removed',
          subjectType: 'inspection',
          subjectId: entry.inspectionId,
          details: { framework: entry.frameworkId, type: entry.inspectionType, date: entry.date, grades: entry.grades },
        })
      })
      return entry
    },

    /**
     * The next expected window after the latest graded inspection (focused and monitoring visits do not
     * restart the cycle), and whether it is overdue today. Undefined with no graded inspection on record.
     */
    async forecast(context: RequestContext): Promise<HistoryForecast | undefined> {
      const entries = await list(context)
      for (const entry of entries) {
        const framework = findFramework(entry.frameworkId)
        const type = framework?.inspectionTypes.find(candidate => candidate.id === entry.inspectionType)
        if (!framework || !type?.graded) continue
        const grade = entry.grades['overall-effectiveness']
        const forecast = forecastFor(
          framework,
          grade ? { date: entry.date, grade } : { date: entry.date },
          todayOf(clock),
        )
        if (forecast) return { basedOn: entry, forecast }
      }
      return undefined
    },
  }
}

export type InspectionHistoryService = ReturnType<typeof createInspectionHistoryService>
