import { sql } from 'kysely'
import type { ListNumber } from '../../domain/annex-a/index.js'
import { storedRow } from '../annex-a/storedRows.js'
import type { PopulationRow, SampledCase, SamplingPlan, Shortfall } from '../../domain/sampling/index.js'
import type { Executor } from '../platform/auditService.js'

/**
 * Reads Annex A test runs straight from the tables of migration 0003 (the Annex A service offers rows a page at a
 * time for people; sampling needs the whole population at once, without a child-data audit event per page).
 */
export async function findRun(executor: Executor, organisationId: string, runId: string) {
  return executor
    .selectFrom('annex_a_run')
    .select(['run_id', 'reference_date', 'purged_at'])
    .where('organisation_id', '=', organisationId)
    .where('run_id', '=', runId)
    .executeTakeFirst()
}

/** Every child row of a run; List 11 names adopters, not children, so it is never sampled. */
export async function loadPopulation(
  executor: Executor,
  organisationId: string,
  runId: string,
): Promise<PopulationRow[]> {
  const rows = await executor
    .selectFrom('annex_a_row')
    .select(['child_id', 'list', 'row_number', 'data'])
    .where('organisation_id', '=', organisationId)
    .where('run_id', '=', runId)
    .where('child_id', 'is not', null)
    .where('list', '<>', 11)
    .execute()
  return rows.map(row => ({
    childId: row.child_id!,
    list: row.list as ListNumber,
    row: row.row_number,
    data: storedRow(row.list as ListNumber, row.data),
  }))
}

/** Children whose case was assigned or audited on or after `since` (for plans that exclude recent audits). */
export async function recentlyAuditedChildren(
  executor: Executor,
  organisationId: string,
  since: string,
): Promise<Set<string>> {
  const rows = await executor
    .selectFrom('case_audit')
    .select('child_id')
    .distinct()
    .where('organisation_id', '=', organisationId)
    .where(sql<string>`coalesce(submitted_on, assigned_on)`, '>=', since)
    .execute()
  return new Set(rows.map(row => row.child_id))
}

export interface StoredSample {
  sampleId: string
  runId: string
  plan: SamplingPlan
  seed: string
  referenceDate: string
  shortfalls: Shortfall[]
  rejected: string[]
  createdAt: Date
  createdBy: string
  cases: SampledCase[]
}

export async function insertSample(
  executor: Executor,
  organisationId: string,
  sample: Omit<StoredSample, 'createdAt'>,
) {
  await executor
    .insertInto('audit_sample')
    .values({
      organisation_id: organisationId,
      sample_id: sample.sampleId,
      run_id: sample.runId,
      plan_id: sample.plan.id,
      plan: JSON.stringify(sample.plan),
      seed: sample.seed,
      reference_date: sample.referenceDate,
      shortfalls: JSON.stringify(sample.shortfalls),
      rejected_child_ids: JSON.stringify(sample.rejected),
      created_by_label: sample.createdBy,
    })
    .execute()
  if (sample.cases.length > 0)
    await executor
      .insertInto('audit_sample_case')
      .values(
        sample.cases.map((item, index) => ({
          organisation_id: organisationId,
          sample_id: sample.sampleId,
          position: index + 1,
          ...caseColumns(item),
        })),
      )
      .execute()
}

export function caseColumns(item: SampledCase) {
  return {
    child_id: item.childId,
    list: item.list,
    row_number: item.row,
    stratum: item.stratum,
    team: item.team,
    worker: item.worker,
  }
}

export async function readSample(
  executor: Executor,
  organisationId: string,
  sampleId: string,
): Promise<StoredSample | undefined> {
  const sample = await executor
    .selectFrom('audit_sample')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('sample_id', '=', sampleId)
    .executeTakeFirst()
  if (!sample) return undefined
  const cases = await executor
    .selectFrom('audit_sample_case')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('sample_id', '=', sampleId)
    .orderBy('position')
    .execute()
  return {
    sampleId: sample.sample_id,
    runId: sample.run_id,
    plan: sample.plan as SamplingPlan,
    seed: sample.seed,
    referenceDate: sample.reference_date,
    shortfalls: sample.shortfalls as Shortfall[],
    rejected: sample.rejected_child_ids,
    createdAt: sample.created_at,
    createdBy: sample.created_by_label,
    cases: cases.map(row => ({
      childId: row.child_id,
      list: row.list as ListNumber,
      row: row.row_number,
      stratum: row.stratum,
      team: row.team,
      worker: row.worker,
    })),
  }
}
