import { createHmac } from 'node:crypto';
import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, TEST_PASSWORD, makeUser } from './support/factories';

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** A JWT signed by hand, to forge the tokens a real client library would refuse to make. */
function handMadeToken(header: object, claims: object, secret: string | null): string {
  const unsigned = `${b64(header)}.${b64(claims)}`;
  const signature = secret === null ? '' : createHmac('sha256', secret).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

describe('authentication, roles and the common error body', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let desk: LoggedIn;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makeUser(t, 'admin');
    desk = await makeUser(t, 'desk');
  });
  afterAll(() => t.close());

  const now = () => Math.floor(Date.now() / 1000);
  const validClaims = () => ({ sub: admin.actor.id, role: 'admin', iss: t.config.jwt.issuer, aud: t.config.jwt.audience, iat: now(), exp: now() + 600 });

  it('logs the demo-style user in and answers the token, the role and an authenticated route', async () => {
    const res = await t.http().post('/api/v1/auth/login').send({ email: admin.actor.email.toUpperCase(), password: TEST_PASSWORD }).expect(200);
    expect(res.body).toMatchObject({ tokenType: 'Bearer', user: { id: admin.actor.id, role: 'admin' } });
    const me = await t.http().get('/api/v1/auth/me').set('Authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body).toEqual({ id: admin.actor.id, email: admin.actor.email, role: 'admin', exhibitorId: null });
  });

  it('answers 401 without a token, in the common error body', async () => {
    const res = await t.http().get('/api/v1/users').expect(401);
    expect(res.body).toMatchObject({ statusCode: 401, error: 'unauthenticated', message: expect.any(String) });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
  });

  it('answers 401 for an expired token', async () => {
    const token = handMadeToken({ alg: 'HS256', typ: 'JWT' }, { ...validClaims(), iat: now() - 7200, exp: now() - 3600 }, t.config.jwt.secret);
    const res = await t.http().get('/api/v1/users').set('Authorization', `Bearer ${token}`).expect(401);
    expect(res.body.error).toBe('invalid_token');
  });

  it('accepts a correctly signed hand-made token (so the refusals below are about what they change)', async () => {
    const token = handMadeToken({ alg: 'HS256', typ: 'JWT' }, validClaims(), t.config.jwt.secret);
    await t.http().get('/api/v1/users').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('answers 401 for a token signed with another secret', async () => {
    const token = handMadeToken({ alg: 'HS256', typ: 'JWT' }, validClaims(), 'not-the-server-secret-not-the-server-secret');
    await t.http().get('/api/v1/users').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('answers 401 for an alg:none token', async () => {
    const token = handMadeToken({ alg: 'none', typ: 'JWT' }, validClaims(), null);
    await t.http().get('/api/v1/users').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('answers 401 for a token of another issuer or audience, or one claiming another role', async () => {
    for (const claims of [{ ...validClaims(), iss: 'elsewhere' }, { ...validClaims(), aud: 'other-api' }, { ...validClaims(), sub: desk.actor.id, role: 'admin' }]) {
      const token = handMadeToken({ alg: 'HS256', typ: 'JWT' }, claims, t.config.jwt.secret);
      await t.http().get('/api/v1/users').set('Authorization', `Bearer ${token}`).expect(401);
    }
  });

  it('answers 403 for a role that may not call the route', async () => {
    const res = await t.http().get('/api/v1/users').set(desk.auth).expect(403);
    expect(res.body).toMatchObject({ statusCode: 403, error: 'forbidden', details: { allowedRoles: ['admin'] } });
  });

  it('answers 400 naming an unknown field and each invalid field', async () => {
    const res = await t
      .http()
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ email: 'not-an-email', password: 'long-enough-password', displayName: 'X', role: 'superuser', isAdmin: true })
      .expect(400);
    expect(res.body.error).toBe('validation_failed');
    const fields = Object.fromEntries(res.body.details.map((d: { field: string; reasons: string[] }) => [d.field, d.reasons]));
    expect(fields.isAdmin).toEqual(['is not an allowed field']);
    expect(fields.email).toEqual(['must be an email address']);
    expect(fields.role[0]).toMatch(/must be one of admin, desk, jury, exhibitor/);
    expect(res.body.message).toContain('isAdmin is not an allowed field');
  });

  it('answers 400 for malformed JSON and 404 for an unknown route, in the same shape', async () => {
    const bad = await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email": ').expect(400);
    expect(bad.body).toMatchObject({ statusCode: 400, error: 'malformed_json' });
    expect(bad.body.requestId).toEqual(expect.any(String));
    const missing = await t.http().get('/api/v1/no-such-thing').expect(404);
    expect(missing.body).toMatchObject({ statusCode: 404, error: 'not_found' });
  });

  it('answers 400 for a bad id in the path, not 500', async () => {
    const res = await t.http().get('/api/v1/editions/not-a-uuid').expect(400);
    expect(res.body.details).toEqual([{ field: 'id', reasons: ['must be a UUID'] }]);
  });

  it('echoes a sane x-request-id and replaces an unsafe one', async () => {
    const echoed = await t.http().get('/health/live').set('x-request-id', 'desk-7.scan-42').expect(200);
    expect(echoed.headers['x-request-id']).toBe('desk-7.scan-42');
    const replaced = await t.http().get('/health/live').set('x-request-id', 'bad id with spaces').expect(200);
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lets admins create users, refuses a duplicate email with 409, and audits the creation', async () => {
    const body = { email: 'desk9@test.fairops', password: 'a-long-password', displayName: 'Desk 9', role: 'desk' };
    const created = await t.http().post('/api/v1/users').set(admin.auth).send(body).expect(201);
    expect(created.body).toMatchObject({ email: 'desk9@test.fairops', role: 'desk', disabled: false });
    expect(created.body.passwordHash).toBeUndefined();
    const dup = await t.http().post('/api/v1/users').set(admin.auth).send({ ...body, email: 'DESK9@test.fairops' }).expect(409);
    expect(dup.body.error).toBe('email_taken');
    const audit = await t.http().get('/api/v1/audit').query({ entityType: 'user', entityId: created.body.id }).set(admin.auth).expect(200);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({ action: 'user.created', actorUserId: admin.actor.id, actorRole: 'admin' });
    expect(audit.body.items[0].requestId).toBe(created.headers['x-request-id']);
  });

  it('refuses an exhibitor user without an exhibitor, naming the field', async () => {
    const res = await t
      .http()
      .post('/api/v1/users')
      .set(admin.auth)
      .send({ email: 'ex@test.fairops', password: 'a-long-password', displayName: 'Ex', role: 'exhibitor' })
      .expect(400);
    expect(res.body.details).toEqual([{ field: 'exhibitorId', reasons: ['is required for the exhibitor role'] }]);
  });

  it('keeps the audit log append-only in the database', async () => {
    await expect(t.dataSource.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
  });
});

describe('failed log-ins', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_MAX_FAILURES: '3', LOGIN_FAILURE_WINDOW_SECONDS: '60' } });
  });
  afterAll(() => t.close());

  it('answers 401 without saying whether the email exists', async () => {
    const user = await makeUser(t, 'jury');
    const wrongPassword = await t.http().post('/api/v1/auth/login').send({ email: user.actor.email, password: 'nope' }).expect(401);
    const unknownEmail = await t.http().post('/api/v1/auth/login').send({ email: 'nobody@test.fairops', password: 'nope' }).expect(401);
    expect(wrongPassword.body.message).toBe(unknownEmail.body.message);
  });

  it('locks an account out for that client address with 429 and Retry-After after too many failures, even with the right password', async () => {
    const user = await makeUser(t, 'desk');
    for (let i = 0; i < 3; i++) {
      await t.http().post('/api/v1/auth/login').send({ email: user.actor.email, password: `wrong-${i}` }).expect(401);
    }
    const locked = await t.http().post('/api/v1/auth/login').send({ email: user.actor.email, password: TEST_PASSWORD }).expect(429);
    expect(locked.body.error).toBe('too_many_login_failures');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('counts concurrent failures without losing any', async () => {
    const user = await makeUser(t, 'desk');
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => t.http().post('/api/v1/auth/login').send({ email: user.actor.email, password: `wrong-${i}` })),
    );
    expect(results.every((r) => r.status === 401 || r.status === 429)).toBe(true);
    await t.http().post('/api/v1/auth/login').send({ email: user.actor.email, password: TEST_PASSWORD }).expect(429);
  });
});
