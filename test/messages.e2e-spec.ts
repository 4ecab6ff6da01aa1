import { withTransaction } from '@fairops/core';
import { MessagesService } from '@fairops/messages';
import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, makeEdition, makeUser } from './support/factories';

describe('GET /messages: what the admin sees of outgoing mail', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let editionId: string;
  const ids: string[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    admin = await makeUser(t, 'admin');
    editionId = (await makeEdition(t)).id;
    const messages = t.get(MessagesService);
    for (const [n, language] of (['fr', 'ar', 'en'] as const).entries()) {
      const id = await withTransaction(t.dataSource, undefined, (tx) =>
        messages.enqueue(tx, { key: `e2e:${n}`, editionId, template: 'password_reset', language, recipient: { email: `desk${n}@siccam.ma`, name: `Agent ${n}` } }),
      );
      ids.push(id!);
    }
  });
  afterAll(() => t.close());

  it('lists messages with their status, filtered, and shows one', async () => {
    const list = await t.http().get('/api/v1/messages').query({ editionId, status: 'queued', recipient: 'desk1' }).set(admin.auth).expect(200);
    expect(list.body).toMatchObject({ total: 1, limit: 50, offset: 0, items: [{ id: ids[1], key: 'e2e:1', language: 'ar', status: 'queued', attempts: 0, lastError: null, sentAt: null }] });
    const one = await t.http().get(`/api/v1/messages/${ids[2]}`).set(admin.auth).expect(200);
    expect(one.body).toMatchObject({ id: ids[2], template: 'password_reset', recipientEmail: 'desk2@siccam.ma', editionId });
    expect(one.body).not.toHaveProperty('data');
  });

  it('answers 404 for an unknown message, 400 naming a bad filter, 403 to anyone but an admin', async () => {
    const missing = await t.http().get('/api/v1/messages/00000000-0000-4000-8000-000000000000').set(admin.auth).expect(404);
    expect(missing.body.error).toBe('message_not_found');
    const bad = await t.http().get('/api/v1/messages').query({ status: 'lost' }).set(admin.auth).expect(400);
    expect(bad.body.details).toEqual([{ field: 'status', reasons: ['must be one of queued, sent, failed, withdrawn'] }]);
    const desk = await makeUser(t, 'desk');
    await t.http().get('/api/v1/messages').set(desk.auth).expect(403);
    await t.http().get('/api/v1/messages').expect(401);
  });
});
