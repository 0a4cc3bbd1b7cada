import { sql, type Kysely } from 'kysely'

// Immutable once released. Background Annex A imports can be cancelled: a queued job never starts, a running one
// stops at its next progress check and rolls back (nothing of it is stored). Who cancelled is kept with the job.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE annex_a_import_job DROP CONSTRAINT annex_a_import_job_status_check`.execute(db)
  await sql`
    ALTER TABLE annex_a_import_job
      ADD CONSTRAINT annex_a_import_job_status_check
        CHECK (status IN ('queued', 'reading', 'validating', 'writing', 'done', 'failed', 'cancelled')),
      ADD COLUMN cancelled_by_label text`.execute(db)
}

// One way, like the others: rows stored since (NUL or lone surrogates kept as JSON escapes, cancelled jobs, repeated
// row numbers) need not fit the old shape.
export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed: restore from a backup instead.')
}
