import { randomUUID } from 'node:crypto';
import { AttendeesService } from '@fairops/attendees';
import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, makeAttendee, makeEdition, makeExhibitor, makeHall, makeLiveEdition, makeStand, makeUser } from './support/factories';

describe('attendees, staff, leads and privacy', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let desk: LoggedIn;
  let jury: LoggedIn;
  let editionId: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { REGISTRATIONS_PER_HOUR_PER_ADDRESS: '5' } });
    [admin, desk, jury] = [await makeUser(t, 'admin'), await makeUser(t, 'desk'), await makeUser(t, 'jury')];
    editionId = (await makeLiveEdition(t)).id;
  });
  afterAll(() => t.close());

  describe('public self-registration', () => {
    it('registers a visitor with a badge code, and answers the same email again exactly alike without revealing who has it', async () => {
      const body = { editionId, firstName: 'محمد', lastName: 'العلوي', email: 'Mohammed.Alaoui@example.ma', organisation: 'Oujda Talents', consentShareContact: true };
      const res = await t.http().post('/api/v1/registrations').set('X-Forwarded-For', '10.0.0.1').send(body).expect(202);
      // The badge goes by mail (test/tickets.e2e-spec.ts); the back office sees the registration and its code.
      const found = await t.http().get('/api/v1/attendees').query({ editionId, q: 'mohammed.alaoui@example.ma' }).set(admin.auth).expect(200);
      expect(found.body.total).toBe(1);
      const attendee = found.body.items[0];
      expect(attendee).toMatchObject({ category: 'visitor', firstName: 'محمد', lastName: 'العلوي', email: 'mohammed.alaoui@example.ma', source: 'self_registration', status: 'registered' });
      expect(attendee.days).toHaveLength(2);
      const credential = await t.http().get(`/api/v1/attendees/${attendee.id}/credential`).set(admin.auth).expect(200);
      expect(credential.body).toMatchObject({ version: 1, code: expect.stringMatching(/^[A-Za-z0-9_-]{100,}$/) });
      const dup = await t.http().post('/api/v1/registrations').send({ ...body, firstName: 'Other', email: 'MOHAMMED.ALAOUI@example.ma' }).expect(202);
      expect(dup.body).toEqual(res.body);
      expect(res.body).toEqual({ status: 'accepted', message: expect.any(String) });
      // Refused all the same: no second attendee, the first unchanged.
      const after = await t.http().get('/api/v1/attendees').query({ editionId, q: 'mohammed.alaoui@example.ma' }).set(admin.auth).expect(200);
      expect(after.body).toMatchObject({ total: 1, items: [{ id: attendee.id, firstName: 'محمد', badgeVersion: 1 }] });
    });

    it('names bad fields: unknown field, a day outside the fair, a bad phone', async () => {
      const res = await t
        .http()
        .post('/api/v1/registrations')
        .send({ editionId, firstName: 'A', lastName: 'B', email: 'a.b@example.ma', category: 'official' })
        .expect(400);
      expect(res.body.details).toEqual([{ field: 'category', reasons: ['is not an allowed field'] }]);
      const days = await t.http().post('/api/v1/registrations').send({ editionId, firstName: 'A', lastName: 'B', email: 'a.c@example.ma', days: ['2001-01-01'], phone: '12' }).expect(400);
      expect(days.body.details.map((d: { field: string }) => d.field)).toEqual(['phone', 'days']);
    });

    it('refuses public registration outside the edition\'s registration window, while the back-office still registers walk-ins', async () => {
      const past = await makeEdition(t, { days: [{ date: '2020-03-10', opensAt: '09:00', closesAt: '18:00' }, { date: '2020-03-11', opensAt: '09:00', closesAt: '18:00' }] });
      const late = await t.http().post('/api/v1/registrations').send({ editionId: past.id, firstName: 'Trop', lastName: 'Tard', email: 'trop.tard@example.ma' }).expect(409);
      expect(late.body).toMatchObject({ error: 'registration_not_open', details: { closesAt: '2020-03-12T00:00:00+01:00' } });
      // An organiser may close it before the fair: the window is then the edition's own.
      const closedEarly = await t
        .http()
        .post('/api/v1/editions')
        .set(admin.auth)
        .send({ slug: `closed-${randomUUID().slice(0, 8)}`, name: 'Closed early', editionNumber: 3, venue: 'Parc Oujda Shore', city: 'Oujda', country: 'MA', timeZone: 'Africa/Casablanca', days: [{ date: '2027-04-16', opensAt: '09:00', closesAt: '18:00' }], registrationClosesAt: '2026-01-31T23:59:00+01:00' })
        .expect(201);
      expect(closedEarly.body).toMatchObject({ registrationOpensAt: null, registrationClosesAt: '2026-01-31T23:59:00+01:00' });
      const refused = await t.http().post('/api/v1/registrations').send({ editionId: closedEarly.body.id, firstName: 'Un', lastName: 'Peu', email: 'un.peu@example.ma' }).expect(409);
      expect(refused.body.error).toBe('registration_not_open');
      // The back-office registers a walk-in whatever the public window.
      const walkIn = await t.http().post('/api/v1/attendees').set(admin.auth).send({ editionId: past.id, category: 'visitor', firstName: 'Sur', lastName: 'Place' }).expect(201);
      expect(walkIn.body.source).toBe('back_office');
    });

    it('limits registrations per client address with 429 and Retry-After', async () => {
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 8; i++) {
        last = await t.http().post('/api/v1/registrations').send({ editionId, firstName: 'Spam', lastName: `${i}`, email: `spam${i}@example.ma` });
        statuses.push(last.status);
      }
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(3);
      expect(last!.status).toBe(429);
      expect(last!.body.error).toBe('too_many_registrations');
      expect(Number(last!.headers['retry-after'])).toBeGreaterThan(0);
    });
  });

  it('lets the back-office create, search (case and accents ignored), edit and cancel attendees of every category', async () => {
    const created = await t
      .http()
      .post('/api/v1/attendees')
      .set(admin.auth)
      .send({ editionId, category: 'speaker', firstName: 'Hélène', lastName: 'Dûpont', organisation: 'Société Générale', email: 'helene@example.fr' })
      .expect(201);
    for (const q of ['helene', 'DUPONT', 'societe gen', 'helene@example']) {
      const found = await t.http().get('/api/v1/attendees').query({ editionId, q }).set(desk.auth).expect(200);
      expect(found.body.items.map((a: { id: string }) => a.id)).toContain(created.body.id);
    }
    const days = created.body.days;
    const edited = await t.http().patch(`/api/v1/attendees/${created.body.id}`).set(admin.auth).send({ days: [days[1]] }).expect(200);
    expect(edited.body).toMatchObject({ days: [days[1]], badgeVersion: 2 });
    const cancelled = await t.http().post(`/api/v1/attendees/${created.body.id}/cancel`).set(admin.auth).send({ reason: 'asked' }).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    await t.http().get(`/api/v1/attendees/${created.body.id}/credential`).set(desk.auth).expect(409);
  });

  describe('walk-ins at the desk', () => {
    it('lets a desk register a visitor on a fair day of the edition, and nothing else, saying why', async () => {
      const walkIn = await t.http().post('/api/v1/attendees').set(desk.auth).send({ editionId, category: 'visitor', firstName: 'Sur', lastName: 'Place', organisation: 'Oujda Talents' }).expect(201);
      expect(walkIn.body).toMatchObject({ category: 'visitor', firstName: 'Sur', lastName: 'Place', status: 'registered', editionId });
      // The desk then prints and scans it: it may read the code.
      await t.http().get(`/api/v1/attendees/${walkIn.body.id}/credential`).set(desk.auth).expect(200);

      const press = await t.http().post('/api/v1/attendees').set(desk.auth).send({ editionId, category: 'press', firstName: 'P', lastName: 'Q' }).expect(403);
      expect(press.body).toMatchObject({ error: 'desk_visitors_only', message: expect.stringMatching(/visitor/) });
      const past = await makeEdition(t, { days: [{ date: '2020-03-10', opensAt: '09:00', closesAt: '18:00' }] });
      const late = await t.http().post('/api/v1/attendees').set(desk.auth).send({ editionId: past.id, category: 'visitor', firstName: 'Trop', lastName: 'Tard' }).expect(403);
      expect(late.body).toMatchObject({ error: 'desk_fair_day_only', message: expect.stringMatching(/fair day/) });
      // Neither refusal registered anyone.
      const found = await t.http().get('/api/v1/attendees').query({ editionId: past.id }).set(admin.auth).expect(200);
      expect(found.body.total).toBe(0);
      const pressFound = await t.http().get('/api/v1/attendees').query({ editionId, q: 'P', category: 'press' }).set(admin.auth).expect(200);
      expect(pressFound.body.items.filter((a: { lastName: string }) => a.lastName === 'Q')).toEqual([]);
    });
  });

  describe('exhibitor staff', () => {
    it('lets 30 concurrent additions against a quota of 10 register exactly 10; the rest get 409', async () => {
      const exhibitor = await makeExhibitor(t, editionId);
      await t.http().put(`/api/v1/exhibitors/${exhibitor.id}/staff-quota`).set(admin.auth).send({ override: 10 }).expect(200);
      const manager = await makeUser(t, 'exhibitor', { exhibitorId: exhibitor.id });
      const responses = await Promise.all(
        Array.from({ length: 30 }, (_, i) => t.http().post(`/api/v1/exhibitors/${exhibitor.id}/staff`).set(manager.auth).send({ firstName: 'Agent', lastName: `${i}` })),
      );
      expect(responses.filter((r) => r.status === 201)).toHaveLength(10);
      const refused = responses.filter((r) => r.status === 409);
      expect(refused).toHaveLength(20);
      expect(refused[0].body).toMatchObject({ error: 'staff_quota_reached', details: { quota: 10 } });
      const staff = await t.http().get(`/api/v1/exhibitors/${exhibitor.id}/staff`).set(manager.auth).expect(200);
      // Paged like every list, with the quota and its use.
      expect(staff.body).toMatchObject({ quota: 10, used: 10, total: 10, limit: 50, offset: 0 });
      expect((await t.http().get(`/api/v1/exhibitors/${exhibitor.id}`).set(manager.auth)).body).toMatchObject({ staffQuota: 10, staffUsed: 10 });
      // Removing one frees a place.
      await t.http().delete(`/api/v1/exhibitors/${exhibitor.id}/staff/${staff.body.items[0].id}`).set(manager.auth).expect(200);
      await t.http().post(`/api/v1/exhibitors/${exhibitor.id}/staff`).set(manager.auth).send({ firstName: 'Agent', lastName: 'late' }).expect(201);
    });

    it('counts the quota from the assigned stands by default', async () => {
      const exhibitor = await makeExhibitor(t, editionId);
      const hall = await makeHall(t, editionId);
      const stand = await makeStand(t, editionId, hall.id, { areaM2: 9 });
      await t.http().post(`/api/v1/stands/${stand.id}/assign`).set(admin.auth).send({ exhibitorId: exhibitor.id }).expect(200);
      const results = [];
      for (let i = 0; i < 4; i++) results.push((await t.http().post(`/api/v1/exhibitors/${exhibitor.id}/staff`).set(admin.auth).send({ firstName: 'S', lastName: `${i}` })).status);
      expect(results).toEqual([201, 201, 201, 409]); // 2 + 1 per 9 m²
    });

    it('keeps another exhibitor’s staff out of reach', async () => {
      const [mine, theirs] = [await makeExhibitor(t, editionId), await makeExhibitor(t, editionId)];
      const manager = await makeUser(t, 'exhibitor', { exhibitorId: mine.id });
      await t.http().get(`/api/v1/exhibitors/${theirs.id}/staff`).set(manager.auth).expect(404);
      await t.http().post(`/api/v1/exhibitors/${theirs.id}/staff`).set(manager.auth).send({ firstName: 'X', lastName: 'Y' }).expect(404);
      const theirStaff = await t.http().post(`/api/v1/exhibitors/${theirs.id}/staff`).set(admin.auth).send({ firstName: 'X', lastName: 'Y' }).expect(201);
      await t.http().delete(`/api/v1/exhibitors/${theirs.id}/staff/${theirStaff.body.id}`).set(manager.auth).expect(404);
      await t.http().delete(`/api/v1/exhibitors/${mine.id}/staff/${theirStaff.body.id}`).set(manager.auth).expect(404);
    });
  });

  describe('leads', () => {
    it('captures a consenting visitor once per exhibitor, refuses one without consent, and keeps each exhibitor to its own leads', async () => {
      const [mine, theirs] = [await makeExhibitor(t, editionId), await makeExhibitor(t, editionId)];
      const [me, them] = [await makeUser(t, 'exhibitor', { exhibitorId: mine.id }), await makeUser(t, 'exhibitor', { exhibitorId: theirs.id })];
      const consenting = await makeAttendee(t, editionId, { consentShareContact: true, email: `lead-${randomUUID()}@example.ma`, firstName: 'Saïd' });
      const shy = await makeAttendee(t, editionId, { consentShareContact: false });
      const code = (await t.get(AttendeesService).credential(consenting.id)).code;
      const lead = await t.http().post('/api/v1/leads').set(me.auth).send({ code, rating: 4, notes: 'wants 40 seats in Oujda' }).expect(201);
      expect(lead.body).toMatchObject({ exhibitorId: mine.id, attendeeId: consenting.id, firstName: 'Saïd', email: consenting.email, rating: 4 });
      await t.http().post('/api/v1/leads').set(me.auth).send({ code, rating: 5 }).expect(201);
      const refused = await t.http().post('/api/v1/leads').set(me.auth).send({ code: (await t.get(AttendeesService).credential(shy.id)).code }).expect(403);
      expect(refused.body.error).toBe('no_consent');
      const mineList = await t.http().get('/api/v1/leads').set(me.auth).expect(200);
      expect(mineList.body).toMatchObject({ total: 1, items: [{ rating: 5, notes: 'wants 40 seats in Oujda' }] });
      // Another exhibitor: not by filter, not by export.
      expect((await t.http().get('/api/v1/leads').query({ exhibitorId: mine.id }).set(them.auth).expect(200)).body.total).toBe(0);
      const csv = await t.http().get('/api/v1/leads/export.csv').query({ exhibitorId: mine.id }).set(them.auth).expect(200);
      expect(csv.text).not.toContain('Saïd');
      expect((await t.http().get('/api/v1/leads/export.csv').set(me.auth).expect(200)).text).toContain('Saïd');
      await t.http().post('/api/v1/leads').set(desk.auth).send({ code }).expect(403);
      await t.http().get('/api/v1/leads').set(admin.auth).expect(400);
      expect((await t.http().get('/api/v1/leads').query({ exhibitorId: mine.id }).set(admin.auth).expect(200)).body.total).toBe(1);
    });
  });

  describe('privacy', () => {
    it('exports everything held on an attendee, and erases it while keeping anonymous counts', async () => {
      const a = await makeAttendee(t, editionId, { firstName: 'Nadia', lastName: 'Bensaïd', email: `nadia-${randomUUID()}@example.ma`, phone: '+212600000001' });
      const code = (await t.get(AttendeesService).credential(a.id)).code;
      await t.http().post('/api/v1/checkin/scans').set(desk.auth).send({ code, deskId: 'desk-1', nonce: randomUUID(), editionId }).expect(200);
      const data = await t.http().get(`/api/v1/attendees/${a.id}/personal-data`).set(admin.auth).expect(200);
      expect(data.body.attendee).toMatchObject({ firstName: 'Nadia', phone: '+212600000001' });
      expect(data.body.checkins).toHaveLength(1);
      expect(data.body.scans).toEqual([expect.objectContaining({ result: 'ok', deskId: 'desk-1' })]);
      const before = (await t.http().get('/api/v1/checkin/stats').query({ editionId }).set(admin.auth)).body.checkedIn;
      const erased = await t.http().post(`/api/v1/attendees/${a.id}/erase`).set(admin.auth).expect(200);
      expect(erased.body).toMatchObject({ firstName: 'Erased', lastName: 'Attendee', email: null, phone: null, erased: true, status: 'cancelled' });
      expect((await t.http().get('/api/v1/checkin/stats').query({ editionId }).set(admin.auth)).body.checkedIn).toBe(before);
      const found = await t.http().get('/api/v1/attendees').query({ editionId, q: 'nadia' }).set(admin.auth).expect(200);
      expect(found.body.items).toEqual([]);
      const scan = await t.http().post('/api/v1/checkin/scans').set(desk.auth).send({ code, deskId: 'desk-1', nonce: randomUUID(), editionId }).expect(200);
      expect(scan.body.result).toBe('cancelled');
    });
  });

  describe('erasure and the audit log', () => {
    it('redacts the person from the audit log, keeps the entries and says the erasure happened; the awards chain stays verifiable', async () => {
      const email = `rachid-${randomUUID()}@example.ma`;
      const created = await t.http().post('/api/v1/attendees').set(admin.auth).send({ editionId, category: 'visitor', firstName: 'Rachid', lastName: 'Berrada', email, phone: '+212611111111' }).expect(201);
      const id = created.body.id as string;
      const newEmail = `r.berrada-${randomUUID()}@example.ma`;
      await t.http().patch(`/api/v1/attendees/${id}`).set(admin.auth).send({ firstName: 'Rachida', lastName: 'Berrada-Alami', email: newEmail, phone: '+212622222222', jobTitle: 'Directrice' }).expect(200);
      await t.http().patch(`/api/v1/attendees/${id}`).set(admin.auth).send({ days: [(await t.http().get(`/api/v1/attendees/${id}`).set(admin.auth)).body.days[0]] }).expect(200);
      const personal = ['Rachid', 'Berrada', email, newEmail, '+212611111111', '+212622222222', 'Directrice'];
      const history = async () => (await t.http().get('/api/v1/audit').query({ entityType: 'attendee', entityId: id, limit: 100 }).set(admin.auth).expect(200)).body;
      const before = await history();
      expect(JSON.stringify(before.items)).toContain('Berrada-Alami');

      await t.http().post(`/api/v1/attendees/${id}/erase`).set(admin.auth).expect(200);

      const after = await history();
      expect(after.total).toBe(before.total + 1);
      const text = JSON.stringify(after.items);
      for (const value of personal) expect(text).not.toContain(value);
      // The same entries, in the same order, with the same fields named; only the personal values are gone.
      expect(after.items.slice(1).map((e: { id: string; action: string }) => [e.id, e.action])).toEqual(before.items.map((e: { id: string; action: string }) => [e.id, e.action]));
      const patch = after.items.find((e: { id: string }) => e.id === before.items[1].id);
      expect(patch).toMatchObject({ action: 'attendee.updated', before: { firstName: '[erased]', email: '[erased]', phone: '[erased]' }, after: { firstName: '[erased]', jobTitle: '[erased]' } });
      const days = after.items.find((e: { id: string }) => e.id === before.items[0].id);
      expect(days.after.days).toHaveLength(1);
      expect(after.items[0]).toMatchObject({ action: 'attendee.erased', entityId: id, after: { auditEntriesRedacted: 1, leadsDeleted: 0 } });
      const anywhere = JSON.stringify((await t.http().get('/api/v1/audit').query({ editionId, limit: 100 }).set(admin.auth).expect(200)).body.items);
      for (const value of personal) expect(anywhere).not.toContain(value);

      // The log is still append-only outside an erasure.
      await expect(t.dataSource.query(`UPDATE audit_log SET before = NULL WHERE entity_id = $1`, [id])).rejects.toThrow(/append-only/);
      await expect(
        t.dataSource.transaction(async (m) => {
          await m.query(`SELECT set_config('fairops.audit_redaction', 'on', true)`);
          await m.query(`UPDATE audit_log SET action = 'attendee.viewed' WHERE entity_id = $1`, [id]);
        }),
      ).rejects.toThrow(/append-only/);
      await expect(t.dataSource.query(`DELETE FROM audit_log WHERE entity_id = $1`, [id])).rejects.toThrow(/append-only/);

      // The awards chain holds no attendee data and still verifies.
      const prize = await t
        .http()
        .post('/api/v1/awards/prizes')
        .set(admin.auth)
        .send({ editionId, name: `Prix ${randomUUID()}`, scoringOpensAt: new Date(Date.now() - 3600_000).toISOString(), scoringClosesAt: new Date(Date.now() + 3600_000).toISOString(), criteria: [{ name: 'Qualité', weight: 100 }] })
        .expect(201);
      await t.http().post(`/api/v1/awards/prizes/${prize.body.id}/nominees`).set(admin.auth).send({ name: 'Atlas Relation Client' }).expect(201);
      expect((await t.http().get('/api/v1/awards/audit/verify').set(admin.auth).expect(200)).body).toMatchObject({ ok: true });
      const chain = JSON.stringify(await t.dataSource.query(`SELECT * FROM awards_audit`));
      for (const value of personal) expect(chain).not.toContain(value);
    });
  });

  it('applies the role matrix to every route of attendees and check-in', async () => {
    const exhibitor = await makeExhibitor(t, editionId);
    const manager = await makeUser(t, 'exhibitor', { exhibitorId: exhibitor.id });
    const a = await makeAttendee(t, editionId);
    const id = a.id;
    const routes: Array<[string, string, Record<string, unknown> | undefined, Record<string, number>]> = [
      ['get', '/api/v1/attendees', undefined, { admin: 200, desk: 200, jury: 403, exhibitor: 403, none: 401 }],
      ['post', '/api/v1/attendees', { editionId, category: 'press', firstName: 'P', lastName: 'Q' }, { admin: 201, desk: 403, jury: 403, exhibitor: 403, none: 401 }],
      ['post', '/api/v1/attendees', { editionId, category: 'visitor', firstName: 'W', lastName: 'I' }, { admin: 201, desk: 201, jury: 403, exhibitor: 403, none: 401 }],
      ['get', `/api/v1/attendees/${id}`, undefined, { admin: 200, desk: 200, jury: 403, exhibitor: 403, none: 401 }],
      ['patch', `/api/v1/attendees/${id}`, { jobTitle: 'Chef' }, { admin: 200, desk: 403, jury: 403, exhibitor: 403, none: 401 }],
      ['get', `/api/v1/attendees/${id}/credential`, undefined, { admin: 200, desk: 200, jury: 403, exhibitor: 403, none: 401 }],
      ['post', `/api/v1/attendees/${id}/reissue`, {}, { admin: 200, desk: 200, jury: 403, exhibitor: 403, none: 401 }],
      ['get', `/api/v1/attendees/${id}/personal-data`, undefined, { admin: 200, desk: 403, jury: 403, exhibitor: 403, none: 401 }],
      ['get', '/api/v1/checkin/keys', undefined, { admin: 200, desk: 200, jury: 403, exhibitor: 403, none: 401 }],
      ['get', '/api/v1/checkin/revocations', undefined, { admin: 200, desk: 200, jury: 403, exhibitor: 403, none: 401 }],
      ['post', '/api/v1/checkin/scans', { code: 'x', deskId: 'd', nonce: 'nonce-123456' }, { admin: 200, desk: 200, jury: 403, exhibitor: 403, none: 401 }],
      ['post', '/api/v1/checkin/scans/batch', { scans: [{ code: 'x', deskId: 'd', nonce: 'nonce-b-12345', scannedAt: new Date().toISOString() }] }, { admin: 200, desk: 200, jury: 403, exhibitor: 403, none: 401 }],
      ['get', '/api/v1/checkin/conflicts', undefined, { admin: 200, desk: 403, jury: 403, exhibitor: 403, none: 401 }],
      ['get', '/api/v1/checkin/stats', undefined, { admin: 200, desk: 403, jury: 403, exhibitor: 403, none: 401 }],
      ['get', `/api/v1/exhibitors/${exhibitor.id}/staff`, undefined, { admin: 200, desk: 403, jury: 403, exhibitor: 200, none: 401 }],
      ['get', '/api/v1/leads', undefined, { admin: 400, desk: 403, jury: 403, exhibitor: 200, none: 401 }],
      ['post', '/api/v1/leads', { code: 'x' }, { admin: 403, desk: 403, jury: 403, exhibitor: 422, none: 401 }],
      ['post', `/api/v1/attendees/${id}/cancel`, {}, { admin: 200, desk: 403, jury: 403, exhibitor: 403, none: 401 }],
      ['post', `/api/v1/attendees/${id}/erase`, undefined, { admin: 200, desk: 403, jury: 403, exhibitor: 403, none: 401 }],
    ];
    const who: Record<string, LoggedIn | null> = { desk, jury, exhibitor: manager, none: null, admin };
    const seen: string[] = [];
    for (const [method, path, body, expected] of routes) {
      for (const role of ['desk', 'jury', 'exhibitor', 'none', 'admin']) {
        let req = (t.http() as unknown as Record<string, (p: string) => ReturnType<ReturnType<TestApp['http']>['get']>>)[method](path);
        if (who[role]) req = req.set(who[role]!.auth);
        const res = body ? await req.send(body) : await req;
        seen.push(`${method.toUpperCase()} ${path} as ${role}: ${res.status}`);
        expect(`${method.toUpperCase()} ${path} as ${role}: ${res.status}`).toBe(`${method.toUpperCase()} ${path} as ${role}: ${expected[role]}`);
      }
    }
    expect(seen).toHaveLength(routes.length * 5);
  });
});
