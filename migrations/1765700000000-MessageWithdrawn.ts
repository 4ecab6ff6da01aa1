import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A queued message can be `withdrawn` when it is no longer wanted by the time it is to be sent (a jury
 * reminder whose juror has submitted meanwhile): it is not sent, and the admin's list says why (in
 * `last_error`), rather than showing it sent or failed.
 */
export class MessageWithdrawn1765700000000 implements MigrationInterface {
  name = 'MessageWithdrawn1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_status_check`);
    await q.query(`ALTER TABLE messages ADD CONSTRAINT messages_status_check CHECK (status IN ('queued', 'sent', 'failed', 'withdrawn'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages DROP CONSTRAINT messages_status_check`);
    // Before this migration a message not sent on purpose could only be recorded as failed.
    await q.query(`UPDATE messages SET status = 'failed' WHERE status = 'withdrawn'`);
    await q.query(`ALTER TABLE messages ADD CONSTRAINT messages_status_check CHECK (status IN ('queued', 'sent', 'failed'))`);
  }
}
