import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Account security: a token version per user. Every access token carries the version it was issued
 * under; disabling the user or changing their password bumps it, which ends every earlier token at once.
 * Existing tokens carry no version and count as version 0, so they stay valid until the first bump.
 */
export class AccountSecurity1764900000000 implements MigrationInterface {
  name = 'AccountSecurity1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN token_version integer NOT NULL DEFAULT 0 CHECK (token_version >= 0)`);
    await q.query(`ALTER TABLE users ADD COLUMN password_changed_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users DROP COLUMN password_changed_at`);
    await q.query(`ALTER TABLE users DROP COLUMN token_version`);
  }
}
