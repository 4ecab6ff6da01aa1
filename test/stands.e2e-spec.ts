import { StandsService } from '@fairops/exhibitors';
import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, makeEdition, makeExhibitor, makeHall, makeStand, makeUser } from './support/factories';

describe('floor plan: halls and stands', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let editionId: string;
  let hallId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makeUser(t, 'admin');
    editionId = (await makeEdition(t)).id;
    hallId = (await makeHall(t, editionId, 'Hall A')).id;
  });
  afterAll(() => t.close());

  it('assigns one stand to exactly one of 50 exhibitors asking at the same time', async () => {
    const stand = await makeStand(t, editionId, hallId, { code: 'A-50' });
    const exhibitors = await Promise.all(Array.from({ length: 50 }, () => makeExhibitor(t, editionId)));
    const responses = await Promise.all(
      exhibitors.map((e) => t.http().post(`/api/v1/stands/${stand.id}/assign`).set(admin.auth).send({ exhibitorId: e.id })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const winner = responses.find((r) => r.status === 200)!.body.exhibitorId;
    const loser = responses.find((r) => r.status === 409)!;
    expect(loser.body).toMatchObject({ error: 'stand_not_available', details: { code: 'A-50', status: 'assigned' } });
    const rows = await t.dataSource.query(`SELECT exhibitor_id, status FROM stands WHERE id = $1`, [stand.id]);
    expect(rows).toEqual([{ exhibitor_id: winner, status: 'assigned' }]);
    const audit = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1 AND action = 'stand.assigned'`, [stand.id]);
    expect(audit[0].n).toBe(1);
  });

  it('holds a stand for one exhibitor, refuses it to others until the hold expires, then frees it', async () => {
    const stand = await makeStand(t, editionId, hallId, { code: 'A-01' });
    const [first, second] = await Promise.all([makeExhibitor(t, editionId), makeExhibitor(t, editionId)]);
    const held = await t.http().post(`/api/v1/stands/${stand.id}/hold`).set(admin.auth).send({ exhibitorId: first.id, hours: 24 }).expect(200);
    expect(held.body).toMatchObject({ status: 'held', exhibitorId: first.id, exhibitorName: first.name });
    await t.http().post(`/api/v1/stands/${stand.id}/assign`).set(admin.auth).send({ exhibitorId: second.id }).expect(409);
    await t.http().post(`/api/v1/stands/${stand.id}/hold`).set(admin.auth).send({ exhibitorId: second.id }).expect(409);

    // The hold lapses: the stand reads as free and another exhibitor may take it.
    await t.dataSource.query(`UPDATE stands SET held_until = now() - interval '1 minute' WHERE id = $1`, [stand.id]);
    const free = await t.http().get('/api/v1/stands').query({ editionId, status: 'free' }).set(admin.auth).expect(200);
    expect(free.body.items.map((s: { code: string }) => s.code)).toContain('A-01');
    await t.http().post(`/api/v1/stands/${stand.id}/assign`).set(admin.auth).send({ exhibitorId: second.id }).expect(200);
    const assigned = await t.http().get('/api/v1/stands').query({ editionId, status: 'assigned', hallId }).set(admin.auth).expect(200);
    expect(assigned.body.items.find((s: { code: string }) => s.code === 'A-01')).toMatchObject({ exhibitorId: second.id });
  });

  it('lets the holding exhibitor take its held stand, releases it, and moves an assignment in one step', async () => {
    const [a, b] = [await makeStand(t, editionId, hallId, { code: 'A-02' }), await makeStand(t, editionId, hallId, { code: 'A-03' })];
    const exhibitor = await makeExhibitor(t, editionId);
    await t.http().post(`/api/v1/stands/${a.id}/hold`).set(admin.auth).send({ exhibitorId: exhibitor.id }).expect(200);
    await t.http().post(`/api/v1/stands/${a.id}/assign`).set(admin.auth).send({ exhibitorId: exhibitor.id }).expect(200);
    const moved = await t.http().post(`/api/v1/stands/${a.id}/move`).set(admin.auth).send({ toStandId: b.id }).expect(200);
    expect(moved.body).toMatchObject({ code: 'A-03', status: 'assigned', exhibitorId: exhibitor.id });
    expect((await t.get(StandsService).get(a.id)).status).toBe('free');
    const notAssigned = await t.http().post(`/api/v1/stands/${a.id}/move`).set(admin.auth).send({ toStandId: b.id }).expect(409);
    expect(notAssigned.body.error).toBe('stand_not_assigned');
    const released = await t.http().post(`/api/v1/stands/${b.id}/release`).set(admin.auth).send({ reason: 'changed plans' }).expect(200);
    expect(released.body).toMatchObject({ status: 'free', exhibitorId: null });
  });

  it('refuses a stand to a cancelled exhibitor, and frees its stands when it is cancelled', async () => {
    const stand = await makeStand(t, editionId, hallId, { code: 'A-04' });
    const exhibitor = await makeExhibitor(t, editionId);
    await t.http().post(`/api/v1/stands/${stand.id}/assign`).set(admin.auth).send({ exhibitorId: exhibitor.id }).expect(200);
    await t.http().post(`/api/v1/exhibitors/${exhibitor.id}/status`).set(admin.auth).send({ status: 'cancelled', reason: 'no payment' }).expect(200);
    expect((await t.get(StandsService).get(stand.id)).status).toBe('free');
    const res = await t.http().post(`/api/v1/stands/${stand.id}/assign`).set(admin.auth).send({ exhibitorId: exhibitor.id }).expect(409);
    expect(res.body.error).toBe('exhibitor_not_active');
  });

  it('keeps stand codes unique per edition and refuses an exhibitor of another edition', async () => {
    const dup = await t.http().post('/api/v1/stands').set(admin.auth).send({ editionId, hallId, code: 'A-50', areaM2: 12, type: 'raw_space' }).expect(409);
    expect(dup.body.error).toBe('stand_code_taken');
    const other = await makeEdition(t);
    const stranger = await makeExhibitor(t, other.id);
    const stand = await makeStand(t, editionId, hallId);
    const res = await t.http().post(`/api/v1/stands/${stand.id}/assign`).set(admin.auth).send({ exhibitorId: stranger.id }).expect(400);
    expect(res.body.details[0].field).toBe('exhibitorId');
    const badHall = await t.http().post('/api/v1/stands').set(admin.auth).send({ editionId: other.id, hallId, code: 'B-1', areaM2: 9, type: 'raw_space' }).expect(404);
    expect(badHall.body.error).toBe('hall_not_found');
  });

  it('closes the floor plan to other roles', async () => {
    const desk = await makeUser(t, 'desk');
    const stand = await makeStand(t, editionId, hallId);
    await t.http().get('/api/v1/stands').set(desk.auth).expect(403);
    await t.http().post(`/api/v1/stands/${stand.id}/release`).set(desk.auth).send({}).expect(403);
    await t.http().post('/api/v1/halls').set(desk.auth).send({ editionId, name: 'Hall Z' }).expect(403);
  });
});
