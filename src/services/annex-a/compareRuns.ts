import { sql } from 'kysely'
import type { Executor } from '../platform/auditService.js'

export interface ComparisonCounts {
  new: number
  resolved: number
  persisting: number
}

export type ComparisonCategory = 'new' | 'resolved' | 'persisting'

export interface ComparedIssue {
  category: ComparisonCategory
  issueSeq: number
  /** Which run the issue row comes from: the later run for new and persisting, the earlier for resolved. */
  runId: string
  code: string
  severity: string
  list: number | null
  rowNumber: number | null
  childId: string | null
  column: string | null
  value: string | null
  message: string
}

/** Issues matched by fingerprint and order within it, so two identical issues pair up one to one. */
const matched = (organisationId: string, earlier: string, later: string) => sql`
  WITH a AS (
    SELECT issue_seq, fingerprint, row_number() OVER (PARTITION BY fingerprint ORDER BY issue_seq) AS n
    FROM annex_a_issue WHERE organisation_id = ${organisationId} AND run_id = ${earlier}
  ), b AS (
    SELECT issue_seq, fingerprint, row_number() OVER (PARTITION BY fingerprint ORDER BY issue_seq) AS n
    FROM annex_a_issue WHERE organisation_id = ${organisationId} AND run_id = ${later}
  ), pairs AS (
    SELECT CASE WHEN a.issue_seq IS NULL THEN 'new' WHEN b.issue_seq IS NULL THEN 'resolved' ELSE 'persisting' END AS category,
           coalesce(b.issue_seq, a.issue_seq) AS issue_seq,
           CASE WHEN b.issue_seq IS NULL THEN ${earlier}::uuid ELSE ${later}::uuid END AS run_id
    FROM a FULL JOIN b ON a.fingerprint = b.fingerprint AND a.n = b.n
  )`

export async function compareCounts(
  executor: Executor,
  organisationId: string,
  earlier: string,
  later: string,
): Promise<ComparisonCounts> {
  const result = await sql<{ category: ComparisonCategory; count: number }>`
    ${matched(organisationId, earlier, later)}
    SELECT category, count(*)::int AS count FROM pairs GROUP BY category`.execute(executor)
  const counts: ComparisonCounts = { new: 0, resolved: 0, persisting: 0 }
  for (const row of result.rows) counts[row.category] = row.count
  return counts
}

export async function comparedIssues(
  executor: Executor,
  organisationId: string,
  earlier: string,
  later: string,
  options: { category?: ComparisonCategory | undefined; limit: number; offset: number },
): Promise<ComparedIssue[]> {
  const result = await sql<{
    category: ComparisonCategory
    issue_seq: number
    run_id: string
    code: string
    severity: string
    list: number | null
    row_number: number | null
    child_id: string | null
    column_name: string | null
    value: string | null
    message: string
  }>`
    ${matched(organisationId, earlier, later)}
    SELECT pairs.category, pairs.issue_seq, pairs.run_id, i.code, i.severity, i.list, i.row_number, i.child_id,
           i.column_name, i.value, i.message
    FROM pairs JOIN annex_a_issue i
      ON i.organisation_id = ${organisationId} AND i.run_id = pairs.run_id AND i.issue_seq = pairs.issue_seq
    WHERE ${options.category ?? null}::text IS NULL OR pairs.category = ${options.category ?? null}
    ORDER BY CASE pairs.category WHEN 'new' THEN 0 WHEN 'persisting' THEN 1 ELSE 2 END, i.list NULLS FIRST, i.row_number, i.issue_seq
    LIMIT ${options.limit} OFFSET ${options.offset}`.execute(executor)
  return result.rows.map(row => ({
    category: row.category,
    issueSeq: row.issue_seq,
    runId: row.run_id,
    code: row.code,
    severity: row.severity,
    list: row.list,
    rowNumber: row.row_number,
    childId: row.child_id,
    column: row.column_name,
    value: row.value,
    message: row.message,
  }))
}
