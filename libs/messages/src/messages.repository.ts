import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Db, likeEscape, maybeOne, paged, Paged, rows, sql } from '@fairops/core';
import { Language, TemplateName } from './templates';

/** `withdrawn`: no longer wanted when its turn came (its composer said why, kept in `last_error`); never sent. */
export type MessageStatus = 'queued' | 'sent' | 'failed' | 'withdrawn';
export const MESSAGE_STATUSES: readonly MessageStatus[] = ['queued', 'sent', 'failed', 'withdrawn'];

/** A message to send: who to, which template in which language, and the ids the template needs. */
export interface MessageRequest {
  /** One message per key: asking again with the same key sends nothing new. */
  key: string;
  editionId: string | null;
  template: TemplateName;
  language: Language;
  recipient: { email: string; name: string };
  /** Whose message it is: erasing that person erases it. */
  attendeeId?: string | null;
  userId?: string | null;
  data?: Record<string, string | number | boolean | null>;
}

/** A message as the admin sees it: where it is in its life, never its body. */
export interface MessageView {
  id: string;
  editionId: string | null;
  key: string;
  template: string;
  language: Language;
  recipientEmail: string;
  recipientName: string;
  attendeeId: string | null;
  userId: string | null;
  status: MessageStatus;
  attempts: number;
  lastError: string | null;
  smtpMessageId: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

/** What the sender needs: the view and the template's ids. */
export interface MessageToSend extends MessageView {
  data: Record<string, string | number | boolean | null>;
}

export interface MessageFilter {
  editionId?: string;
  status?: MessageStatus;
  template?: string;
  attendeeId?: string;
  userId?: string;
  /** Part of the recipient's address. */
  recipient?: string;
  limit: number;
  offset: number;
}

const VIEW = sql`SELECT id, edition_id AS "editionId", key, template, language, recipient_email AS "recipientEmail",
                        recipient_name AS "recipientName", attendee_id AS "attendeeId", user_id AS "userId", status, attempts,
                        last_error AS "lastError", smtp_message_id AS "smtpMessageId", created_at AS "createdAt", sent_at AS "sentAt"`;

/** All SQL of the `messages` table. */
@Injectable()
export class MessagesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts the message unless its key exists; answers its id when it is new. */
  async insert(db: Db, m: MessageRequest): Promise<string | undefined> {
    const row = await maybeOne<{ id: string }>(
      db,
      sql`INSERT INTO messages (key, edition_id, template, language, recipient_email, recipient_name, attendee_id, user_id, data)
          VALUES (${m.key}, ${m.editionId}, ${m.template}, ${m.language}, ${m.recipient.email}, ${m.recipient.name},
                  ${m.attendeeId ?? null}, ${m.userId ?? null}, ${JSON.stringify(m.data ?? {})}::jsonb)
          ON CONFLICT (key) DO NOTHING RETURNING id`,
    );
    return row?.id;
  }

  /** Inserts the messages whose keys are new, in one statement; answers the new ids. */
  async insertMany(db: Db, requests: readonly MessageRequest[]): Promise<string[]> {
    if (requests.length === 0) return [];
    const col = <T>(pick: (m: MessageRequest) => T) => requests.map(pick);
    const inserted = await rows<{ id: string }>(
      db,
      sql`INSERT INTO messages (key, edition_id, template, language, recipient_email, recipient_name, attendee_id, user_id, data)
          SELECT * FROM unnest(${col((m) => m.key)}::text[], ${col((m) => m.editionId)}::uuid[], ${col((m) => m.template)}::text[], ${col((m) => m.language)}::text[],
                               ${col((m) => m.recipient.email)}::text[], ${col((m) => m.recipient.name)}::text[], ${col((m) => m.attendeeId ?? null)}::uuid[],
                               ${col((m) => m.userId ?? null)}::uuid[], ${col((m) => JSON.stringify(m.data ?? {}))}::jsonb[])
          ON CONFLICT (key) DO NOTHING RETURNING id`,
    );
    return inserted.map((r) => r.id);
  }

  find(id: string): Promise<MessageToSend | undefined> {
    return maybeOne<MessageToSend>(this.dataSource, sql`${VIEW}, data FROM messages WHERE id = ${id}`);
  }

  list(f: MessageFilter): Promise<Paged<MessageView>> {
    const where = sql.and([
      f.editionId && sql`edition_id = ${f.editionId}`,
      f.status && sql`status = ${f.status}`,
      f.template && sql`template = ${f.template}`,
      f.attendeeId && sql`attendee_id = ${f.attendeeId}`,
      f.userId && sql`user_id = ${f.userId}`,
      f.recipient && sql`recipient_email ILIKE '%' || ${likeEscape(f.recipient)} || '%'`,
    ]);
    return paged<MessageView>(this.dataSource, sql`${VIEW} FROM messages WHERE ${where}`, {
      orderBy: sql`"createdAt" DESC, id`,
      limit: f.limit,
      offset: f.offset,
    });
  }

  /** One more try is starting; answers false when the message is no longer queued (sent, failed, erased). */
  async startAttempt(id: string): Promise<boolean> {
    const started = await rows(this.dataSource, sql`UPDATE messages SET attempts = attempts + 1, updated_at = now() WHERE id = ${id} AND status = 'queued' RETURNING id`);
    return started.length === 1;
  }

  async markSent(id: string, smtpMessageId: string): Promise<void> {
    await rows(this.dataSource, sql`UPDATE messages SET status = 'sent', sent_at = now(), smtp_message_id = ${smtpMessageId}, last_error = NULL, updated_at = now() WHERE id = ${id}`);
  }

  /** Records why the last try failed; `final`: no more tries (the message is `failed`). */
  async recordFailure(id: string, error: string, final: boolean): Promise<void> {
    await rows(
      this.dataSource,
      sql`UPDATE messages SET last_error = ${error.slice(0, 1000)}, status = CASE WHEN ${final}::boolean THEN 'failed' ELSE status END, updated_at = now()
           WHERE id = ${id} AND status = 'queued'`,
    );
  }

  /** Leaves a queued message unsent for good, saying why. */
  async withdraw(id: string, reason: string): Promise<void> {
    await rows(this.dataSource, sql`UPDATE messages SET status = 'withdrawn', last_error = ${reason.slice(0, 1000)}, updated_at = now() WHERE id = ${id} AND status = 'queued'`);
  }

  /** How many messages are in each status (every status, 0 when none). */
  async countByStatus(): Promise<Array<{ status: MessageStatus; n: number }>> {
    return rows(
      this.dataSource,
      sql`SELECT s.status, count(m.id)::int AS n FROM unnest(${MESSAGE_STATUSES}::text[]) AS s(status)
            LEFT JOIN messages m ON m.status = s.status GROUP BY s.status ORDER BY s.status`,
    );
  }

  /** Erasure: the person's messages go (rows, not just bodies: recipient and address are personal data). */
  async eraseForAttendee(db: Db, attendeeId: string): Promise<number> {
    return (await rows(db, sql`DELETE FROM messages WHERE attendee_id = ${attendeeId} RETURNING id`)).length;
  }
}
