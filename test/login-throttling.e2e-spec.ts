import { PasswordHasher, RateLimiter } from '@fairops/core';
import { TestApp, startTestApp } from './support/test-app';
import { TEST_PASSWORD, makeUser } from './support/factories';

const login = (t: TestApp, email: string, password: string, address?: string) => {
  const req = t.http().post('/api/v1/auth/login');
  if (address) req.set('X-Forwarded-For', address);
  return req.send({ email, password });
};

describe('log-in throttling counts every attempt before checking it (default limits: 5 per account and address)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('gives 30 wrong passwords and the right one sent at once at most 5 password checks, never a 200 past the limit', async () => {
    const user = await makeUser(t, 'desk');
    const verify = jest.spyOn(t.get(PasswordHasher), 'verify');
    try {
      const passwords = [...Array.from({ length: 30 }, (_, i) => `wrong-${i}`), TEST_PASSWORD];
      const results = await Promise.all(passwords.map((p) => login(t, user.actor.email, p)));
      const checked = results.filter((r) => r.status !== 429);
      expect(checked.length).toBeLessThanOrEqual(5);
      expect(verify).toHaveBeenCalledTimes(checked.length);
      expect(results.filter((r) => r.status === 429).length).toBeGreaterThanOrEqual(26);
      expect(results.every((r) => [200, 401, 429].includes(r.status))).toBe(true);
    } finally {
      verify.mockRestore();
    }
  });

  it('checks only 5 of 40 parallel wrong passwords with argon2; the other 35 answer 429 unchecked', async () => {
    const user = await makeUser(t, 'desk');
    const verify = jest.spyOn(t.get(PasswordHasher), 'verify');
    try {
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => login(t, user.actor.email, `wrong-${i}`)));
      expect(results.filter((r) => r.status === 401)).toHaveLength(5);
      const refused = results.filter((r) => r.status === 429);
      expect(refused).toHaveLength(35);
      expect(refused[0].body).toMatchObject({ statusCode: 429, error: 'too_many_login_failures' });
      expect(verify).toHaveBeenCalledTimes(5);
    } finally {
      verify.mockRestore();
    }
  });
});

describe('log-in throttling by account and address: nobody can lock an owner out', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Loopback proxy trusted, so the tests can speak from several client addresses.
    t = await startTestApp({ env: { TRUST_PROXY: 'loopback', LOGIN_MAX_FAILURES: '3', LOGIN_FAILURE_WINDOW_SECONDS: '60' } });
  });
  afterAll(() => t.close());

  it('lets the owner in from another address after someone else’s failures locked that address out of the account', async () => {
    const desk = await makeUser(t, 'desk');
    for (let i = 0; i < 3; i++) await login(t, desk.actor.email, `guess-${i}`, '203.0.113.7').expect(401);
    const attacker = await login(t, desk.actor.email, TEST_PASSWORD, '203.0.113.7').expect(429);
    expect(Number(attacker.headers['retry-after'])).toBeGreaterThan(0);
    const owner = await login(t, desk.actor.email, TEST_PASSWORD, '198.51.100.20').expect(200);
    expect(owner.body.user.id).toBe(desk.actor.id);
  });

  it('stops one address at 10 × the limit over all accounts', async () => {
    const victims = await Promise.all(Array.from({ length: 11 }, () => makeUser(t, 'jury')));
    let statuses: number[] = [];
    for (const v of victims.slice(0, 10)) {
      for (let i = 0; i < 3; i++) statuses.push((await login(t, v.actor.email, `guess-${i}`, '203.0.113.50')).status);
    }
    expect(statuses.every((s) => s === 401)).toBe(true);
    statuses = [(await login(t, victims[10].actor.email, 'guess', '203.0.113.50')).status];
    expect(statuses).toEqual([429]);
    // The victims themselves still log in from their own addresses.
    await login(t, victims[0].actor.email, TEST_PASSWORD, '198.51.100.21').expect(200);
  });

  it('slows attempts on a much-attacked account with a growing delay instead of locking the owner out', async () => {
    const desk = await makeUser(t, 'desk');
    // 6 (= 2 × 3) failures from six addresses: no delay yet.
    for (let i = 0; i < 6; i++) await login(t, desk.actor.email, 'guess', `203.0.113.${100 + i}`).expect(401);
    const timed = async (address: string, password: string, status: number) => {
      const started = Date.now();
      await login(t, desk.actor.email, password, address).expect(status);
      return Date.now() - started;
    };
    const seventh = await timed('203.0.113.110', 'guess', 401);
    const eighth = await timed('203.0.113.111', 'guess', 401);
    const ninth = await timed('203.0.113.112', 'guess', 401);
    expect(seventh).toBeGreaterThanOrEqual(240);
    expect(eighth).toBeGreaterThanOrEqual(490);
    expect(ninth).toBeGreaterThanOrEqual(990);
    // The owner, from their own desk, still gets in (after the 10th attempt's delay of 2 s).
    const owner = await timed('198.51.100.30', TEST_PASSWORD, 200);
    expect(owner).toBeGreaterThanOrEqual(1990);
  }, 30000);

  it('answers 429 for the account once it reached 20 × the limit in the window, from any address', async () => {
    const desk = await makeUser(t, 'desk');
    // 60 attempts already counted against the account (what 20 addresses × 3 failures leave).
    await t.dataSource.query(`INSERT INTO rate_limits (key, hits, window_started_at) VALUES ($1, 60, now()) ON CONFLICT (key) DO UPDATE SET hits = 60, window_started_at = now()`, [RateLimiter.key('login-account', desk.actor.email)]);
    const res = await login(t, desk.actor.email, TEST_PASSWORD, '198.51.100.40').expect(429);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
  });

  it('takes a successful log-in back from the counters, so an owner’s own log-ins never count against them', async () => {
    const desk = await makeUser(t, 'desk');
    for (let i = 0; i < 2; i++) await login(t, desk.actor.email, `typo-${i}`, '198.51.100.50').expect(401);
    await login(t, desk.actor.email, TEST_PASSWORD, '198.51.100.50').expect(200);
    // The pair starts afresh: three more typos are allowed before a 429.
    for (let i = 0; i < 3; i++) await login(t, desk.actor.email, `typo-again-${i}`, '198.51.100.50').expect(401);
    await login(t, desk.actor.email, TEST_PASSWORD, '198.51.100.50').expect(429);
  });
});

