import { sql, type Kysely } from 'kysely'

// Immutable once released. Issue 6, second part: custom audit templates (versioned), an editable theme taxonomy and
// stored custom sampling plans, each per organisation. No child data in any of these tables.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A new version is a copy of the latest with edits; old versions stay, because an audit keeps the version it was
  // started with (case_audit.template_id + template_version).
  await sql`
    CREATE TABLE audit_template (
      organisation_id uuid NOT NULL REFERENCES organisation (organisation_id),
      template_id text NOT NULL CHECK (template_id ~ '^[a-z0-9][a-z0-9-]{0,59}$'),
      version integer NOT NULL CHECK (version >= 1),
      label text NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
      source text NOT NULL DEFAULT '',
      sections jsonb NOT NULL,
      change_note text NOT NULL DEFAULT '',
      created_by_label text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (organisation_id, template_id, version)
    )`.execute(db)

  // The organisation's own theme taxonomy. Empty until first edited: until then seed 004's themes apply, and the
  // first edit copies them in. Retired themes stay so that older audits still read.
  await sql`
    CREATE TABLE audit_theme (
      organisation_id uuid NOT NULL REFERENCES organisation (organisation_id),
      theme_id text NOT NULL CHECK (theme_id ~ '^[a-z0-9][a-z0-9-]{0,59}$'),
      position integer NOT NULL,
      label text NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
      phrases jsonb NOT NULL DEFAULT '[]'::jsonb,
      source text NOT NULL DEFAULT '',
      retired boolean NOT NULL DEFAULT false,
      version integer NOT NULL DEFAULT 1,
      updated_by_label text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (organisation_id, theme_id)
    )`.execute(db)

  // Custom sampling plans, stored as checked by readCustomPlan; edits use the version column as an optimistic lock.
  await sql`
    CREATE TABLE audit_sampling_plan (
      organisation_id uuid NOT NULL REFERENCES organisation (organisation_id),
      plan_id text NOT NULL CHECK (plan_id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
      label text NOT NULL,
      plan jsonb NOT NULL,
      version integer NOT NULL DEFAULT 1,
      updated_by_label text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (organisation_id, plan_id)
    )`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed: restore from a backup instead.')
}
