import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An invited user has no password until they choose one with their invitation link: `password_hash`
 * is NULL, and a log-in with a NULL hash is refused like a wrong password (the same decoy hash is
 * verified, so the answer and its timing say nothing about the account). No secret stands in for the
 * missing password, so none can leak or be guessed.
 */
export class InvitedUsers1765500000000 implements MigrationInterface {
  name = 'InvitedUsers1765500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ALTER COLUMN password_hash DROP NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Not an argon2 hash: verification fails, so an invited user still cannot log in.
    await q.query(`UPDATE users SET password_hash = '!invited' WHERE password_hash IS NULL`);
    await q.query(`ALTER TABLE users ALTER COLUMN password_hash SET NOT NULL`);
  }
}
