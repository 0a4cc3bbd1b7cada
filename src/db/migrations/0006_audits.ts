import { sql, type Kysely } from 'kysely'

// Immutable once released. Case samples and practice audits (issue 6). Keys lead with organisation_id; ids come
// from the app. Child ids are stored because an audit is about one child; no names or other details are.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The plan is stored as drawn (a snapshot), so a sample can be redrawn or explained after the plan changes.
  await sql`
    CREATE TABLE audit_sample (
      organisation_id uuid NOT NULL REFERENCES organisation (organisation_id),
      sample_id uuid NOT NULL,
      run_id uuid NOT NULL,
      plan_id text NOT NULL,
      plan jsonb NOT NULL,
      seed text NOT NULL,
      reference_date date NOT NULL,
      shortfalls jsonb NOT NULL DEFAULT '[]'::jsonb,
      rejected_child_ids jsonb NOT NULL DEFAULT '[]'::jsonb,
      created_by_label text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (organisation_id, sample_id),
      FOREIGN KEY (organisation_id, run_id) REFERENCES annex_a_run (organisation_id, run_id) ON DELETE CASCADE
    )`.execute(db)

  await sql`
    CREATE TABLE audit_sample_case (
      organisation_id uuid NOT NULL,
      sample_id uuid NOT NULL,
      position integer NOT NULL,
      child_id text NOT NULL,
      list smallint NOT NULL,
      row_number integer NOT NULL,
      stratum text NOT NULL,
      team text,
      worker text,
      PRIMARY KEY (organisation_id, sample_id, position),
      UNIQUE (organisation_id, sample_id, child_id),
      FOREIGN KEY (organisation_id, sample_id) REFERENCES audit_sample (organisation_id, sample_id) ON DELETE CASCADE
    )`.execute(db)

  await sql`
    CREATE TABLE case_audit (
      organisation_id uuid NOT NULL REFERENCES organisation (organisation_id),
      audit_id uuid NOT NULL,
      sample_id uuid,
      child_id text NOT NULL,
      team text,
      template_id text NOT NULL,
      template_version integer NOT NULL,
      auditor_user_id uuid NOT NULL,
      assigned_by_label text NOT NULL,
      assigned_on date NOT NULL,
      due_on date NOT NULL,
      status text NOT NULL DEFAULT 'assigned' CHECK (status IN ('assigned', 'submitted', 'signed-off')),
      answers jsonb NOT NULL DEFAULT '{}'::jsonb,
      overall_grade text,
      strengths text NOT NULL DEFAULT '',
      areas_for_improvement text NOT NULL DEFAULT '',
      actions text NOT NULL DEFAULT '',
      themes jsonb NOT NULL DEFAULT '[]'::jsonb,
      safeguarding_concern boolean NOT NULL DEFAULT false,
      concern_manager text,
      concern_raised_at timestamptz,
      submitted_on date,
      practitioner_signed_off_by text,
      manager_signed_off_by text,
      signed_off_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (organisation_id, audit_id),
      FOREIGN KEY (organisation_id, sample_id) REFERENCES audit_sample (organisation_id, sample_id) ON DELETE SET NULL (sample_id),
      CHECK (NOT safeguarding_concern OR length(concern_manager) > 0)
    )`.execute(db)
  await sql`CREATE INDEX case_audit_by_auditor ON case_audit (organisation_id, auditor_user_id, status)`.execute(db)
  await sql`CREATE INDEX case_audit_by_child ON case_audit (organisation_id, child_id, submitted_on)`.execute(db)

  // A second auditor's independent answers; one moderation per audit.
  await sql`
    CREATE TABLE case_audit_moderation (
      organisation_id uuid NOT NULL,
      audit_id uuid NOT NULL,
      moderator_user_id uuid NOT NULL,
      answers jsonb NOT NULL,
      overall_grade text,
      questions_compared integer NOT NULL,
      questions_agreed integer NOT NULL,
      overall_agreed boolean,
      moderated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (organisation_id, audit_id),
      FOREIGN KEY (organisation_id, audit_id) REFERENCES case_audit (organisation_id, audit_id) ON DELETE CASCADE
    )`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed: restore from a backup instead.')
}
