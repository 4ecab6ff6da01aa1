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

// Defined only where a test Redis is configured (TEST_REDIS_URL), like the Redis job-backend tests.
if (testEnv.redisUrl) describe('health with Redis as the job backend', () => {
  it('says so when Redis may evict queued jobs (maxmemory-policy other than noeviction)', async () => {
    const t = await startTestApp({ jobBackend: 'redis' });
    const { default: IORedis } = await import('ioredis');
    const redis = new IORedis(testEnv.redisUrl!);
    const before = ((await redis.config('GET', 'maxmemory-policy')) as string[])[1];
    try {
      await redis.config('SET', 'maxmemory-policy', 'noeviction');
      expect((await t.http().get('/health/ready').expect(200)).body.checks.jobs).toEqual({ status: 'up', backend: 'redis' });
      await redis.config('SET', 'maxmemory-policy', 'allkeys-lru');
      const res = await t.http().get('/health/ready').expect(503);
      expect(res.body.checks.jobs).toEqual({ status: 'down', backend: 'redis', detail: 'job backend (redis): maxmemory-policy is allkeys-lru; it must be noeviction or queued jobs can be evicted' });
    } finally {
      await redis.config('SET', 'maxmemory-policy', before);
      redis.disconnect();
      await t.close();
    }
  });
});
