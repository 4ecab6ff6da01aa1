import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Prizes, criteria, nominees, jurors, conflicts of interest, scores, results and a hash-chained,
 * append-only awards audit: each entry holds the hash of the previous one, computed by a trigger so
 * that no code path can skip it.
 */
export class Awards1764700000000 implements MigrationInterface {
  name = 'Awards1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE prizes (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text CHECK (length(description) <= 4000),
        scoring_opens_at timestamptz NOT NULL,
        scoring_closes_at timestamptz NOT NULL,
        scale_min numeric(6,2) NOT NULL DEFAULT 0,
        scale_max numeric(6,2) NOT NULL DEFAULT 10,
        scale_step numeric(6,3) NOT NULL DEFAULT 0.5 CHECK (scale_step > 0),
        min_jurors_per_nominee integer NOT NULL DEFAULT 3 CHECK (min_jurors_per_nominee BETWEEN 1 AND 100),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (edition_id, name),
        CHECK (scoring_closes_at > scoring_opens_at),
        CHECK (scale_max > scale_min)
      )`);
    await q.query(`
      CREATE TABLE prize_criteria (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        prize_id uuid NOT NULL REFERENCES prizes(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        description text,
        weight numeric(5,2) NOT NULL CHECK (weight > 0 AND weight <= 100),
        position integer NOT NULL,
        UNIQUE (prize_id, name),
        UNIQUE (prize_id, id)
      )`);
    // Weights sum to 100, checked when the transaction that changes them commits.
    await q.query(`
      CREATE FUNCTION prize_criteria_weights_sum() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        total numeric;
        pid uuid := coalesce(NEW.prize_id, OLD.prize_id);
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM prizes WHERE id = pid) THEN RETURN NULL; END IF;
        SELECT coalesce(sum(weight), 0) INTO total FROM prize_criteria WHERE prize_id = pid;
        IF total <> 100 THEN
          RAISE EXCEPTION 'criteria weights of a prize must sum to 100 (got %)', total
            USING ERRCODE = 'check_violation', CONSTRAINT = 'prize_criteria_weights_sum';
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE CONSTRAINT TRIGGER prize_criteria_weights_sum AFTER INSERT OR UPDATE OR DELETE ON prize_criteria
                   DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION prize_criteria_weights_sum()`);

    await q.query(`
      CREATE TABLE nominees (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        prize_id uuid NOT NULL REFERENCES prizes(id) ON DELETE CASCADE,
        edition_id uuid NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        exhibitor_id uuid,
        dossier text CHECK (length(dossier) <= 8000),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (prize_id, name),
        UNIQUE (prize_id, id),
        FOREIGN KEY (edition_id, exhibitor_id) REFERENCES exhibitors (edition_id, id)
      )`);
    await q.query(`
      CREATE TABLE prize_jurors (
        prize_id uuid NOT NULL REFERENCES prizes(id) ON DELETE CASCADE,
        juror_id uuid NOT NULL REFERENCES users(id),
        assigned_at timestamptz NOT NULL DEFAULT now(),
        ballot_submitted_at timestamptz,
        PRIMARY KEY (prize_id, juror_id)
      )`);
    await q.query(`
      CREATE TABLE jury_conflicts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        prize_id uuid NOT NULL,
        nominee_id uuid NOT NULL,
        juror_id uuid NOT NULL REFERENCES users(id),
        source text NOT NULL CHECK (source IN ('declared', 'flagged')),
        -- flagged conflicts wait for an admin; declared ones recuse at once.
        status text NOT NULL CHECK (status IN ('recused', 'suggested', 'dismissed')),
        reason text NOT NULL CHECK (reason IN ('professional', 'personal', 'other')),
        comment text CHECK (length(comment) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        UNIQUE (nominee_id, juror_id),
        FOREIGN KEY (prize_id, nominee_id) REFERENCES nominees (prize_id, id) ON DELETE CASCADE,
        CHECK (reason <> 'other' OR comment IS NOT NULL)
      )`);
    await q.query(`
      CREATE TABLE scores (
        prize_id uuid NOT NULL,
        nominee_id uuid NOT NULL,
        juror_id uuid NOT NULL,
        criterion_id uuid NOT NULL,
        value numeric(6,2) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (nominee_id, juror_id, criterion_id),
        FOREIGN KEY (prize_id, nominee_id) REFERENCES nominees (prize_id, id) ON DELETE CASCADE,
        FOREIGN KEY (prize_id, criterion_id) REFERENCES prize_criteria (prize_id, id) ON DELETE CASCADE,
        FOREIGN KEY (prize_id, juror_id) REFERENCES prize_jurors (prize_id, juror_id)
      )`);
    await q.query(`CREATE INDEX scores_prize_idx ON scores (prize_id, juror_id)`);
    await q.query(`
      CREATE TABLE score_comments (
        nominee_id uuid NOT NULL,
        juror_id uuid NOT NULL,
        prize_id uuid NOT NULL,
        comment text NOT NULL CHECK (length(comment) <= 4000),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (nominee_id, juror_id)
      )`);
    await q.query(`
      CREATE TABLE award_results (
        prize_id uuid PRIMARY KEY REFERENCES prizes(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('finalised', 'published')),
        ranking jsonb NOT NULL,
        winner_nominee_id uuid NOT NULL,
        tie_decision jsonb,
        finalised_by uuid REFERENCES users(id),
        finalised_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        certificate_pdf bytea,
        certificate_rendered_at timestamptz
      )`);

    await q.query(`
      CREATE TABLE awards_audit (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        prize_id uuid,
        actor_user_id uuid,
        action text NOT NULL,
        nominee_id uuid,
        juror_id uuid,
        criterion_id uuid,
        old_value numeric(6,2),
        new_value numeric(6,2),
        detail jsonb,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        prev_hash bytea,
        hash bytea NOT NULL
      )`);
    // The hash of an entry: its fields in a fixed text form, chained to the previous entry's hash.
    await q.query(`
      CREATE FUNCTION awards_audit_hash(e awards_audit, prev bytea) RETURNS bytea LANGUAGE sql IMMUTABLE AS $$
        SELECT sha256(coalesce(prev, '\\x'::bytea) || convert_to(concat_ws('|',
          e.id, e.prize_id, e.actor_user_id, e.action, e.nominee_id, e.juror_id, e.criterion_id,
          e.old_value, e.new_value, e.detail::text, (extract(epoch FROM e.at) * 1000000)::bigint), 'UTF8'))
      $$`);
    await q.query(`
      CREATE FUNCTION awards_audit_chain() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- One writer at a time, so that each entry chains to the one before it.
        PERFORM pg_advisory_xact_lock(7070707);
        SELECT hash INTO NEW.prev_hash FROM awards_audit ORDER BY id DESC LIMIT 1;
        NEW.hash := awards_audit_hash(NEW, NEW.prev_hash);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER awards_audit_chain BEFORE INSERT ON awards_audit FOR EACH ROW EXECUTE FUNCTION awards_audit_chain()`);
    await q.query(`CREATE TRIGGER awards_audit_no_update BEFORE UPDATE OR DELETE ON awards_audit FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only()`);
    await q.query(`CREATE TRIGGER awards_audit_no_truncate BEFORE TRUNCATE ON awards_audit FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    // awards_audit_hash takes the table's row type, so it goes before the table.
    await q.query(`DROP TRIGGER awards_audit_chain ON awards_audit`);
    await q.query(`DROP FUNCTION awards_audit_chain()`);
    await q.query(`DROP FUNCTION awards_audit_hash(awards_audit, bytea)`);
    for (const table of ['awards_audit', 'award_results', 'score_comments', 'scores', 'jury_conflicts', 'prize_jurors', 'nominees', 'prize_criteria', 'prizes']) {
      await q.query(`DROP TABLE ${table}`);
    }
    await q.query(`DROP FUNCTION prize_criteria_weights_sum()`);
  }
}
