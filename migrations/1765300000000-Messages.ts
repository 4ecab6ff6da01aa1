import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outgoing mail. Each message is a row written in the transaction that caused it (a registration, an
 * invitation, a published result), then sent by a `mail` job that carries only its id. `key` makes a
 * repeated event send nothing new (`ticket:<attendee>:<badge version>`). Recipients' languages live on
 * attendees and users; the edition says the default. Invitation and password links are single-use
 * tokens of which only a hash is kept.
 */
export class Messages1765300000000 implements MigrationInterface {
  name = 'Messages1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE editions ADD COLUMN default_language text NOT NULL DEFAULT 'fr' CHECK (default_language IN ('fr', 'en', 'ar'))`);
    await q.query(`ALTER TABLE attendees ADD COLUMN language text CHECK (language IN ('fr', 'en', 'ar'))`);
    await q.query(`ALTER TABLE users ADD COLUMN language text CHECK (language IN ('fr', 'en', 'ar'))`);
    await q.query(`
      CREATE TABLE messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        edition_id uuid REFERENCES editions(id) ON DELETE CASCADE,
        key text NOT NULL UNIQUE CHECK (length(key) BETWEEN 1 AND 300),
        template text NOT NULL CHECK (template ~ '^[a-z_]{1,40}$'),
        language text NOT NULL CHECK (language IN ('fr', 'en', 'ar')),
        recipient_email text NOT NULL CHECK (length(recipient_email) BETWEEN 3 AND 320),
        recipient_name text NOT NULL CHECK (length(recipient_name) BETWEEN 1 AND 400),
        -- Whose message it is, so that erasing a person erases their messages.
        attendee_id uuid REFERENCES attendees(id) ON DELETE CASCADE,
        user_id uuid REFERENCES users(id) ON DELETE CASCADE,
        -- The ids the template needs besides the recipient (a session, a prize, a token): never a body.
        data jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(data) = 'object'),
        status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'failed')),
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text CHECK (length(last_error) <= 1000),
        smtp_message_id text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        CHECK ((status = 'sent') = (sent_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX messages_edition_status_idx ON messages (edition_id, status, created_at DESC)`);
    await q.query(`CREATE INDEX messages_attendee_idx ON messages (attendee_id) WHERE attendee_id IS NOT NULL`);
    await q.query(`CREATE INDEX messages_user_idx ON messages (user_id) WHERE user_id IS NOT NULL`);
    await q.query(`
      CREATE TABLE account_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        purpose text NOT NULL CHECK (purpose IN ('invitation', 'password_reset')),
        token_hash bytea NOT NULL UNIQUE,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX account_tokens_user_idx ON account_tokens (user_id, purpose)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE account_tokens`);
    await q.query(`DROP TABLE messages`);
    await q.query(`ALTER TABLE users DROP COLUMN language`);
    await q.query(`ALTER TABLE attendees DROP COLUMN language`);
    await q.query(`ALTER TABLE editions DROP COLUMN default_language`);
  }
}
