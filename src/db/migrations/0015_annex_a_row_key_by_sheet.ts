import { sql, type Kysely } from 'kysely'

// Immutable once released. Issue 4's million-row import: annex_a_row kept three indexes, and maintaining the third,
// (list, row_number), was an eighth of a million-row import on two cores. Every read of rows is by sheet (a list is
// read through its sheets, an issue's row by its sheet and row number) or by child, so the primary key now leads with
// the sheet and its row number, and the list index goes. row_seq stays in the key: a malformed XLSX can repeat a row
// number, and such a file must still import. See docs/decisions/0008-annex-a-rows-by-copy-as-json-text.md.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE annex_a_row
      DROP CONSTRAINT annex_a_row_pkey,
      ADD CONSTRAINT annex_a_row_pkey PRIMARY KEY (organisation_id, run_id, sheet_index, row_number, row_seq)`.execute(
    db,
  )
  await sql`DROP INDEX annex_a_row_by_list`.execute(db)
}

// One way, like the others: rows stored since (NUL or lone surrogates kept as JSON escapes, cancelled jobs, repeated
// row numbers) need not fit the old shape.
export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed: restore from a backup instead.')
}
