import { sql, type Kysely } from 'kysely'

// Immutable once released. Issue 4's million-row import: rows are now written with COPY, and their cells and values
// kept as the JSON text the app wrote, not parsed into jsonb. Parsing them cost PostgreSQL about a third of its work
// in the import, and nothing queries inside them: the app reads them whole and parses them itself. The text is
// always JSON.stringify's output. See docs/decisions/0008-annex-a-rows-by-copy-as-json-text.md.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE annex_a_row
      ALTER COLUMN cells TYPE text USING cells::text,
      ALTER COLUMN data TYPE text USING data::text`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE annex_a_row
      ALTER COLUMN cells TYPE jsonb USING cells::jsonb,
      ALTER COLUMN data TYPE jsonb USING data::jsonb`.execute(db)
}
