import { sql, type Kysely } from 'kysely'

// Immutable once released: change the schema with a new migration, never by editing this one.
// Published data only (Ofsted outcomes, DfE statistics, report text): nothing here is child-level.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE intelligence_import (
      organisation_id uuid NOT NULL REFERENCES organisation (organisation_id),
      import_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('outcomes', 'indicators')),
      source_name text NOT NULL CHECK (length(source_name) BETWEEN 1 AND 200),
      framework text,
      rows_read integer NOT NULL,
      record_count integer NOT NULL,
      warnings jsonb NOT NULL DEFAULT '[]'::jsonb,
      imported_by_label text NOT NULL,
      imported_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (organisation_id, import_id)
    )`.execute(db)

  await sql`
    CREATE TABLE intelligence_outcome (
      organisation_id uuid NOT NULL,
      import_id uuid NOT NULL,
      outcome_seq integer NOT NULL,
      authority text NOT NULL,
      authority_code text,
      region text,
      framework text NOT NULL,
      inspection_type text,
      inspection_date date,
      publication_date date,
      theme text,
      grades jsonb NOT NULL,
      origin jsonb NOT NULL,
      PRIMARY KEY (organisation_id, import_id, outcome_seq),
      FOREIGN KEY (organisation_id, import_id) REFERENCES intelligence_import (organisation_id, import_id) ON DELETE CASCADE
    )`.execute(db)

  await sql`
    CREATE TABLE intelligence_indicator_value (
      organisation_id uuid NOT NULL,
      import_id uuid NOT NULL,
      value_seq integer NOT NULL,
      indicator text NOT NULL,
      year integer NOT NULL,
      level text NOT NULL CHECK (level IN ('national', 'regional', 'local')),
      area text NOT NULL,
      value double precision NOT NULL,
      PRIMARY KEY (organisation_id, import_id, value_seq),
      FOREIGN KEY (organisation_id, import_id) REFERENCES intelligence_import (organisation_id, import_id) ON DELETE CASCADE
    )`.execute(db)
  await sql`CREATE INDEX intelligence_indicator_value_by_indicator ON intelligence_indicator_value (organisation_id, indicator, year)`.execute(
    db,
  )

  await sql`
    CREATE TABLE intelligence_report (
      organisation_id uuid NOT NULL REFERENCES organisation (organisation_id),
      report_id uuid NOT NULL,
      source_name text NOT NULL CHECK (length(source_name) BETWEEN 1 AND 200),
      pages integer NOT NULL,
      authority text,
      authority_code text,
      framework text,
      inspection_type text,
      inspection_start date,
      inspection_end date,
      publication_date date,
      grades jsonb NOT NULL,
      recommendations jsonb NOT NULL,
      themes jsonb NOT NULL,
      problems jsonb NOT NULL,
      extracted_by_label text NOT NULL,
      extracted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (organisation_id, report_id)
    )`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed: restore from a backup instead.')
}
