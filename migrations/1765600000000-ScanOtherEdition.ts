import { MigrationInterface, QueryRunner } from 'typeorm';

const RESULTS_BEFORE = `'ok', 'already_checked_in', 'invalid', 'revoked', 'cancelled', 'not_valid_today'`;

/**
 * A desk's scan of a genuine badge of another edition answers `other_edition` (the desk says so in
 * words) instead of the vaguer `not_allowed`, which the check-in answered for that case only.
 */
export class ScanOtherEdition1765600000000 implements MigrationInterface {
  name = 'ScanOtherEdition1765600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scans DROP CONSTRAINT scans_result_check`);
    await q.query(`UPDATE scans SET result = 'other_edition' WHERE result = 'not_allowed'`);
    await q.query(`ALTER TABLE scans ADD CONSTRAINT scans_result_check CHECK (result IN (${RESULTS_BEFORE}, 'other_edition'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scans DROP CONSTRAINT scans_result_check`);
    await q.query(`UPDATE scans SET result = 'not_allowed' WHERE result = 'other_edition'`);
    await q.query(`ALTER TABLE scans ADD CONSTRAINT scans_result_check CHECK (result IN (${RESULTS_BEFORE}, 'not_allowed'))`);
  }
}
