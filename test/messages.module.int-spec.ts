import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CoreModule, one, sql, withTransaction } from '@fairops/core';
import { MessageComposers, MessageRequest, MessageSender, MessagesModule, MessagesService } from '@fairops/messages';
import { TestSmtpServer } from './support/smtp-server';
import { createTestDatabase } from './support/test-database';
import { testConfig } from './support/test-app';

/** The messages library on a real database, without HTTP. */
describe('MessagesService', () => {
  let app: INestApplicationContext;
  let db: DataSource;
  let messages: MessagesService;
  let sender: MessageSender;
  let smtp: TestSmtpServer;
  /** What the test composer knows: a password link per message key; absent: the user is gone. */
  const links = new Map<string, string>();
  const request = (key: string, extra: Partial<MessageRequest> = {}): MessageRequest => ({
    key,
    editionId: null,
    template: 'password_reset',
    language: 'fr',
    recipient: { email: 'desk1@siccam.ma', name: 'Agent 1' },
    ...extra,
  });

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    @Module({ imports: [CoreModule.forRoot(testConfig(await createTestDatabase(), { env: { SMTP_URL: smtp.url } })), MessagesModule] })
    class Root {}
    app = await NestFactory.createApplicationContext(Root, { logger: false });
    db = app.get(DataSource);
    messages = app.get(MessagesService);
    sender = app.get(MessageSender);
    app.get(MessageComposers).register(['password_reset'], {
      compose: async (m) => {
        const link = links.get(m.key);
        if (!link) return undefined;
        return {
          data: { template: 'password_reset', link, expiresAt: '2026-11-30T10:00:00Z' },
          edition: { name: 'SICCAM 2026', editionNumber: 16, venue: 'Palais des Congrès', city: 'Oujda', timeZone: 'Africa/Casablanca', days: [] },
        };
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await smtp?.stop();
  });

  const queue = async (key: string, extra: Partial<MessageRequest> = {}) => {
    links.set(key, `https://fair.example/reset?t=${key}`);
    return (await withTransaction(db, undefined, (tx) => messages.enqueue(tx, request(key, extra))))!;
  };

  const outboxJobs = async (messageId: string) =>
    (await one<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM outbox WHERE job_name = 'messages.send' AND payload->>'messageId' = ${messageId}`)).n;

  it('queues a message and its send job together; the same key again sends nothing new', async () => {
    const first = await withTransaction(db, undefined, (tx) => messages.enqueue(tx, request('reset:1')));
    const again = await withTransaction(db, undefined, (tx) => messages.enqueue(tx, request('reset:1')));
    expect(first).toEqual(expect.any(String));
    expect(again).toBeUndefined();
    expect(await outboxJobs(first!)).toBe(1);
    expect(await messages.get(first!)).toMatchObject({ key: 'reset:1', status: 'queued', attempts: 0, recipientEmail: 'desk1@siccam.ma', lastError: null });
  });

  it('writes nothing when the cause rolls back', async () => {
    let id: string | undefined;
    await expect(
      withTransaction(db, undefined, async (tx) => {
        id = await messages.enqueue(tx, request('reset:rolled-back'));
        throw new Error('the registration failed');
      }),
    ).rejects.toThrow('the registration failed');
    await expect(messages.get(id!)).rejects.toMatchObject({ code: 'message_not_found', kind: 'not_found' });
    expect(await outboxJobs(id!)).toBe(0);
  });

  it('lists by status and recipient, newest first, with the true total past the end', async () => {
    for (const n of [1, 2, 3]) await withTransaction(db, undefined, (tx) => messages.enqueue(tx, request(`list:${n}`, { recipient: { email: `jury${n}@siccam.ma`, name: `Juré ${n}` } })));
    const page = await messages.list({ recipient: 'jury', status: 'queued', limit: 2, offset: 0 });
    expect(page.total).toBe(3);
    expect(page.items.map((m) => m.key)).toEqual(['list:3', 'list:2']);
    expect(await messages.list({ recipient: 'jury', limit: 2, offset: 10 })).toEqual({ items: [], total: 3 });
    expect((await messages.list({ recipient: '%', limit: 10, offset: 0 })).total).toBe(0);
  });

  it('sends a queued message once, in the recipient’s language, and records the server’s id', async () => {
    const id = await queue('send:ok', { language: 'ar', recipient: { email: 'jury1@siccam.ma', name: 'فاطمة الزهراء' } });
    const before = smtp.received.length;
    expect(await sender.send(id, false)).toBe('sent');
    expect(await sender.send(id, false)).toBe('skipped');
    await smtp.waitFor(before + 1);
    expect(smtp.received.length).toBe(before + 1);
    const { mail } = smtp.received[before];
    expect(mail.subject).toBe('إعادة تعيين كلمة مرور FairOps');
    expect(mail.headers.get('content-language')).toBe('ar');
    expect(mail.text).toContain('https://fair.example/reset?t=send:ok');
    expect(await messages.get(id)).toMatchObject({ status: 'sent', attempts: 1, smtpMessageId: mail.messageId, lastError: null });
  });

  it('retries a 451 and sends on the next try; records a 550 as failed with the reason', async () => {
    const retried = await queue('send:451');
    smtp.plan.push({ code: 451, message: 'greylisted, try again later' });
    expect(await sender.send(retried, false)).toBe('retry');
    expect(await messages.get(retried)).toMatchObject({ status: 'queued', attempts: 1, lastError: expect.stringContaining('greylisted') });
    expect(await sender.send(retried, false)).toBe('sent');
    expect(await messages.get(retried)).toMatchObject({ status: 'sent', attempts: 2, lastError: null });

    const refused = await queue('send:550');
    smtp.plan.push({ code: 550, message: 'no such mailbox' });
    expect(await sender.send(refused, false)).toBe('failed');
    expect(await messages.get(refused)).toMatchObject({ status: 'failed', attempts: 1, lastError: expect.stringContaining('no such mailbox') });
    expect(await sender.send(refused, false)).toBe('skipped');
  });

  it('gives up on a temporary failure at the last try, and drops a message whose subject is gone', async () => {
    const last = await queue('send:last');
    smtp.plan.push({ code: 421, message: 'service not available' });
    expect(await sender.send(last, true)).toBe('failed');
    expect(await messages.get(last)).toMatchObject({ status: 'failed', lastError: expect.stringContaining('service not available') });

    const gone = await queue('send:gone');
    links.delete('send:gone');
    expect(await sender.send(gone, false)).toBe('failed');
    expect(await messages.get(gone)).toMatchObject({ status: 'failed', attempts: 0, lastError: 'what the message was about no longer exists' });
  });
});
