import { sql, type Kysely } from 'kysely'

// Immutable once released. Issue 4's million-row import: rows are now written with COPY, and their cells and values
// kept as the JSON text the app wrote, not parsed into jsonb. Parsing them cost PostgreSQL about a third of its work
// in the import, and nothing queries inside them: the app reads them whole and parses them itself. The text is
// JSON.stringify's output (or, for rows converted here, jsonb's own rendering of the same JSON). See docs/decisions/0008-annex-a-rows-by-copy-as-json-text.md.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE annex_a_row
      ALTER COLUMN cells TYPE text USING cells::text,
      ALTER COLUMN data TYPE text USING data::text`.execute(db)
}

// One way, like the others: rows stored since (NUL or lone surrogates kept as JSON escapes, cancelled jobs, repeated
// row numbers) need not fit the old shape.
export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed: restore from a backup instead.')
}
