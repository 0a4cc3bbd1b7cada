import { sql, type Kysely } from 'kysely'

// Immutable once released. Moderation by an assigned second auditor, and safeguarding concerns escalated to a named
// manager who acknowledges them (issue 6).
export async function up(db: Kysely<unknown>): Promise<void> {
  // One current assignment per audit: a lead may hand it to someone else until it is moderated. The moderator is a
  // person of the same organisation (the foreign key includes organisation_id, so no assignment crosses tenants).
  await sql`
    CREATE TABLE case_audit_moderation_assignment (
      organisation_id uuid NOT NULL REFERENCES organisation (organisation_id),
      audit_id uuid NOT NULL,
      moderator_user_id uuid NOT NULL,
      due_on date NOT NULL,
      assigned_by_user_id uuid,
      assigned_by_label text NOT NULL,
      assigned_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (organisation_id, audit_id),
      FOREIGN KEY (organisation_id, audit_id) REFERENCES case_audit (organisation_id, audit_id) ON DELETE CASCADE,
      FOREIGN KEY (organisation_id, moderator_user_id) REFERENCES app_user (organisation_id, user_id)
    )`.execute(db)
  await sql`
    CREATE INDEX case_audit_moderation_assignment_by_moderator
    ON case_audit_moderation_assignment (organisation_id, moderator_user_id)`.execute(db)

  // The named manager is now a person (concern_manager stays: older rows have only its free text, and new rows keep
  // the name as it was when the concern was raised). An acknowledgement never clears the concern itself.
  await sql`
    ALTER TABLE case_audit
      ADD COLUMN concern_manager_user_id uuid,
      ADD COLUMN concern_raised_by_user_id uuid,
      ADD COLUMN concern_acknowledged_at timestamptz,
      ADD COLUMN concern_acknowledged_by uuid,
      ADD COLUMN concern_acknowledgement text,
      ADD FOREIGN KEY (organisation_id, concern_manager_user_id) REFERENCES app_user (organisation_id, user_id),
      ADD CHECK (concern_acknowledged_at IS NULL OR (safeguarding_concern AND length(concern_acknowledgement) > 0))`.execute(
    db,
  )
  // Open concerns by named manager: what /audits and the dashboard ask on every visit.
  await sql`
    CREATE INDEX case_audit_open_concerns ON case_audit (organisation_id, concern_manager_user_id)
    WHERE safeguarding_concern AND concern_acknowledged_at IS NULL`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed: restore from a backup instead.')
}
