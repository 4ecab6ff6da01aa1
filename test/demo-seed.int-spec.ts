import { Clock } from '@fairops/core';
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
    expect(users.body.total).toBe(9);
    expect(users.body.items.map((u: { email: string }) => u.email)).toEqual(expect.arrayContaining(['desk1@siccam.demo', 'jury5@siccam.demo']));
  });

  it('has the 25 exhibitors from 8 countries on stands in two halls, and a manager for Atlas Relation Client', async () => {
    const admin = await t.http().post('/api/v1/auth/login').send({ email: 'admin@siccam.demo', password: DEMO_PASSWORD }).expect(200);
    const auth = { Authorization: `Bearer ${admin.body.accessToken}` };
    const stats = (await t.http().get('/api/v1/exhibitors/stats').set(auth).expect(200)).body;
    expect(stats.total).toBe(25);
    expect(stats.byCountry.map((c: { country: string }) => c.country).sort()).toEqual(['BE', 'CA', 'CI', 'ES', 'FR', 'MA', 'SN', 'TN']);
    const halls = (await t.http().get('/api/v1/halls').set(auth).expect(200)).body.items;
    expect(halls.map((h: { name: string }) => h.name)).toEqual(['Hall A', 'Hall B']);
    const assigned = (await t.http().get('/api/v1/stands').query({ status: 'assigned', limit: 100 }).set(auth).expect(200)).body;
    expect(assigned.total).toBe(25);

    const manager = await t.http().post('/api/v1/auth/login').send({ email: 'exhibitor@atlas-relation-client.demo', password: DEMO_PASSWORD }).expect(200);
    const own = await t.http().get('/api/v1/exhibitors').set({ Authorization: `Bearer ${manager.body.accessToken}` }).expect(200);
    expect(own.body.items).toHaveLength(1);
    expect(own.body.items[0]).toMatchObject({ name: 'Atlas Relation Client', status: 'confirmed', staffQuota: 2 + 8 });
    const oriental = (await t.http().get('/api/v1/exhibitors').query({ q: 'مركز' }).set(auth).expect(200)).body.items[0];
    expect(oriental.name).toBe('Oriental Contact Services');
  });

  it('has a few hundred attendees of every category, staff within quotas, and first-day check-ins', async () => {
    const admin = await t.http().post('/api/v1/auth/login').send({ email: 'admin@siccam.demo', password: DEMO_PASSWORD }).expect(200);
    const auth = { Authorization: `Bearer ${admin.body.accessToken}` };
    const all = await t.http().get('/api/v1/attendees').query({ limit: 1 }).set(auth).expect(200);
    expect(all.body.total).toBeGreaterThan(300);
    for (const category of ['visitor', 'exhibitor_staff', 'speaker', 'press', 'official', 'jury', 'organiser']) {
      const some = await t.http().get('/api/v1/attendees').query({ category, limit: 1 }).set(auth).expect(200);
      expect({ category, any: some.body.total > 0 }).toEqual({ category, any: true });
    }
    const overQuota = await t.dataSource.query(
      `SELECT e.name FROM exhibitors e WHERE (SELECT count(*) FROM attendees a WHERE a.exhibitor_id = e.id AND a.status = 'registered') > exhibitor_staff_quota(e.id)`,
    );
    expect(overQuota).toEqual([]);
    const stats = await t.http().get('/api/v1/checkin/stats').query({ day: '2027-04-16' }).set(auth).expect(200);
    expect(stats.body.checkedIn).toBeGreaterThan(50);
    expect(stats.body.perDesk.map((d: { deskId: string }) => d.deskId)).toEqual(['desk-1', 'desk-2']);
    const arabic = await t.http().get('/api/v1/attendees').query({ q: 'العلوي' }).set(auth).expect(200);
    expect(arabic.body.total).toBeGreaterThan(0);
  });

  it('publishes the two-day programme with the officials at the opening ceremony', async () => {
    const program = await t.http().get('/api/v1/program').expect(200);
    expect(program.body.days.map((d: { date: string }) => d.date)).toEqual(['2027-04-16', '2027-04-17']);
    const sessions = program.body.days.flatMap((d: { rooms: Array<{ sessions: Array<{ title: string; startsAt: string; speakers: unknown[]; registrationRequired: boolean; capacity: number }> }> }) => d.rooms.flatMap((r) => r.sessions));
    expect(sessions).toHaveLength(7);
    const opening = sessions.find((s: { title: string }) => s.title.startsWith("Cérémonie d'ouverture"));
    expect(opening).toMatchObject({ startsAt: '2027-04-16T10:00:00+01:00', room: { name: 'Grand Auditorium' } });
    expect(opening.speakers).toHaveLength(4);
    expect(sessions.find((s: { title: string }) => s.title === 'Job dating')).toMatchObject({ registrationRequired: true, capacity: 60, startsAt: '2027-04-17T14:00:00+01:00' });
  });

  it('has five prizes, five jurors with jury3 recused from Atlas Relation Client, and part of the scores', async () => {
    const admin = await t.http().post('/api/v1/auth/login').send({ email: 'admin@siccam.demo', password: DEMO_PASSWORD }).expect(200);
    const prizes = (await t.http().get('/api/v1/awards/prizes').set({ Authorization: `Bearer ${admin.body.accessToken}` }).expect(200)).body.items;
    expect(prizes).toHaveLength(5);
    for (const p of prizes) {
      expect(p.jurorIds).toHaveLength(5);
      expect(p.nominees.length).toBeGreaterThanOrEqual(3);
      expect(p.nominees.length).toBeLessThanOrEqual(6);
      expect(p.criteria.reduce((s: number, c: { weight: number }) => s + c.weight, 0)).toBe(100);
    }
    const jury3 = await t.http().post('/api/v1/auth/login').send({ email: 'jury3@siccam.demo', password: DEMO_PASSWORD }).expect(200);
    const mine = (await t.http().get('/api/v1/jury/prizes').set({ Authorization: `Bearer ${jury3.body.accessToken}` }).expect(200)).body.items;
    const excellence = mine.find((p: { name: string }) => p.name === 'Excellence de la relation client');
    expect(excellence.nominees.find((n: { name: string }) => n.name === 'Atlas Relation Client').recused).toBe(true);
    expect(excellence.nominees.find((n: { name: string }) => n.name === 'Oriental Contact Services').recused).toBe(false);
    const jury1 = await t.http().post('/api/v1/auth/login').send({ email: 'jury1@siccam.demo', password: DEMO_PASSWORD }).expect(200);
    const scored = (await t.http().get('/api/v1/jury/prizes').set({ Authorization: `Bearer ${jury1.body.accessToken}` }).expect(200)).body.items;
    expect(scored[0].nominees.every((n: { scoredCriteria: number }) => n.scoredCriteria > 0)).toBe(true);
  });
});

