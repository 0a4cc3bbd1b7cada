import { sql, type Kysely } from 'kysely'

// Immutable once released: change the schema with a new migration, never by editing this one.
// An organisation's own inspection history: one row per inspection or visit, one row per grade.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE inspection_history (
      organisation_id uuid NOT NULL REFERENCES organisation (organisation_id),
      inspection_id uuid NOT NULL,
      framework_id text NOT NULL CHECK (framework_id ~ '^[a-z0-9-]{1,60}$'),
      inspection_type text NOT NULL CHECK (inspection_type ~ '^[a-z0-9-]{1,60}$'),
      inspection_date date NOT NULL,
      note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
      recorded_by uuid,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (organisation_id, inspection_id)
    )`.execute(db)
  await sql`CREATE INDEX inspection_history_by_date ON inspection_history (organisation_id, inspection_date DESC)`.execute(
    db,
  )

  await sql`
    CREATE TABLE inspection_history_grade (
      organisation_id uuid NOT NULL,
      inspection_id uuid NOT NULL,
      judgement_id text NOT NULL CHECK (judgement_id ~ '^[a-z0-9-]{1,80}$'),
      grade_id text NOT NULL CHECK (grade_id ~ '^[a-z0-9-]{1,60}$'),
      PRIMARY KEY (organisation_id, inspection_id, judgement_id),
      FOREIGN KEY (organisation_id, inspection_id)
        REFERENCES inspection_history (organisation_id, inspection_id) ON DELETE CASCADE
    )`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed: restore from a backup instead.')
}
