import { z } from 'zod'
import type { Db } from '../../db/connect.js'
import {
  checkOwnValue,
  findIndicator,
  ownValuesFromAnnexA,
  type AnnexAIndicatorFigure,
  type OwnValue,
} from '../../domain/intelligence/index.js'
import { authorise, type RequestContext } from '../context.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { AuditService } from '../platform/auditService.js'
import { EditConflictError } from '../workspace/errors.js'

/** One Annex A run's reference date and indicator figures (read through the Annex A service, never changed). */
export type AnnexARunIndicators = (
  context: RequestContext,
  runId: string,
) => Promise<{ runId: string; referenceDate: string; indicators: AnnexAIndicatorFigure[] }>

export interface OwnValueInput {
  indicator: string
  year: string | number
  value: string | number
  note?: string | undefined
  /** The version the person saw: 0 for a new value. Omitted (CLI) means "replace whatever is there". */
  version?: string | number | undefined
}

const numberText = (message: string) =>
  z.union([z.number(), z.string().trim().min(1, message)]).transform((value, ctx) => {
    const parsed = typeof value === 'number' ? value : Number(value.replace(/,/g, '').replace(/%$/, ''))
    if (!Number.isFinite(parsed)) {
      ctx.addIssue({ code: 'custom', message })
      return z.NEVER
    }
    return parsed
  })

export const ownValueSchema = z.object({
  indicator: z.string().refine(id => findIndicator(id) !== undefined, 'Select an indicator from the list'),
  year: numberText('Enter the year as 4 digits, like 2025').pipe(
    z
      .number()
      .int('Enter the year as 4 digits, like 2025')
      .min(2000, 'The year must be 2000 or later')
      .max(2100, 'The year must be 2100 or earlier'),
  ),
  value: numberText('Enter the value as a number, like 21.5'),
  note: z
    .string()
    .trim()
    .max(500, 'The note must be 500 characters or fewer')
    .optional()
    .transform(note => note || null),
  version: z
    .union([z.number(), z.string().regex(/^\d{1,9}$/)])
    .transform(Number)
    .optional(),
})

type Row = {
  indicator: string
  year: number
  value: number
  source: 'typed' | 'annex-a'
  annex_a_run_id: string | null
  annex_a_indicator: string | null
  annex_a_reference_date: string | null
  note: string | null
  version: number
  updated_by_label: string
  updated_at: Date
}

const toOwnValue = (row: Row): OwnValue => ({
  indicator: row.indicator,
  year: row.year,
  value: row.value,
  source: row.source,
  annexARunId: row.annex_a_run_id,
  annexAIndicator: row.annex_a_indicator,
  annexAReferenceDate: row.annex_a_reference_date,
  note: row.note,
  version: row.version,
  updatedBy: row.updated_by_label,
  updatedAt: row.updated_at,
})

