import { randomUUID } from 'node:crypto';
import { AttendeesService } from '@fairops/attendees';
import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, TEST_PASSWORD, makeAttendee, makeExhibitor, makeLiveEdition, makeUser } from './support/factories';

describe('a cancelled or withdrawn exhibitor loses its access', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let desk: LoggedIn;
  let editionId: string;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await makeUser(t, 'admin');
    desk = await makeUser(t, 'desk');
    editionId = (await makeLiveEdition(t)).id;
  });
  afterAll(() => t.close());

  const code = async (attendeeId: string) => (await t.get(AttendeesService).credential(attendeeId)).code;

  for (const status of ['withdrawn', 'cancelled'] as const) {
    it(`refuses a new manager account, or re-enabling a disabled one, for a ${status} exhibitor (its leads hold visitors' contact details)`, async () => {
      const exhibitor = await makeExhibitor(t, editionId);
      const manager = await makeUser(t, 'exhibitor', { exhibitorId: exhibitor.id });
      const visitor = await makeAttendee(t, editionId, { consentShareContact: true, email: `v-${randomUUID()}@example.ma` });
      await t.http().post('/api/v1/leads').set(manager.auth).send({ code: await code(visitor.id) }).expect(201);
      await t.http().post(`/api/v1/exhibitors/${exhibitor.id}/status`).set(admin.auth).send({ status, reason: 'did not pay' }).expect(200);

      const email = `late-${randomUUID()}@example.ma`;
      const created = await t
        .http()
        .post('/api/v1/users')
        .set(admin.auth)
        .send({ email, displayName: 'Late Manager', password: TEST_PASSWORD, role: 'exhibitor', exhibitorId: exhibitor.id });
      expect([created.status, created.body.error, created.body.details]).toEqual([409, 'exhibitor_closed', { status }]);
      await t.http().post('/api/v1/auth/login').send({ email, password: TEST_PASSWORD }).expect(401);

      const enabled = await t.http().post(`/api/v1/users/${manager.actor.id}/enable`).set(admin.auth);
      expect([enabled.status, enabled.body.error, enabled.body.details]).toEqual([409, 'exhibitor_closed', { status }]);
      await t.http().post('/api/v1/auth/login').send({ email: manager.actor.email, password: TEST_PASSWORD }).expect(401);
      const user = await t.http().get(`/api/v1/users/${manager.actor.id}`).set(admin.auth).expect(200);
      expect(user.body.disabledAt).not.toBeNull();
    });

    it(`disables the managers, revokes the staff badges and refuses new leads once the exhibitor is ${status}`, async () => {
      const exhibitor = await makeExhibitor(t, editionId);
      const manager = await makeUser(t, 'exhibitor', { exhibitorId: exhibitor.id });
      const staff = await t.http().post(`/api/v1/exhibitors/${exhibitor.id}/staff`).set(manager.auth).send({ firstName: 'Agent', lastName: 'Un' }).expect(201);
      const staffCode = await code(staff.body.id);
      const visitor = await makeAttendee(t, editionId, { consentShareContact: true, email: `v-${randomUUID()}@example.ma` });
      const second = await makeAttendee(t, editionId, { consentShareContact: true, email: `v-${randomUUID()}@example.ma` });
      await t.http().post('/api/v1/leads').set(manager.auth).send({ code: await code(visitor.id) }).expect(201);
      const since = new Date().toISOString();

      await t.http().post(`/api/v1/exhibitors/${exhibitor.id}/status`).set(admin.auth).send({ status, reason: 'did not pay' }).expect(200);

      // The manager's token ends at once, and the manager can no longer log in.
      const lead = await t.http().post('/api/v1/leads').set(manager.auth).send({ code: await code(second.id) }).expect(401);
      expect(lead.body.error).toBe('invalid_token');
      await t.http().patch(`/api/v1/exhibitors/${exhibitor.id}`).set(manager.auth).send({ description: 'still here' }).expect(401);
      await t.http().post('/api/v1/auth/login').send({ email: manager.actor.email, password: TEST_PASSWORD }).expect(401);

      // The staff badge is cancelled and revoked for the offline desks.
      const scan = await t.http().post('/api/v1/checkin/scans').set(desk.auth).send({ code: staffCode, deskId: 'desk-1', nonce: randomUUID(), editionId }).expect(200);
      expect(scan.body.result).toBe('cancelled');
      const revocations = await t.http().get('/api/v1/checkin/revocations').query({ editionId, since }).set(desk.auth).expect(200);
      expect(JSON.stringify(revocations.body)).toContain(staff.body.id);

      // No staff are added for it, even by an admin.
      await t.http().post(`/api/v1/exhibitors/${exhibitor.id}/staff`).set(admin.auth).send({ firstName: 'Agent', lastName: 'Deux' }).expect(409);
      // Leads captured before stay (the visitors consented to share with this exhibitor), for the organisers.
      const leads = await t.http().get('/api/v1/leads').query({ exhibitorId: exhibitor.id }).set(admin.auth).expect(200);
      expect(leads.body.total).toBe(1);

      const history = await t.http().get('/api/v1/audit').query({ entityType: 'user', entityId: manager.actor.id }).set(admin.auth).expect(200);
      expect(history.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'user.disabled', reason: `exhibitor ${status}` })]));
    });
  }
});
