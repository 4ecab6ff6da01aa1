import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Foundation: editions and their fair days, users, rate limits (failed log-ins, registrations), the append-only audit log,
 * the transactional outbox, and job probes (an operator's round trip through the job pipeline).
 */
export class Foundation1764300000000 implements MigrationInterface {
  name = 'Foundation1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS citext`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gist`);

    await q.query(`
      CREATE TABLE editions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        edition_number integer NOT NULL CHECK (edition_number > 0),
        theme text,
        venue text NOT NULL,
        city text NOT NULL,
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        time_zone text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (name, edition_number)
      )`);
    await q.query(`
      CREATE TABLE edition_days (
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        day date NOT NULL,
        opens_at time NOT NULL,
        closes_at time NOT NULL,
        PRIMARY KEY (edition_id, day),
        CHECK (closes_at > opens_at)
      )`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email citext NOT NULL UNIQUE CHECK (length(email) <= 254),
        display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
        password_hash text NOT NULL,
        role text NOT NULL CHECK (role IN ('admin', 'desk', 'jury', 'exhibitor')),
        -- The exhibitor an exhibitor manager manages; its foreign key comes with the exhibitors table.
        exhibitor_id uuid,
        organisation text,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE rate_limits (
        key text PRIMARY KEY,
        hits integer NOT NULL,
        window_started_at timestamptz NOT NULL
      )`);

    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        -- No foreign keys: the record of a change outlives what it records (and a per-row check
        -- would slow the set-based audit of large imports).
        edition_id uuid,
        actor_user_id uuid,
        actor_role text,
        action text NOT NULL,
        entity_type text NOT NULL,
        entity_id text,
        before jsonb,
        after jsonb,
        reason text,
        request_id text,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, at)`);
    await q.query(`CREATE INDEX audit_log_edition_idx ON audit_log (edition_id, at)`);
    await q.query(`
      CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`);
    await q.query(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);

    await q.query(`
      CREATE TABLE outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        queue text NOT NULL,
        job_name text NOT NULL,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        relayed_at timestamptz,
        relay_attempts integer NOT NULL DEFAULT 0,
        last_error text
      )`);
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (created_at) WHERE relayed_at IS NULL`);

    await q.query(`
      CREATE TABLE job_probes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        requested_by uuid REFERENCES users(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        processed_by text
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_probes`);
    await q.query(`DROP TABLE outbox`);
    await q.query(`DROP TABLE audit_log`);
    await q.query(`DROP FUNCTION audit_log_is_append_only()`);
    await q.query(`DROP TABLE rate_limits`);
    await q.query(`DROP TABLE users`);
    await q.query(`DROP TABLE edition_days`);
    await q.query(`DROP TABLE editions`);
    await q.query(`DROP EXTENSION btree_gist`);
    await q.query(`DROP EXTENSION unaccent`);
    await q.query(`DROP EXTENSION citext`);
  }
}
