import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, TEST_PASSWORD, makeUser } from './support/factories';
import { FairopsProcess, freePort, processEnv, startProcess, waitUntilReady } from './support/processes';
import request from 'supertest';

const NEW_PASSWORD = 'a brand new passphrase';

/** Milliseconds until a request first answers 401 (asked every 10 ms), or `limitMs` if it never does. */
async function firstRefusal(send: () => PromiseLike<{ status: number }>, limitMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < limitMs) {
    if ((await send()).status === 401) return Date.now() - started;
    await new Promise((r) => setTimeout(r, 10));
  }
  return limitMs;
}

describe('account management: disable, enable, change and reset passwords, ending tokens at once', () => {
  let t: TestApp;
  let admin: LoggedIn;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await makeUser(t, 'admin');
  });
  afterAll(() => t.close());

  const me = (who: { auth: { Authorization: string } }) => t.http().get('/api/v1/auth/me').set(who.auth);
  const audit = async (id: string) => (await t.http().get('/api/v1/audit').query({ entityType: 'user', entityId: id }).set(admin.auth).expect(200)).body.items;

  it('ends a disabled user’s tokens at once, refuses their log-in, and audits it with the reason', async () => {
    const desk = await makeUser(t, 'desk');
    await me(desk).expect(200); // the actor is now remembered for this token
    const res = await t.http().post(`/api/v1/users/${desk.actor.id}/disable`).set(admin.auth).send({ reason: 'desk tablet stolen' }).expect(200);
    expect(res.body).toMatchObject({ id: desk.actor.id, disabled: true });
    const refused = await me(desk).expect(401);
    expect(refused.body.error).toBe('invalid_token');
    await t.http().post('/api/v1/auth/login').send({ email: desk.actor.email, password: TEST_PASSWORD }).expect(401);
    expect(await audit(desk.actor.id)).toEqual(
      expect.arrayContaining([expect.objectContaining({ action: 'user.disabled', actorUserId: admin.actor.id, reason: 'desk tablet stolen' })]),
    );
  });

  it('lets an admin enable the user again: they log in afresh, the old token stays ended', async () => {
    const jury = await makeUser(t, 'jury');
    await t.http().post(`/api/v1/users/${jury.actor.id}/disable`).set(admin.auth).send({}).expect(200);
    const enabled = await t.http().post(`/api/v1/users/${jury.actor.id}/enable`).set(admin.auth).expect(200);
    expect(enabled.body.disabled).toBe(false);
    await me(jury).expect(401);
    const again = await t.http().post('/api/v1/auth/login').send({ email: jury.actor.email, password: TEST_PASSWORD }).expect(200);
    await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${again.body.accessToken}`).expect(200);
    expect((await audit(jury.actor.id)).map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['user.disabled', 'user.enabled']));
  });

  it('refuses account management to other roles, and an admin disabling themselves', async () => {
    const desk = await makeUser(t, 'desk');
    await t.http().post(`/api/v1/users/${admin.actor.id}/disable`).set(desk.auth).send({}).expect(403);
    await t.http().post(`/api/v1/users/${desk.actor.id}/password`).set(desk.auth).send({ newPassword: NEW_PASSWORD }).expect(403);
    const self = await t.http().post(`/api/v1/users/${admin.actor.id}/disable`).set(admin.auth).send({}).expect(409);
    expect(self.body.error).toBe('cannot_disable_self');
    await t.http().post(`/api/v1/users/00000000-0000-4000-8000-000000000000/disable`).set(admin.auth).send({}).expect(404);
  });

  it('lets a user change their own password with the current one; every earlier token ends, the answer carries a new one', async () => {
    const exhibitorless = await makeUser(t, 'jury');
    const otherDevice = await t.http().post('/api/v1/auth/login').send({ email: exhibitorless.actor.email, password: TEST_PASSWORD }).expect(200);
    await me(exhibitorless).expect(200);
    const wrong = await t.http().post('/api/v1/auth/password').set(exhibitorless.auth).send({ currentPassword: 'not it', newPassword: NEW_PASSWORD }).expect(400);
    expect(wrong.body.details).toEqual([{ field: 'currentPassword', reasons: ['is incorrect'] }]);
    const short = await t.http().post('/api/v1/auth/password').set(exhibitorless.auth).send({ currentPassword: TEST_PASSWORD, newPassword: 'short' }).expect(400);
    expect(short.body.details).toEqual([{ field: 'newPassword', reasons: ['must be at least 10 characters'] }]);

    const changed = await t.http().post('/api/v1/auth/password').set(exhibitorless.auth).send({ currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD }).expect(200);
    await me(exhibitorless).expect(401);
    await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${otherDevice.body.accessToken}`).expect(401);
    await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${changed.body.accessToken}`).expect(200);
    await t.http().post('/api/v1/auth/login').send({ email: exhibitorless.actor.email, password: TEST_PASSWORD }).expect(401);
    await t.http().post('/api/v1/auth/login').send({ email: exhibitorless.actor.email, password: NEW_PASSWORD }).expect(200);
    const entries = await audit(exhibitorless.actor.id);
    expect(entries).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'user.password_changed', actorUserId: exhibitorless.actor.id })]));
    expect(JSON.stringify(entries)).not.toMatch(/argon2|passphrase/);
  });

  it('lets an admin reset a password: the user’s tokens end at once and the new password works', async () => {
    const desk = await makeUser(t, 'desk');
    await me(desk).expect(200);
    const res = await t.http().post(`/api/v1/users/${desk.actor.id}/password`).set(admin.auth).send({ newPassword: NEW_PASSWORD, reason: 'forgotten' }).expect(200);
    expect(res.body).toMatchObject({ id: desk.actor.id, disabled: false });
    expect(res.body.passwordHash).toBeUndefined();
    await me(desk).expect(401);
    await t.http().post('/api/v1/auth/login').send({ email: desk.actor.email, password: NEW_PASSWORD }).expect(200);
    expect(await audit(desk.actor.id)).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'user.password_reset', reason: 'forgotten' })]));
  });
});

describe('account management across API processes (needs npm run build)', () => {
  let t: TestApp;
  let apis: FairopsProcess[] = [];
  beforeAll(async () => {
    t = await startTestApp();
    apis = await Promise.all([0, 1].map(async () => startProcess('api', processEnv(t.config, await freePort()))));
    for (const api of apis) await waitUntilReady(api);
  }, 60000);
  afterAll(async () => {
    for (const api of apis) api.child.kill('SIGTERM');
    await Promise.all(apis.map((a) => a.exited));
    await t.close();
  });

  it('ends a disabled user’s token on the process that disabled it at once, and on every other one as soon as the notification arrives, long before the 5 s memory', async () => {
    const [a, b] = apis.map((api) => () => request(`http://127.0.0.1:${api.port}`));
    const admin = await makeUser(t, 'admin');
    const desk = await makeUser(t, 'desk');
    for (let round = 0; round < 5; round++) {
      // Both processes remember the desk's token; process A disables the desk.
      await a().get('/api/v1/auth/me').set(desk.auth).expect(200);
      await b().get('/api/v1/auth/me').set(desk.auth).expect(200);
      await a().post(`/api/v1/users/${desk.actor.id}/disable`).set(admin.auth).send({}).expect(200);
      // A forgets the user in the request that disabled it: its very next answer is 401.
      await a().get('/api/v1/auth/me').set(desk.auth).expect(401);
      // B hears of it through PostgreSQL's NOTIFY, delivered at commit: a few milliseconds at most, so
      // B is asked again until it refuses, bounded well under the 5 s its memory would otherwise last.
      const refusedAfter = await firstRefusal(() => b().get('/api/v1/auth/me').set(desk.auth), 2000);
      expect(refusedAfter).toBeLessThan(2000);
      await a().post(`/api/v1/users/${desk.actor.id}/enable`).set(admin.auth).expect(200);
      const again = await a().post('/api/v1/auth/login').send({ email: desk.actor.email, password: TEST_PASSWORD }).expect(200);
      desk.auth = { Authorization: `Bearer ${again.body.accessToken}` };
    }
  }, 60000);
});
