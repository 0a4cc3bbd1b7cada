import { sql, type Kysely } from 'kysely'

// Immutable once released. Issue 4's million-row import: the foreign key from annex_a_row to its run checked (and
// key-share locked) the run once per row, about a fifth of PostgreSQL's work for the import. The same rule, with the
// same lock, is now checked once per statement (a batch of thousands of rows) over the statement's transition
// table, and deleting a run still deletes its rows, as ON DELETE CASCADE did. See docs/decisions/0007-annex-a-row-run-check-per-statement.md.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE annex_a_row DROP CONSTRAINT annex_a_row_organisation_id_run_id_fkey`.execute(db)
  await sql`
    CREATE FUNCTION annex_a_row_run_must_exist() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      wanted integer;
      locked integer;
    BEGIN
      SELECT count(*) INTO wanted FROM (SELECT DISTINCT organisation_id, run_id FROM written_rows) AS runs;
      -- Key-share locks on the runs, as the foreign key took: a run deleted by a concurrent transaction either waits
      -- for this one (and then deletes these rows too) or is gone, and this statement fails.
      SELECT count(*) INTO locked FROM (
        SELECT 1 FROM annex_a_run AS run
        WHERE (run.organisation_id, run.run_id) IN (SELECT organisation_id, run_id FROM written_rows)
        FOR KEY SHARE
      ) AS present;
      IF locked < wanted THEN
        RAISE EXCEPTION 'annex_a_row refers to a test run that does not exist'
          USING ERRCODE = 'foreign_key_violation';
      END IF;
      RETURN NULL;
    END $$`.execute(db)
  await sql`
    CREATE TRIGGER annex_a_row_run_must_exist_on_insert AFTER INSERT ON annex_a_row
    REFERENCING NEW TABLE AS written_rows FOR EACH STATEMENT EXECUTE FUNCTION annex_a_row_run_must_exist()`.execute(db)
  await sql`
    CREATE TRIGGER annex_a_row_run_must_exist_on_update AFTER UPDATE ON annex_a_row
    REFERENCING NEW TABLE AS written_rows FOR EACH STATEMENT EXECUTE FUNCTION annex_a_row_run_must_exist()`.execute(db)
  await sql`
    CREATE FUNCTION annex_a_run_delete_rows() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM annex_a_row WHERE organisation_id = OLD.organisation_id AND run_id = OLD.run_id;
      RETURN NULL;
    END $$`.execute(db)
  // AFTER, not BEFORE: deleting the run first waits for any import still writing rows to it (their key-share lock),
  // so this DELETE, with a fresh snapshot, sees and removes those rows too.
  await sql`
    CREATE TRIGGER annex_a_run_delete_rows AFTER DELETE ON annex_a_run
    FOR EACH ROW EXECUTE FUNCTION annex_a_run_delete_rows()`.execute(db)
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER annex_a_run_delete_rows ON annex_a_run`.execute(db)
  await sql`DROP FUNCTION annex_a_run_delete_rows()`.execute(db)
  await sql`DROP TRIGGER annex_a_row_run_must_exist_on_update ON annex_a_row`.execute(db)
  await sql`DROP TRIGGER annex_a_row_run_must_exist_on_insert ON annex_a_row`.execute(db)
  await sql`DROP FUNCTION annex_a_row_run_must_exist()`.execute(db)
  await sql`
    ALTER TABLE annex_a_row ADD FOREIGN KEY (organisation_id, run_id)
    REFERENCES annex_a_run (organisation_id, run_id) ON DELETE CASCADE`.execute(db)
}
