import type { ColumnType } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string | undefined, string>

/** Tables of migration 0006 (case samples and practice audits). Dates are 'YYYY-MM-DD' strings (see connect.ts). */
export interface AuditSampleTable {
  organisation_id: string
  sample_id: string
  run_id: string
  plan_id: string
  plan: ColumnType<unknown, string, string>
  seed: string
  reference_date: string
  shortfalls: Json<unknown>
  rejected_child_ids: Json<string[]>
  created_by_label: string
  created_at: ColumnType<Date, Date | string | undefined, never>
}

export interface AuditSampleCaseTable {
  organisation_id: string
  sample_id: string
  position: number
  child_id: string
  list: number
  row_number: number
  stratum: string
  team: string | null
  worker: string | null
}

export interface CaseAuditTable {
  organisation_id: string
  audit_id: string
  sample_id: string | null
  child_id: string
  team: string | null
  template_id: string
  template_version: number
  auditor_user_id: string
  assigned_by_label: string
  assigned_on: string
  due_on: string
  status: ColumnType<string, string | undefined, string>
  answers: Json<Record<string, { grade: string; comment?: string }>>
  overall_grade: string | null
  strengths: ColumnType<string, string | undefined, string>
  areas_for_improvement: ColumnType<string, string | undefined, string>
  actions: ColumnType<string, string | undefined, string>
  themes: Json<string[]>
  safeguarding_concern: ColumnType<boolean, boolean | undefined, boolean>
  concern_manager: string | null
  concern_raised_at: Date | null
  submitted_on: string | null
  practitioner_signed_off_by: string | null
  manager_signed_off_by: string | null
  signed_off_at: Date | null
  updated_at: Timestamp
  /** Migration 0011: the named manager as a person; older concerns have only `concern_manager`'s free text. */
  concern_manager_user_id: ColumnType<string | null, string | null | undefined, string | null>
  concern_raised_by_user_id: ColumnType<string | null, string | null | undefined, string | null>
  concern_acknowledged_at: ColumnType<Date | null, Date | null | undefined, Date | null>
  concern_acknowledged_by: ColumnType<string | null, string | null | undefined, string | null>
  concern_acknowledgement: ColumnType<string | null, string | null | undefined, string | null>
}

export interface CaseAuditModerationTable {
  organisation_id: string
  audit_id: string
  moderator_user_id: string
  answers: Json<Record<string, { grade: string; comment?: string }>>
  overall_grade: string | null
  questions_compared: number
  questions_agreed: number
  overall_agreed: boolean | null
  moderated_at: ColumnType<Date, Date | string | undefined, never>
}

/** Migration 0011: who a lead asked to moderate an audit, and by when (one current assignment per audit). */
export interface CaseAuditModerationAssignmentTable {
  organisation_id: string
  audit_id: string
  moderator_user_id: string
  due_on: string
  assigned_by_user_id: string | null
  assigned_by_label: string
  assigned_at: Timestamp
}

/** Tables of migration 0008 (custom audit templates, theme taxonomy, stored sampling plans). */
export interface AuditTemplateTable {
  organisation_id: string
  template_id: string
  version: number
  label: string
  source: ColumnType<string, string | undefined, string>
  sections: Json<unknown>
  change_note: ColumnType<string, string | undefined, string>
  created_by_label: string
  created_at: ColumnType<Date, Date | string | undefined, never>
}

export interface AuditThemeTable {
  organisation_id: string
  theme_id: string
  position: number
  label: string
  phrases: Json<string[]>
  source: ColumnType<string, string | undefined, string>
  retired: ColumnType<boolean, boolean | undefined, boolean>
  version: ColumnType<number, number | undefined, number>
  updated_by_label: string
  updated_at: Timestamp
}

export interface AuditSamplingPlanTable {
  organisation_id: string
  plan_id: string
  label: string
  plan: Json<unknown>
  version: ColumnType<number, number | undefined, number>
  updated_by_label: string
  updated_at: Timestamp
}

export interface AuditsTables {
  audit_sample: AuditSampleTable
  audit_sample_case: AuditSampleCaseTable
  case_audit: CaseAuditTable
  case_audit_moderation: CaseAuditModerationTable
  case_audit_moderation_assignment: CaseAuditModerationAssignmentTable
  audit_template: AuditTemplateTable
  audit_theme: AuditThemeTable
  audit_sampling_plan: AuditSamplingPlanTable
}
