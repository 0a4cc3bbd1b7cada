import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'
import type { AnnexATables } from './annexASchema.js'
import type { AuditsTables } from './auditsSchema.js'
import type { EvidenceTables } from './evidenceSchema.js'
import type { IntelligenceTables } from './intelligenceSchema.js'
import type { WorkspaceTables } from './workspaceSchema.js'

/** Table types for Kysely. Every table carries organisation_id (see docs/scaling.md). */
export interface OrganisationTable {
  organisation_id: string
  name: string
  la_code: string | null
  created_at: ColumnType<Date, Date | string | undefined, never>
}

export interface AppUserTable {
  organisation_id: string
  user_id: string
  email: string
  display_name: string
  role: string
  password_hash: string
  must_change_password: boolean
  disabled_at: Date | null
  created_at: ColumnType<Date, Date | string | undefined, never>
  last_signed_in_at: Date | null
}

export interface AuditEventTable {
  organisation_id: string
  audit_event_id: Generated<string>
  occurred_at: ColumnType<Date, Date | string | undefined, never>
  actor_user_id: string | null
  actor_label: string
  action: string
  subject_type: string | null
  subject_id: string | null
  correlation_id: string | null
  details: ColumnType<Record<string, unknown>, string, never>
}

export interface WebSessionTable {
  organisation_id: string | null
  session_id: string
  data: ColumnType<Record<string, unknown>, string, string>
  expires_at: Date
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface SignInAttemptTable {
  organisation_id: string | null
  sign_in_attempt_id: Generated<string>
  email: string
  ip_address: string
  succeeded: boolean
  attempted_at: ColumnType<Date, Date | string | undefined, never>
}

export interface InspectionHistoryTable {
  organisation_id: string
  inspection_id: string
  framework_id: string
  inspection_type: string
  /** 'YYYY-MM-DD' (see the date type parser in connect.ts). */
  inspection_date: string
  note: string
  recorded_by: string | null
  recorded_at: ColumnType<Date, Date | string | undefined, never>
}

export interface InspectionHistoryGradeTable {
  organisation_id: string
  inspection_id: string
  judgement_id: string
  grade_id: string
}

/** Annex A test runs (migration 0003). Child-level tables: annex_a_row, annex_a_issue. */
export interface AnnexARunTable {
  organisation_id: string
  run_id: string
  reference_date: string
  schema_version: string
  schema_reason: string
  source_name: string
  source_kind: string
  population: number | null
  created_by_user_id: string | null
  created_by_label: string
  created_at: ColumnType<Date, Date | string | undefined, never>
  reapplied_from_run_id: string | null
  row_count: ColumnType<number, number | undefined, number>
  error_count: ColumnType<number, number | undefined, number>
  warning_count: ColumnType<number, number | undefined, number>
  query_count: ColumnType<number, number | undefined, number>
  lists: ColumnType<unknown, string | undefined, string>
  indicators: ColumnType<unknown, string | undefined, string>
  purged_at: Date | null
}

export interface AnnexASheetTable {
  organisation_id: string
  run_id: string
  sheet_index: number
  name: string
  list: number | null
  header_row: number | null
  header_cells: ColumnType<unknown[] | null, string | null, string | null>
}

export interface AnnexARowTable {
  organisation_id: string
  run_id: string
  row_seq: number
  sheet_index: number
  list: number
  row_number: number
  child_id: string | null
  /** The row's cells as read, as JSON text (migration 0013): parse with JSON.parse. */
  cells: string
  /** The row's validated values packed by position (`packRow`), as JSON text: parse, then `unpackRow`. */
  data: string
}

export interface AnnexAIssueTable {
  organisation_id: string
  run_id: string
  issue_seq: number
  fingerprint: string
  code: string
  severity: string
  list: number | null
  sheet_index: number | null
  row_number: number | null
  child_id: string | null
  column_name: string | null
  value: string | null
  message: string
  status: ColumnType<string, string | undefined, string>
  status_reason: string | null
  owner: string | null
  note: string | null
  status_changed_at: Date | null
}

export interface AnnexAValueMappingTable {
  organisation_id: string
  mapping_id: string
  list: number | null
  column_key: string
  from_value: string
  to_value: string
  updated_by_label: string
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface AnnexASettingTable {
  organisation_id: string
  retention_months: number
  pseudonym_secret: string
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>
}

export interface Database extends WorkspaceTables, AuditsTables, IntelligenceTables, EvidenceTables, AnnexATables {
  organisation: OrganisationTable
  app_user: AppUserTable
  audit_event: AuditEventTable
  web_session: WebSessionTable
  sign_in_attempt: SignInAttemptTable
  inspection_history: InspectionHistoryTable
  inspection_history_grade: InspectionHistoryGradeTable
  annex_a_run: AnnexARunTable
  annex_a_sheet: AnnexASheetTable
  annex_a_row: AnnexARowTable
  annex_a_issue: AnnexAIssueTable
  annex_a_value_mapping: AnnexAValueMappingTable
  annex_a_setting: AnnexASettingTable
}

export type Organisation = Selectable<OrganisationTable>
export type AppUser = Selectable<AppUserTable>
export type NewAppUser = Insertable<AppUserTable>
export type AuditEventRow = Selectable<AuditEventTable>