describe('demo fair loaded on its first day (no DEMO_START_DATE)', () => {
  /** The demo seed as `npm start` runs it, with the clock at a given instant (the fair's first day is that day in Oujda). */
  async function seedAt(now: string): Promise<{ t: TestApp; checkins: Array<{ local: string; at: Date }> }> {
    const t = await startTestApp();
    // The app's one clock, which every service reads: the seed and the desks' scan pipeline agree on the time.
    jest.spyOn(t.get(Clock), 'now').mockReturnValue(new Date(now));
    expect(await t.get(DemoSeed).seedIfEmpty()).toBe(true);
    const checkins = await t.dataSource.query(`SELECT to_char(checked_in_at AT TIME ZONE 'Africa/Casablanca', 'HH24:MI') AS local, checked_in_at AS at FROM checkins`);
    return { t, checkins };
  }

  it('before the doors open (08:20 in Oujda) has no check-in yet', async () => {
    const { t, checkins } = await seedAt('2027-04-16T07:20:00Z');
    await t.close();
    expect(checkins.map((c) => c.local)).toEqual([]);
  });

  it('at 10:30 in Oujda has the morning’s check-ins, all between the opening at 09:00 and now', async () => {
    const { t, checkins } = await seedAt('2027-04-16T09:30:00Z');
    await t.close();
    expect(checkins.length).toBeGreaterThan(50);
    expect(checkins.filter((c) => c.local < '09:00' || c.at.getTime() > Date.parse('2027-04-16T09:30:00Z'))).toEqual([]);
  });
});