describe('log-in throttling behind one shared address (a venue NAT): the known desks stay in', () => {
  let t: TestApp;
  beforeAll(async () => {
    // Default limits (5 per pair, 50 per address); loopback trusted so the tests choose the client address.
    t = await startTestApp({ env: { TRUST_PROXY: 'loopback' } });
  });
  afterAll(() => t.close());

  it('lets a desk that logged in before from the venue address in after 50 failures from that address on other accounts; an unknown account gets 429', async () => {
    const venue = '203.0.113.80';
    const [desk, newcomer, ...others] = await Promise.all(Array.from({ length: 12 }, () => makeUser(t, 'desk')));
    await login(t, desk.actor.email, TEST_PASSWORD, venue).expect(200);
    for (const other of others) for (let i = 0; i < 5; i++) await login(t, other.actor.email, `guess-${i}`, venue).expect(401);
    const again = await login(t, desk.actor.email, TEST_PASSWORD, venue);
    expect(again.status).toBe(200);
    const unknown = await login(t, newcomer.actor.email, TEST_PASSWORD, venue);
    expect(unknown.status).toBe(429);
    // The known pair keeps its own limit: 5 wrong passwords, then 429 for that pair.
    for (let i = 0; i < 5; i++) await login(t, desk.actor.email, `typo-${i}`, venue).expect(401);
    await login(t, desk.actor.email, TEST_PASSWORD, venue).expect(429);
    // What marks the pair as known is a hashed key: neither the email nor the address is kept in clear.
    const keys: Array<{ key: string }> = await t.dataSource.query(`SELECT key FROM rate_limits WHERE key LIKE 'login-known:%'`);
    expect(keys.length).toBeGreaterThan(0);
    expect(JSON.stringify(keys)).not.toContain(venue);
    expect(JSON.stringify(keys)).not.toContain(desk.actor.email);
  }, 60000);
});

describe('TRUST_PROXY', () => {
  it('ignores X-Forwarded-For by default: every attempt counts against the connection’s address', async () => {
    const t = await startTestApp({ env: { LOGIN_MAX_FAILURES: '2', LOGIN_FAILURE_WINDOW_SECONDS: '60' } });
    try {
      const desk = await makeUser(t, 'desk');
      for (let i = 0; i < 2; i++) await login(t, desk.actor.email, 'guess', `203.0.113.${i + 1}`).expect(401);
      // A third "address" is the same client: refused.
      await login(t, desk.actor.email, TEST_PASSWORD, '198.51.100.60').expect(429);
    } finally {
      await t.close();
    }
  });

  it('uses the client address from X-Forwarded-For when the proxy is trusted', async () => {
    const t = await startTestApp({ env: { TRUST_PROXY: '1', LOGIN_MAX_FAILURES: '2', LOGIN_FAILURE_WINDOW_SECONDS: '60' } });
    try {
      const desk = await makeUser(t, 'desk');
      for (let i = 0; i < 2; i++) await login(t, desk.actor.email, 'guess', '203.0.113.1').expect(401);
      await login(t, desk.actor.email, TEST_PASSWORD, '203.0.113.1').expect(429);
      // With one trusted hop the address is the last one the balancer appended; a client cannot choose it.
      await login(t, desk.actor.email, TEST_PASSWORD, '203.0.113.1, 198.51.100.60').expect(200);
      await login(t, desk.actor.email, TEST_PASSWORD, '198.51.100.61').expect(200);
    } finally {
      await t.close();
    }
  });
});
