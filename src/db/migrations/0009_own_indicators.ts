import { sql, type Kysely } from 'kysely'

// Immutable once released: change the schema with a new migration, never by editing this one.
// Aggregate figures and phrase rules only: nothing here is child-level.
export async function up(db: Kysely<unknown>): Promise<void> {
  // The organisation's own value of a DfE indicator for a year: typed in, or taken from an Annex A test run.
  await sql`
    CREATE TABLE intelligence_own_value (
      organisation_id uuid NOT NULL REFERENCES organisation (organisation_id),
      indicator text NOT NULL CHECK (length(indicator) BETWEEN 1 AND 80),
      year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
      value double precision NOT NULL,
      source text NOT NULL CHECK (source IN ('typed', 'annex-a')),
      annex_a_run_id uuid,
      annex_a_indicator text,
      annex_a_reference_date date,
      note text CHECK (note IS NULL OR length(note) <= 500),
      version integer NOT NULL DEFAULT 1,
      updated_by_label text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (organisation_id, indicator, year)
    )`.execute(db)

  // Theme phrase rules per organisation; a row overrides the built-in rule with the same id, or adds a theme.
  await sql`
    CREATE TABLE intelligence_theme_rule (
      organisation_id uuid NOT NULL REFERENCES organisation (organisation_id),
      theme_id text NOT NULL CHECK (theme_id ~ '^[a-z0-9-]{1,60}$'),
      label text NOT NULL CHECK (length(label) BETWEEN 1 AND 120),
      phrases jsonb NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      source text NOT NULL,
      version integer NOT NULL DEFAULT 1,
      updated_by_label text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (organisation_id, theme_id)
    )`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed: restore from a backup instead.')
}
