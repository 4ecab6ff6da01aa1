import { Client } from 'pg';
import { TestApp, startTestApp } from './support/test-app';
import { testEnv } from './support/test-env';
import { makeUser } from './support/factories';

describe('health and PostgreSQL outages', () => {
  let t: TestApp;
  let admin: Client;
  let database: string;

  beforeAll(async () => {
    t = await startTestApp();
    database = new URL(t.databaseUrl).pathname.slice(1);
    admin = new Client({ connectionString: testEnv.adminUrl() });
    await admin.connect();
  });
  afterAll(async () => {
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`).catch(() => undefined);
    await admin.end();
    await t.close();
  });

  it('is live and ready with both parts up', async () => {
    await t.http().get('/health/live').expect(200, { status: 'ok' });
    const res = await t.http().get('/health/ready').expect(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: { status: 'up' }, jobs: { status: 'up', backend: 'postgres' } } });
  });

  it('answers 503 naming PostgreSQL while it is away, then recovers by itself', async () => {
    const user = await makeUser(t, 'admin');
    // Take the database away: refuse new connections and cut the open ones.
    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS false`);
    await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database]);

    const ready = await t.http().get('/health/ready').expect(503);
    expect(ready.body.status).toBe('unavailable');
    expect(ready.body.checks.database.status).toBe('down');
    expect(ready.body.checks.database.detail).toMatch(/^PostgreSQL: /);

    const request = await t.http().get('/api/v1/users').set(user.auth).expect(503);
    expect(request.body).toMatchObject({ statusCode: 503, error: 'database_unavailable' });
    expect(request.headers['retry-after']).toBe('5');

    await admin.query(`ALTER DATABASE "${database}" ALLOW_CONNECTIONS true`);
    await t.http().get('/health/ready').expect(200);
    await t.http().get('/api/v1/users').set(user.auth).expect(200);
  });
});
