import { sql, type Kysely } from 'kysely'

// Immutable once released: change the schema with a new migration, never by editing this one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE organisation (
      organisation_id uuid PRIMARY KEY,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      la_code text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)

  await sql`
    CREATE TABLE app_user (
      organisation_id uuid NOT NULL REFERENCES organisation (organisation_id),
      user_id uuid NOT NULL,
      email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 320),
      display_name text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'lead', 'analyst', 'auditor', 'viewer')),
      password_hash text NOT NULL,
      must_change_password boolean NOT NULL DEFAULT false,
      disabled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_signed_in_at timestamptz,
      PRIMARY KEY (organisation_id, user_id)
    )`.execute(db)
  // People sign in with their email alone, so it is unique across the deployment.
  await sql`CREATE UNIQUE INDEX app_user_email_key ON app_user (email)`.execute(db)

  await sql`
    CREATE TABLE audit_event (
      organisation_id uuid NOT NULL REFERENCES organisation (organisation_id),
      audit_event_id uuid NOT NULL DEFAULT gen_random_uuid(),
      occurred_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      actor_user_id uuid,
      actor_label text NOT NULL,
      action text NOT NULL,
      subject_type text,
      subject_id text,
      correlation_id text,
      details jsonb NOT NULL DEFAULT '{}'::jsonb,
      PRIMARY KEY (organisation_id, audit_event_id)
    )`.execute(db)
  await sql`CREATE INDEX audit_event_by_time ON audit_event (organisation_id, occurred_at DESC)`.execute(db)
  await sql`
    CREATE FUNCTION refuse_audit_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`.execute(db)
  await sql`
    CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION refuse_audit_event_change()`.execute(db)
  await sql`
    CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_event_change()`.execute(db)

  // organisation_id is null until someone signs in: the session exists before we know their organisation.
  await sql`
    CREATE TABLE web_session (
      session_id text PRIMARY KEY,
      organisation_id uuid REFERENCES organisation (organisation_id),
      data jsonb NOT NULL,
      expires_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db)
  await sql`CREATE INDEX web_session_expiry ON web_session (expires_at)`.execute(db)

  await sql`
    CREATE TABLE sign_in_attempt (
      organisation_id uuid REFERENCES organisation (organisation_id),
      sign_in_attempt_id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
      email text NOT NULL,
      ip_address text NOT NULL,
      succeeded boolean NOT NULL,
      attempted_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`.execute(db)
  await sql`CREATE INDEX sign_in_attempt_by_email ON sign_in_attempt (email, attempted_at DESC)`.execute(db)
  await sql`CREATE INDEX sign_in_attempt_by_ip ON sign_in_attempt (ip_address, attempted_at DESC)`.execute(db)
}

export async function down(): Promise<void> {
  throw new Error('Migrations are not reversed: restore from a backup instead.')
}
