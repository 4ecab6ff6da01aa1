import { MigrationInterface, QueryRunner } from 'typeorm';

/** Desk printers, print jobs with their rendered file (kept until it expires) and the badges they hold. */
export class Badges1764800000000 implements MigrationInterface {
  name = 'Badges1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE badge_printers (
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        desk_id text NOT NULL CHECK (desk_id ~ '^[A-Za-z0-9._:-]{1,64}$'),
        format text NOT NULL CHECK (format IN ('pdf', 'zpl')),
        dpi integer CHECK (dpi IN (203, 300)),
        layout text NOT NULL CHECK (layout IN ('a6', 'label_4x3', 'id1')),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (edition_id, desk_id),
        CHECK ((format = 'zpl') = (dpi IS NOT NULL)),
        CHECK (format = 'pdf' OR layout = 'label_4x3')
      )`);
    await q.query(`
      CREATE TABLE badge_print_jobs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid NOT NULL REFERENCES editions(id) ON DELETE CASCADE,
        requested_by uuid REFERENCES users(id),
        desk_id text,
        kind text NOT NULL CHECK (kind IN ('single', 'bulk')),
        format text NOT NULL CHECK (format IN ('pdf', 'zpl')),
        dpi integer CHECK (dpi IN (203, 300)),
        layout text NOT NULL CHECK (layout IN ('a6', 'label_4x3', 'id1', 'a4_sheet')),
        sort text CHECK (sort IN ('exhibitor', 'name')),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'rendering', 'ready', 'printed', 'failed')),
        failure_reason text,
        total integer NOT NULL CHECK (total > 0),
        done integer NOT NULL DEFAULT 0,
        reprint_reason text,
        file bytea,
        content_type text,
        expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        ready_at timestamptz,
        printed_at timestamptz,
        printed_by uuid REFERENCES users(id)
      )`);
    await q.query(`CREATE INDEX badge_print_jobs_expiry_idx ON badge_print_jobs (expires_at) WHERE file IS NOT NULL`);
    await q.query(`
      CREATE TABLE badge_print_items (
        job_id uuid NOT NULL REFERENCES badge_print_jobs(id) ON DELETE CASCADE,
        attendee_id uuid NOT NULL REFERENCES attendees(id) ON DELETE CASCADE,
        badge_version integer NOT NULL,
        position integer NOT NULL,
        PRIMARY KEY (job_id, attendee_id)
      )`);
    await q.query(`CREATE INDEX badge_print_items_version_idx ON badge_print_items (attendee_id, badge_version)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE badge_print_items`);
    await q.query(`DROP TABLE badge_print_jobs`);
    await q.query(`DROP TABLE badge_printers`);
  }
}
