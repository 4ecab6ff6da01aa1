import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an offline desk answered itself, kept with its scan: a badge the desk turned away and the server
 * refuses too is no conflict for the organiser; one the desk turned away but the server admits is.
 */
export class ScanDeskAnswer1765800000000 implements MigrationInterface {
  name = 'ScanDeskAnswer1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE scans ADD COLUMN desk_answer text
        CHECK (desk_answer IN ('ok', 'already_checked_in', 'invalid', 'revoked', 'cancelled', 'not_valid_today', 'other_edition'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE scans DROP COLUMN desk_answer`);
  }
}