/** The organisation's own indicator values: typed in (optimistic locking) or taken from an Annex A run. */
export function createOwnIndicatorService({
  db,
  audit,
  annexARun,
}: {
  db: Db
  audit: AuditService
  annexARun: AnnexARunIndicators
}) {
  return {
    async list(context: RequestContext, indicator?: string): Promise<OwnValue[]> {
      authorise(context, 'workspace:read')
      let query = db
        .selectFrom('intelligence_own_value')
        .selectAll()
        .where('organisation_id', '=', context.actor.organisationId)
      if (indicator) query = query.where('indicator', '=', indicator)
      const rows = await query.orderBy('indicator').orderBy('year', 'desc').execute()
      return rows.map(toOwnValue)
    },

    async get(context: RequestContext, indicator: string, year: number): Promise<OwnValue | undefined> {
      authorise(context, 'workspace:read')
      const row = await db
        .selectFrom('intelligence_own_value')
        .selectAll()
        .where('organisation_id', '=', context.actor.organisationId)
        .where('indicator', '=', indicator)
        .where('year', '=', year)
        .executeTakeFirst()
      return row ? toOwnValue(row) : undefined
    },

    /**
     * Saves a typed-in value. With a version, the save only goes through if nobody changed the value since
     * (version 0 = "there was none"); a conflict leaves the stored value as it was.
     */
    async set(context: RequestContext, input: OwnValueInput): Promise<OwnValue> {
      authorise(context, 'workspace:edit')
      const parsed = ownValueSchema.safeParse(input)
      if (!parsed.success) {
        const errors: Record<string, string> = {}
        for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message
        throw new ValidationError(errors)
      }
      const { indicator, year, value, note, version } = parsed.data
      const definition = findIndicator(indicator)!
      const problem = checkOwnValue(definition, value)
      if (problem) throw new ValidationError({ value: problem })
      const organisationId = context.actor.organisationId
      return db.transaction().execute(async trx => {
        const current = await trx
          .selectFrom('intelligence_own_value')
          .select('version')
          .where('organisation_id', '=', organisationId)
          .where('indicator', '=', indicator)
          .where('year', '=', year)
          .forUpdate()
          .executeTakeFirst()
        if (version !== undefined && (current?.version ?? 0) !== version)
          throw new EditConflictError(`${definition.label} for ${year}`)
        const fields = {
          value,
          source: 'typed' as const,
          annex_a_run_id: null,
          annex_a_indicator: null,
          annex_a_reference_date: null,
          note,
          updated_by_label: context.actor.label,
          updated_at: new Date(),
        }
        const row = current
          ? await trx
              .updateTable('intelligence_own_value')
              .set({ ...fields, version: current.version + 1 })
              .where('organisation_id', '=', organisationId)
              .where('indicator', '=', indicator)
              .where('year', '=', year)
              .returningAll()
              .executeTakeFirstOrThrow()
          : await trx
              .insertInto('intelligence_own_value')
              .values({ organisation_id: organisationId, indicator, year, ...fields })
              .returningAll()
              .executeTakeFirstOrThrow()
        await audit.record(trx, context, {
          action: 'intelligence.own-value-saved',
          subjectType: 'intelligence-own-value',
          subjectId: `${indicator}/${year}`,
          details: { source: 'typed', version: row.version },
        })
        return toOwnValue(row)
      })
    },

    /**
     * Takes the mapped indicators of one Annex A run (ANNEX_A_TO_DFE) as the organisation's values for the DfE year
     * its reference date falls in, replacing values for the same indicator and year. One transaction.
     */
    async fromAnnexA(
      context: RequestContext,
      runId: string,
    ): Promise<{ runId: string; referenceDate: string; year: number; saved: OwnValue[]; skipped: string[] }> {
      authorise(context, 'workspace:edit')
      const run = await annexARun(context, runId)
      const { values, skipped } = ownValuesFromAnnexA(run.referenceDate, run.indicators)
      if (values.length === 0)
        throw new NotFoundError(`Annex A run ${runId.slice(0, 8)} has no values for indicators DfE publishes`)
      const organisationId = context.actor.organisationId
      const saved = await db.transaction().execute(async trx => {
        const rows: OwnValue[] = []
        for (const value of values) {
          const fields = {
            value: value.value,
            source: 'annex-a' as const,
            annex_a_run_id: run.runId,
            annex_a_indicator: value.annexAIndicator,
            annex_a_reference_date: run.referenceDate,
            note: `${value.numerator} of ${value.denominator}`,
            updated_by_label: context.actor.label,
            updated_at: new Date(),
          }
          const row = await trx
            .insertInto('intelligence_own_value')
            .values({ organisation_id: organisationId, indicator: value.indicator, year: value.year, ...fields })
            .onConflict(conflict =>
              conflict
                .columns(['organisation_id', 'indicator', 'year'])
                .doUpdateSet(eb => ({ ...fields, version: eb('intelligence_own_value.version', '+', 1) })),
            )
            .returningAll()
            .executeTakeFirstOrThrow()
          rows.push(toOwnValue(row))
        }
        await audit.record(trx, context, {
          action: 'intelligence.own-values-from-annex-a',
          subjectType: 'annex-a-run',
          subjectId: run.runId,
          details: { values: rows.length, skipped: skipped.length },
        })
        return rows
      })
      return { runId: run.runId, referenceDate: run.referenceDate, year: values[0]!.year, saved, skipped }
    },
  }
}

export type OwnIndicatorService = ReturnType<typeof createOwnIndicatorService>
