import { MigrationInterface, QueryRunner } from 'typeorm';

const DOOR_RESULTS_BEFORE = `'ok', 'already_admitted', 'not_registered', 'full', 'invalid', 'revoked', 'cancelled', 'not_allowed', 'session_cancelled'`;

/**
 * One verdict on a badge for every scan (the check-in desk and the session doors), and the public
 * registration window of an edition.
 */
export class BadgeVerdictAndRegistrationWindow1765000000000 implements MigrationInterface {
  name = 'BadgeVerdictAndRegistrationWindow1765000000000';

  async up(q: QueryRunner): Promise<void> {
    // Pure (IMMUTABLE, no table read) so the planner inlines it into the check-in's single statement.
    // The caller says whether the day is a fair day; a missing attendee (NULL status) is 'invalid'.
    await q.query(`
      CREATE FUNCTION badge_verdict(attendee_status text, current_version integer, valid_days date[], code_version integer, on_day date, is_fair_day boolean)
      RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT CASE
                 WHEN attendee_status IS NULL THEN 'invalid'
                 WHEN attendee_status = 'cancelled' THEN 'cancelled'
                 WHEN code_version < current_version THEN 'revoked'
                 WHEN NOT coalesce(is_fair_day, false) OR NOT coalesce(on_day = ANY (valid_days), false) THEN 'not_valid_today'
                 ELSE 'admit'
               END
      $$`);
    await q.query(`ALTER TABLE session_scans DROP CONSTRAINT session_scans_result_check`);
    await q.query(`ALTER TABLE session_scans ADD CONSTRAINT session_scans_result_check CHECK (result IN (${DOOR_RESULTS_BEFORE}, 'not_valid_today'))`);
    // NULL opens: open from the edition's creation; NULL closes: until the end of the last fair day (local).
    await q.query(`
      ALTER TABLE editions
        ADD COLUMN registration_opens_at timestamptz,
        ADD COLUMN registration_closes_at timestamptz,
        ADD CONSTRAINT editions_registration_window_check CHECK (registration_opens_at < registration_closes_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE editions DROP CONSTRAINT editions_registration_window_check, DROP COLUMN registration_closes_at, DROP COLUMN registration_opens_at`);
    // The earlier schema cannot hold these refused door scans (they admitted no one): they go.
    await q.query(`DELETE FROM session_scans WHERE result = 'not_valid_today'`);
    await q.query(`ALTER TABLE session_scans DROP CONSTRAINT session_scans_result_check`);
    await q.query(`ALTER TABLE session_scans ADD CONSTRAINT session_scans_result_check CHECK (result IN (${DOOR_RESULTS_BEFORE}))`);
    await q.query(`DROP FUNCTION badge_verdict(text, integer, date[], integer, date, boolean)`);
  }
}
