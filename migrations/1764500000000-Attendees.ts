import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attendees, badge revocations, check-ins (one per attendee per fair day), every scan with its nonce,
 * exhibitor leads, and the staff quota enforced by a trigger that serialises additions per exhibitor.
 */
export class Attendees1764500000000 implements MigrationInterface {
  name = 'Attendees1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE attendees (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        category text NOT NULL CHECK (category IN ('visitor', 'exhibitor_staff', 'speaker', 'press', 'official', 'jury', 'organiser')),
        first_name text NOT NULL CHECK (length(first_name) BETWEEN 1 AND 100),
        last_name text NOT NULL CHECK (length(last_name) BETWEEN 1 AND 100),
        organisation text CHECK (length(organisation) <= 200),
        job_title text CHECK (length(job_title) <= 200),
        country char(2) CHECK (country ~ '^[A-Z]{2}$'),
        email citext CHECK (length(email) <= 254),
        phone text CHECK (phone ~ '^\\+[1-9][0-9]{6,14}$'),
        exhibitor_id uuid,
        days date[] NOT NULL CHECK (cardinality(days) BETWEEN 1 AND 31),
        status text NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'cancelled')),
        consent_share_contact boolean NOT NULL DEFAULT false,
        badge_version integer NOT NULL DEFAULT 1 CHECK (badge_version BETWEEN 1 AND 65535),
        source text NOT NULL DEFAULT 'back_office' CHECK (source IN ('self_registration', 'back_office', 'exhibitor', 'import', 'demo')),
        search_text text GENERATED ALWAYS AS (fold(first_name || ' ' || last_name || ' ' || coalesce(organisation, '') || ' ' || coalesce(email::text, ''))) STORED,
        erased_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (edition_id, id),
        FOREIGN KEY (edition_id, exhibitor_id) REFERENCES exhibitors (edition_id, id),
        CHECK ((category = 'exhibitor_staff') = (exhibitor_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX attendees_email_key ON attendees (edition_id, email) WHERE email IS NOT NULL`);
    await q.query(`CREATE INDEX attendees_exhibitor_idx ON attendees (exhibitor_id) WHERE exhibitor_id IS NOT NULL`);

    // The staff badge quota of shared/DOMAIN.md's exhibitors, as the exhibitors view computes it.
    await q.query(`
      CREATE FUNCTION exhibitor_staff_quota(p_exhibitor uuid) RETURNS integer LANGUAGE sql STABLE AS $$
        SELECT coalesce(e.staff_quota_override,
                        ed.staff_quota_base + floor(coalesce((SELECT sum(s.area_m2) FROM stands s
                                                               WHERE s.exhibitor_id = e.id AND s.status = 'assigned'), 0)
                                                    / ed.staff_quota_m2_per_badge))::int
          FROM exhibitors e JOIN editions ed ON ed.id = e.edition_id WHERE e.id = p_exhibitor
      $$`);
    // Registered staff never exceed the quota, whatever writes them: additions for one exhibitor are
    // serialised on its row, then counted.
    await q.query(`
      CREATE FUNCTION attendees_enforce_staff_quota() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        used integer;
        quota integer;
      BEGIN
        IF NEW.category <> 'exhibitor_staff' OR NEW.status <> 'registered' THEN RETURN NEW; END IF;
        IF TG_OP = 'UPDATE' AND OLD.category = 'exhibitor_staff' AND OLD.status = 'registered'
           AND OLD.exhibitor_id = NEW.exhibitor_id THEN RETURN NEW; END IF;
        PERFORM 1 FROM exhibitors WHERE id = NEW.exhibitor_id FOR UPDATE;
        SELECT count(*) INTO used FROM attendees
         WHERE exhibitor_id = NEW.exhibitor_id AND category = 'exhibitor_staff' AND status = 'registered' AND id <> NEW.id;
        quota := exhibitor_staff_quota(NEW.exhibitor_id);
        IF used >= quota THEN
          RAISE EXCEPTION 'staff badge quota of % reached', quota
            USING ERRCODE = 'check_violation', CONSTRAINT = 'attendees_staff_quota', DETAIL = quota::text;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER attendees_staff_quota BEFORE INSERT OR UPDATE ON attendees FOR EACH ROW EXECUTE FUNCTION attendees_enforce_staff_quota()`);

    await q.query(`
      CREATE TABLE badge_revocations (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        attendee_id uuid NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
        -- Codes with a version below this one are revoked; 65536 revokes every version (cancelled).
        valid_from_version integer NOT NULL,
        reason text NOT NULL CHECK (reason IN ('reissued', 'cancelled', 'erased')),
        revoked_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX badge_revocations_since_idx ON badge_revocations (edition_id, revoked_at)`);

    await q.query(`
      CREATE TABLE checkins (
        attendee_id uuid NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
        day date NOT NULL,
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        category text NOT NULL,
        checked_in_at timestamptz NOT NULL,
        first_scan_id uuid NOT NULL,
        desk_id text NOT NULL,
        PRIMARY KEY (attendee_id, day)
      )`);
    await q.query(`CREATE INDEX checkins_edition_day_idx ON checkins (edition_id, day)`);

    await q.query(`
      CREATE TABLE scans (
        id uuid PRIMARY KEY,
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        nonce text NOT NULL CHECK (length(nonce) BETWEEN 8 AND 128),
        desk_id text NOT NULL CHECK (length(desk_id) BETWEEN 1 AND 64),
        gate text CHECK (length(gate) <= 64),
        scanned_by uuid,
        -- A hash of the scanned code: enough to tell a retry from a different code, without keeping codes.
        code_hash bytea NOT NULL,
        attendee_id uuid,
        result text NOT NULL CHECK (result IN ('ok', 'already_checked_in', 'invalid', 'revoked', 'cancelled', 'not_valid_today', 'not_allowed')),
        first_checked_in_at timestamptz,
        scanned_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        offline boolean NOT NULL DEFAULT false,
        -- An offline scan the desk accepted but the server refuses: listed for the organiser.
        conflict boolean NOT NULL DEFAULT false,
        UNIQUE (edition_id, nonce)
      )`);
    await q.query(`CREATE INDEX scans_edition_received_idx ON scans (edition_id, received_at)`);
    await q.query(`CREATE INDEX scans_conflicts_idx ON scans (edition_id, scanned_at) WHERE conflict`);

    await q.query(`
      CREATE TABLE leads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        exhibitor_id uuid NOT NULL,
        attendee_id uuid NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
        captured_by uuid REFERENCES users(id),
        rating smallint CHECK (rating BETWEEN 1 AND 5),
        notes text CHECK (length(notes) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (edition_id, exhibitor_id) REFERENCES exhibitors (edition_id, id),
        UNIQUE (exhibitor_id, attendee_id)
      )`);

  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE leads`);
    await q.query(`DROP TABLE scans`);
    await q.query(`DROP TABLE checkins`);
    await q.query(`DROP TABLE badge_revocations`);
    await q.query(`DROP TABLE attendees`);
    await q.query(`DROP FUNCTION attendees_enforce_staff_quota()`);
    await q.query(`DROP FUNCTION exhibitor_staff_quota(uuid)`);
  }
}
