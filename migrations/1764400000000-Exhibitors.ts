import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exhibitors, the floor plan (halls and stands), staff badge quota rule per edition, and CSV imports
 * (of exhibitors, and later of attendees).
 * A stand holds at most one exhibitor by construction (one column), and its assignment is a single
 * conditional UPDATE, so concurrent assignments cannot both win.
 */
export class Exhibitors1764400000000 implements MigrationInterface {
  name = 'Exhibitors1764400000000';

  async up(q: QueryRunner): Promise<void> {
    // Case- and accent-insensitive form of a text, for search and natural keys. unaccent() is only
    // STABLE (it reads its dictionary); naming the dictionary makes this wrapper safe to index.
    await q.query(`
      CREATE FUNCTION fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
      AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$`);

    await q.query(`ALTER TABLE editions
      ADD COLUMN staff_quota_base integer NOT NULL DEFAULT 2 CHECK (staff_quota_base BETWEEN 0 AND 1000),
      ADD COLUMN staff_quota_m2_per_badge numeric(6,2) NOT NULL DEFAULT 9 CHECK (staff_quota_m2_per_badge > 0)`);

    await q.query(`
      CREATE TABLE halls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (edition_id, name),
        UNIQUE (edition_id, id)
      )`);

    await q.query(`
      CREATE TABLE exhibitors (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        ref text CHECK (length(ref) BETWEEN 1 AND 64),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        legal_name text CHECK (length(legal_name) <= 300),
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        city text CHECK (length(city) <= 100),
        sector text NOT NULL CHECK (sector IN ('contact_centre', 'it_services', 'recruitment', 'training', 'public_institution',
                                              'solution_vendor', 'telecom_equipment', 'furniture', 'other')),
        website text CHECK (website ~ '^https?://'),
        description text CHECK (length(description) <= 4000),
        contact_name text CHECK (length(contact_name) <= 200),
        contact_email text CHECK (length(contact_email) <= 254),
        contact_phone text CHECK (contact_phone ~ '^\\+[1-9][0-9]{6,14}$'),
        status text NOT NULL DEFAULT 'applied' CHECK (status IN ('applied', 'approved', 'confirmed', 'cancelled', 'withdrawn')),
        status_reason text,
        staff_quota_override integer CHECK (staff_quota_override BETWEEN 0 AND 10000),
        search_text text GENERATED ALWAYS AS (fold(name || ' ' || coalesce(legal_name, ''))) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (edition_id, id),
        CHECK ((status IN ('cancelled', 'withdrawn')) = (status_reason IS NOT NULL))
      )`);
    // Natural keys of the import: the ref when given, otherwise name and country.
    await q.query(`CREATE UNIQUE INDEX exhibitors_ref_key ON exhibitors (edition_id, ref) WHERE ref IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX exhibitors_name_country_key ON exhibitors (edition_id, fold(name), country)`);

    await q.query(`
      CREATE TABLE stands (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        hall_id uuid NOT NULL,
        code text NOT NULL CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9-]{0,15}$'),
        area_m2 numeric(7,2) NOT NULL CHECK (area_m2 > 0 AND area_m2 <= 10000),
        type text NOT NULL CHECK (type IN ('shell_scheme', 'raw_space')),
        status text NOT NULL DEFAULT 'free' CHECK (status IN ('free', 'held', 'assigned')),
        exhibitor_id uuid,
        held_until timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (edition_id, code),
        FOREIGN KEY (edition_id, hall_id) REFERENCES halls (edition_id, id),
        FOREIGN KEY (edition_id, exhibitor_id) REFERENCES exhibitors (edition_id, id),
        CHECK ((status = 'free') = (exhibitor_id IS NULL)),
        CHECK ((status = 'held') = (held_until IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX stands_exhibitor_idx ON stands (exhibitor_id) WHERE exhibitor_id IS NOT NULL`);

    await q.query(`ALTER TABLE users ADD CONSTRAINT users_exhibitor_fk FOREIGN KEY (exhibitor_id) REFERENCES exhibitors(id)`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_exhibitor_role_check CHECK ((role = 'exhibitor') = (exhibitor_id IS NOT NULL))`);

    await q.query(`
      CREATE TABLE csv_imports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        -- What the file holds; attendees' imports use the same table and job machinery.
        kind text NOT NULL CHECK (kind IN ('exhibitors', 'attendees')),
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        requested_by uuid REFERENCES users(id),
        file_name text,
        content bytea NOT NULL,
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
        total_rows integer,
        processed_rows integer NOT NULL DEFAULT 0,
        created integer NOT NULL DEFAULT 0,
        updated integer NOT NULL DEFAULT 0,
        unchanged integer NOT NULL DEFAULT 0,
        rejected integer NOT NULL DEFAULT 0,
        errors jsonb NOT NULL DEFAULT '[]',
        failure_reason text,
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE csv_imports`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_exhibitor_role_check`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT users_exhibitor_fk`);
    await q.query(`DROP TABLE stands`);
    await q.query(`DROP TABLE exhibitors`);
    await q.query(`DROP TABLE halls`);
    await q.query(`ALTER TABLE editions DROP COLUMN staff_quota_base, DROP COLUMN staff_quota_m2_per_badge`);
    await q.query(`DROP FUNCTION fold(text)`);
  }
}
