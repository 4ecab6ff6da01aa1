import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What an import was asked to do besides writing rows, kept with its request (its job carries only the
 * import's id): for attendees, `sendTickets` mails the e-ticket to those it creates or gives a new badge.
 */
export class ImportOptions1765400000000 implements MigrationInterface {
  name = 'ImportOptions1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE csv_imports ADD COLUMN options jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(options) = 'object')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE csv_imports DROP COLUMN options`);
  }
}
