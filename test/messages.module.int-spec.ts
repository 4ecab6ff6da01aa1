import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CoreModule, one, sql, withTransaction } from '@fairops/core';
import { MessageRequest, MessagesModule, MessagesService } from '@fairops/messages';
import { createTestDatabase } from './support/test-database';
import { testConfig } from './support/test-app';

/** The messages library on a real database, without HTTP. */
describe('MessagesService', () => {
  let app: INestApplicationContext;
  let db: DataSource;
  let messages: MessagesService;
  const request = (key: string, extra: Partial<MessageRequest> = {}): MessageRequest => ({
    key,
    editionId: null,
    template: 'password_reset',
    language: 'fr',
    recipient: { email: 'desk1@siccam.ma', name: 'Agent 1' },
    ...extra,
  });

  beforeAll(async () => {
    @Module({ imports: [CoreModule.forRoot(testConfig(await createTestDatabase())), MessagesModule] })
    class Root {}
    app = await NestFactory.createApplicationContext(Root, { logger: false });
    db = app.get(DataSource);
    messages = app.get(MessagesService);
  });
  afterAll(() => app?.close());

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
});
