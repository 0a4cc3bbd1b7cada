import { sql, type Kysely } from 'kysely'

// Immutable once released. The readiness workspace: improvement and work plans, and self-evaluations.
// Every key leads with organisation_id (a deployment can distribute by organisation); the app generates ids.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE plan (
      organisation_id uuid NOT NULL REFERENCES organisation (organisation_id),
      plan_id uuid NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      kind text NOT NULL CHECK (kind IN ('improvement', 'work')),
      source_name text NOT NULL DEFAULT '',
      created_by_label text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (organisation_id, plan_id)
    )`.execute(db)

  await sql`
    CREATE TABLE plan_section (
      organisation_id uuid NOT NULL,
      plan_id uuid NOT NULL,
      section_id uuid NOT NULL,
      position integer NOT NULL,
      ref text NOT NULL DEFAULT '',
      title text NOT NULL,
      source_reference text NOT NULL DEFAULT '',
      PRIMARY KEY (organisation_id, section_id),
      FOREIGN KEY (organisation_id, plan_id) REFERENCES plan (organisation_id, plan_id) ON DELETE CASCADE
    )`.execute(db)

  // status and last_updated_on mirror the latest update, so RAG needs no join; version is the optimistic lock.
  await sql`
    CREATE TABLE plan_item (
      organisation_id uuid NOT NULL,
      item_id uuid NOT NULL,
      plan_id uuid NOT NULL,
      section_id uuid NOT NULL,
      position integer NOT NULL,
      ref text NOT NULL DEFAULT '',
      issue text NOT NULL DEFAULT '',
      area text NOT NULL DEFAULT '',
      lead_manager text NOT NULL DEFAULT '',
      lead_officer text NOT NULL DEFAULT '',
      action text NOT NULL,
      milestone_date date,
      target_date date,
      status text NOT NULL CHECK (status IN ('not-started', 'on-track', 'at-risk', 'off-track', 'complete')),
      completed_on date,
      rag_override text CHECK (rag_override IN ('red', 'amber', 'green', 'complete')),
      rag_override_reason text,
      rag_override_by text,
      last_updated_on date NOT NULL,
      source_reference text NOT NULL DEFAULT '',
      version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (organisation_id, item_id),
      FOREIGN KEY (organisation_id, section_id) REFERENCES plan_section (organisation_id, section_id) ON DELETE CASCADE,
      CHECK ((rag_override IS NULL) = (rag_override_reason IS NULL))
    )`.execute(db)
  await sql`CREATE INDEX plan_item_by_plan ON plan_item (organisation_id, plan_id, position)`.execute(db)

  await sql`
    CREATE TABLE plan_update (
      organisation_id uuid NOT NULL,
      update_id uuid NOT NULL,
      item_id uuid NOT NULL,
      update_date date NOT NULL,
      status text NOT NULL,
      note text NOT NULL DEFAULT '',
      recorded_by_label text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (organisation_id, update_id),
      FOREIGN KEY (organisation_id, item_id) REFERENCES plan_item (organisation_id, item_id) ON DELETE CASCADE
    )`.execute(db)
  await sql`CREATE INDEX plan_update_by_item ON plan_update (organisation_id, item_id, update_date DESC)`.execute(db)

  await sql`
    CREATE TABLE sef (
      organisation_id uuid NOT NULL REFERENCES organisation (organisation_id),
      sef_id uuid NOT NULL,
      framework_id text NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (organisation_id, sef_id)
    )`.execute(db)

  await sql`
    CREATE TABLE sef_version (
      organisation_id uuid NOT NULL,
      sef_id uuid NOT NULL,
      version_number integer NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'submitted', 'approved')),
      created_by_label text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      submitted_at timestamptz,
      approved_by text,
      approved_at_board text,
      approved_on date,
      lock_version integer NOT NULL DEFAULT 1,
      PRIMARY KEY (organisation_id, sef_id, version_number),
      FOREIGN KEY (organisation_id, sef_id) REFERENCES sef (organisation_id, sef_id) ON DELETE CASCADE
    )`.execute(db)

  await sql`
    CREATE TABLE sef_area (
      organisation_id uuid NOT NULL,
      sef_id uuid NOT NULL,
      version_number integer NOT NULL,
      judgement_id text NOT NULL,
      what_we_know text NOT NULL DEFAULT '',
      how_we_know text NOT NULL DEFAULT '',
      our_plans text NOT NULL DEFAULT '',
      grade_id text,
      justification text NOT NULL DEFAULT '',
      PRIMARY KEY (organisation_id, sef_id, version_number, judgement_id),
      FOREIGN KEY (organisation_id, sef_id, version_number) REFERENCES sef_version (organisation_id, sef_id, version_number) ON DELETE CASCADE
    )`.execute(db)

  await sql`
    CREATE TABLE sef_criterion (
      organisation_id uuid NOT NULL,
      sef_id uuid NOT NULL,
      version_number integer NOT NULL,
      criterion_id text NOT NULL,
      position integer NOT NULL,
      judgement_id text NOT NULL,
      text text NOT NULL,
      origin text NOT NULL CHECK (origin IN ('framework', 'own')),
      target_grade text NOT NULL,
      rating text CHECK (rating IN ('met', 'partly-met', 'not-met')),
      difference_made text NOT NULL DEFAULT '',
      evidence_text text NOT NULL DEFAULT '',
      owner text NOT NULL DEFAULT '',
      plan_item_id uuid,
      PRIMARY KEY (organisation_id, sef_id, version_number, criterion_id),
      FOREIGN KEY (organisation_id, sef_id, version_number) REFERENCES sef_version (organisation_id, sef_id, version_number) ON DELETE CASCADE
    )`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'sef_criterion',
    'sef_area',
    'sef_version',
    'sef',
    'plan_update',
    'plan_item',
    'plan_section',
    'plan',
  ])
    await sql.raw(`DROP TABLE IF EXISTS ${table}`).execute(db)
}
