import type { ColumnType, Generated, Insertable, Selectable } from 'kysely'

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

export interface Database {
  organisation: OrganisationTable
  app_user: AppUserTable
  audit_event: AuditEventTable
  web_session: WebSessionTable
  sign_in_attempt: SignInAttemptTable
}

export type Organisation = Selectable<OrganisationTable>
export type AppUser = Selectable<AppUserTable>
export type NewAppUser = Insertable<AppUserTable>
export type AuditEventRow = Selectable<AuditEventTable>
