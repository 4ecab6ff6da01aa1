import { DemoSeed, DEMO_PASSWORD } from '@fairops/demo';
import { TestApp, startTestApp } from './support/test-app';

describe('demo fair', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { DEMO_START_DATE: '2027-04-16' } });
  });
  afterAll(() => t.close());

  it('loads once even when two processes start together, and its admin logs in', async () => {
    const seed = t.get(DemoSeed);
    const results = await Promise.all([seed.seedIfEmpty(), seed.seedIfEmpty(), seed.seedIfEmpty()]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await seed.seedIfEmpty()).toBe(false);

    const current = await t.http().get('/api/v1/editions/current').expect(200);
    expect(current.body).toMatchObject({ name: 'SICCAM', editionNumber: 16, city: 'Oujda', timeZone: 'Africa/Casablanca' });
    expect(current.body.days).toEqual([
      { date: '2027-04-16', opensAt: '2027-04-16T09:00:00+01:00', closesAt: '2027-04-16T18:00:00+01:00' },
      { date: '2027-04-17', opensAt: '2027-04-17T09:00:00+01:00', closesAt: '2027-04-17T18:00:00+01:00' },
    ]);

    const login = await t.http().post('/api/v1/auth/login').send({ email: 'admin@siccam.demo', password: DEMO_PASSWORD }).expect(200);
    const users = await t.http().get('/api/v1/users').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(users.body.total).toBe(8);
    expect(users.body.items.map((u: { email: string }) => u.email)).toEqual(expect.arrayContaining(['desk1@siccam.demo', 'jury5@siccam.demo']));
  });
});
