import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The conference programme: rooms, speakers, sessions. Exclusion constraints keep a room and a speaker
 * out of two overlapping non-cancelled sessions, and an attendee out of two overlapping seats; the
 * speakers' and registrations' copies of the session's time follow it by trigger.
 */
export class Sessions1764600000000 implements MigrationInterface {
  name = 'Sessions1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE rooms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        capacity integer NOT NULL CHECK (capacity BETWEEN 1 AND 100000),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (edition_id, name),
        UNIQUE (edition_id, id)
      )`);
    await q.query(`
      CREATE TABLE speakers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        function text CHECK (length(function) <= 300),
        organisation text CHECK (length(organisation) <= 200),
        bio text CHECK (length(bio) <= 2000),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (edition_id, id)
      )`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        description text CHECK (length(description) <= 4000),
        language text NOT NULL CHECK (language IN ('fr', 'ar', 'en')),
        type text NOT NULL CHECK (type IN ('ceremony', 'keynote', 'panel', 'workshop', 'job_dating', 'talk', 'other')),
        room_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        during tstzrange GENERATED ALWAYS AS (tstzrange(starts_at, ends_at, '[)')) STORED,
        capacity integer CHECK (capacity BETWEEN 1 AND 100000),
        registration_required boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'cancelled')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (edition_id, id),
        FOREIGN KEY (edition_id, room_id) REFERENCES rooms (edition_id, id),
        CHECK (ends_at > starts_at),
        CONSTRAINT sessions_no_room_overlap EXCLUDE USING gist (room_id WITH =, during WITH &&) WHERE (status <> 'cancelled')
      )`);
    await q.query(`CREATE INDEX sessions_edition_start_idx ON sessions (edition_id, starts_at)`);

    await q.query(`
      CREATE TABLE session_speakers (
        session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        speaker_id uuid NOT NULL REFERENCES speakers(id),
        role text NOT NULL CHECK (role IN ('speaker', 'moderator')),
        -- Copies of the session's time and status, kept by trigger, for the exclusion constraint.
        during tstzrange NOT NULL,
        session_status text NOT NULL,
        PRIMARY KEY (session_id, speaker_id),
        CONSTRAINT session_speakers_no_overlap EXCLUDE USING gist (speaker_id WITH =, during WITH &&) WHERE (session_status <> 'cancelled')
      )`);

    await q.query(`
      CREATE TABLE session_registrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        attendee_id uuid NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
        -- Arrival order: the waitlist is first in, first out.
        position bigint GENERATED ALWAYS AS IDENTITY,
        during tstzrange NOT NULL,
        registered_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        promoted_at timestamptz,
        cancelled_at timestamptz,
        UNIQUE (session_id, attendee_id),
        CONSTRAINT session_registrations_no_overlap EXCLUDE USING gist (attendee_id WITH =, during WITH &&) WHERE (status = 'confirmed')
      )`);
    await q.query(`CREATE INDEX session_registrations_waitlist_idx ON session_registrations (session_id, position) WHERE status = 'waitlisted'`);

    await q.query(`
      CREATE FUNCTION sessions_propagate_time() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.during IS DISTINCT FROM OLD.during OR NEW.status IS DISTINCT FROM OLD.status THEN
          UPDATE session_speakers SET during = NEW.during, session_status = NEW.status WHERE session_id = NEW.id;
          UPDATE session_registrations SET during = NEW.during WHERE session_id = NEW.id;
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER sessions_propagate_time AFTER UPDATE ON sessions FOR EACH ROW EXECUTE FUNCTION sessions_propagate_time()`);

    await q.query(`
      CREATE TABLE session_scans (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        nonce text NOT NULL CHECK (length(nonce) BETWEEN 8 AND 128),
        desk_id text NOT NULL,
        scanned_by uuid,
        code_hash bytea NOT NULL,
        attendee_id uuid,
        result text NOT NULL CHECK (result IN ('ok', 'already_admitted', 'not_registered', 'full', 'invalid', 'revoked', 'cancelled', 'not_allowed', 'session_cancelled')),
        first_admitted_at timestamptz,
        scanned_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (session_id, nonce)
      )`);
    // One admission per attendee per session, whatever the concurrency; attendance is their count.
    await q.query(`
      CREATE TABLE session_admissions (
        session_id uuid NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
        attendee_id uuid NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
        admitted_at timestamptz NOT NULL,
        scan_id uuid NOT NULL,
        PRIMARY KEY (session_id, attendee_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE session_admissions`);
    await q.query(`DROP TABLE session_scans`);
    await q.query(`DROP TRIGGER sessions_propagate_time ON sessions`);
    await q.query(`DROP FUNCTION sessions_propagate_time()`);
    await q.query(`DROP TABLE session_registrations`);
    await q.query(`DROP TABLE session_speakers`);
    await q.query(`DROP TABLE sessions`);
    await q.query(`DROP TABLE speakers`);
    await q.query(`DROP TABLE rooms`);
  }
}
