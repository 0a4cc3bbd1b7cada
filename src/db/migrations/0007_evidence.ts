import { sql, type Kysely } from 'kysely'

// Immutable once released. The evidence bank of the readiness workspace (issue #5): evidence items with
// their metadata, every uploaded version of their file, and links to self-evaluation criteria. Policies and
// procedures are evidence items of type 'policy' (their register is a view over them, not a table).
// File bytes live in the files port (content-addressed by sha256), never in these tables.
export async function up(db: Kysely<unknown>): Promise<void> {
  // version is the optimistic lock on the metadata; file_count is the newest file version's number.
  await sql`
    CREATE TABLE evidence_item (
      organisation_id uuid NOT NULL REFERENCES organisation (organisation_id),
      evidence_id uuid NOT NULL,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
      document_type text NOT NULL,
      description text NOT NULL DEFAULT '',
      owner text NOT NULL DEFAULT '',
      document_date date,
      review_due date,
      tags text[] NOT NULL DEFAULT '{}',
      areas text[] NOT NULL DEFAULT '{}',
      file_count integer NOT NULL DEFAULT 0,
      version integer NOT NULL DEFAULT 1,
      created_by_label text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (organisation_id, evidence_id)
    )`.execute(db)
  await sql`CREATE INDEX evidence_item_tags ON evidence_item USING gin (tags)`.execute(db)
  await sql`CREATE INDEX evidence_item_areas ON evidence_item USING gin (areas)`.execute(db)
  await sql`CREATE INDEX evidence_item_by_title ON evidence_item (organisation_id, lower(title))`.execute(db)

  await sql`
    CREATE TABLE evidence_file (
      organisation_id uuid NOT NULL,
      evidence_id uuid NOT NULL,
      version_number integer NOT NULL CHECK (version_number >= 1),
      original_filename text NOT NULL CHECK (length(original_filename) BETWEEN 1 AND 255),
      media_type text NOT NULL,
      size_bytes integer NOT NULL CHECK (size_bytes > 0),
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      storage_key text NOT NULL,
      note text NOT NULL DEFAULT '',
      uploaded_by_user_id uuid,
      uploaded_by_label text NOT NULL,
      uploaded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (organisation_id, evidence_id, version_number),
      FOREIGN KEY (organisation_id, evidence_id) REFERENCES evidence_item (organisation_id, evidence_id) ON DELETE CASCADE
    )`.execute(db)
  await sql`CREATE INDEX evidence_file_by_sha ON evidence_file (organisation_id, sha256)`.execute(db)

  // Criteria are copied into each SEF version with the same criterion_id, so a link names the SEF and criterion.
  await sql`
    CREATE TABLE evidence_criterion_link (
      organisation_id uuid NOT NULL,
      evidence_id uuid NOT NULL,
      sef_id uuid NOT NULL,
      criterion_id text NOT NULL,
      linked_by_label text NOT NULL,
      linked_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (organisation_id, evidence_id, sef_id, criterion_id),
      FOREIGN KEY (organisation_id, evidence_id) REFERENCES evidence_item (organisation_id, evidence_id) ON DELETE CASCADE,
      FOREIGN KEY (organisation_id, sef_id) REFERENCES sef (organisation_id, sef_id) ON DELETE CASCADE
    )`.execute(db)
  await sql`CREATE INDEX evidence_link_by_criterion ON evidence_criterion_link (organisation_id, sef_id, criterion_id)`.execute(
    db,
  )
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['evidence_criterion_link', 'evidence_file', 'evidence_item'])
    await sql.raw(`DROP TABLE IF EXISTS ${table}`).execute(db)
}
