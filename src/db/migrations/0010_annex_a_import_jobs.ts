import { sql, type Kysely } from 'kysely'

// Immutable once released. Background imports of large Annex A uploads (issue 4): a queue the web app's own worker
// claims with FOR UPDATE SKIP LOCKED. The uploaded files stay on the server's disk (`files` holds their paths and
// the names people gave them) until the job ends; the test run itself is still written in one transaction.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE annex_a_import_job (
      organisation_id uuid NOT NULL REFERENCES organisation (organisation_id),
      job_id uuid NOT NULL,
      status text NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'reading', 'validating', 'writing', 'done', 'failed')),
      source_name text NOT NULL,
      files jsonb NOT NULL,
      options jsonb NOT NULL,
      total_bytes bigint NOT NULL DEFAULT 0,
      rows_read integer NOT NULL DEFAULT 0,
      issues_found integer NOT NULL DEFAULT 0,
      run_id uuid,
      error text,
      attempts integer NOT NULL DEFAULT 0,
      requested_by_user_id uuid,
      requested_by_role text,
      requested_by_label text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      started_at timestamptz,
      heartbeat_at timestamptz,
      finished_at timestamptz,
      PRIMARY KEY (organisation_id, job_id),
      CHECK (status <> 'done' OR run_id IS NOT NULL)
    )`.execute(db)
  await sql`CREATE INDEX annex_a_import_job_queue ON annex_a_import_job (created_at) WHERE status = 'queued'`.execute(
    db,
  )
  await sql`
    CREATE INDEX annex_a_import_job_running ON annex_a_import_job (heartbeat_at)
    WHERE status IN ('reading', 'validating', 'writing')`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed: restore from a backup instead.')
}
