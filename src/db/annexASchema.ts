import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string, string>

/** Tables of migration 0010 (background Annex A imports). The tables of 0003 are in schema.ts. */
export interface AnnexAImportJobTable {
  organisation_id: string
  job_id: string
  status: ColumnType<string, string | undefined, string>
  source_name: string
  files: Json<{ path: string; name: string }[]>
  options: Json<{ referenceDate: string; schema: string; population: number | null }>
  total_bytes: ColumnType<number, number | undefined, number>
  rows_read: ColumnType<number, number | undefined, number>
  issues_found: ColumnType<number, number | undefined, number>
  run_id: string | null
  error: string | null
  attempts: ColumnType<number, number | undefined, number>
  requested_by_user_id: string | null
  requested_by_role: string | null
  requested_by_label: string
  created_at: ColumnType<Date, Date | string | undefined, never>
  started_at: Timestamp | null
  heartbeat_at: Timestamp | null
  finished_at: Timestamp | null
  cancelled_by_label: string | null
}

export interface AnnexATables {
  annex_a_import_job: AnnexAImportJobTable
}
