import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, makeEdition, makeUser } from './support/factories';

describe('editions', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let jury: LoggedIn;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await makeUser(t, 'admin');
    jury = await makeUser(t, 'jury');
  });
  afterAll(() => t.close());

  const body = {
    slug: 'siccam-17',
    name: 'SICCAM',
    editionNumber: 17,
    theme: 'Le digital au service de la relation client',
    venue: 'Parc Oujda Shore',
    city: 'Oujda',
    country: 'MA',
    timeZone: 'Africa/Casablanca',
    days: [
      { date: '2027-02-19', opensAt: '09:00', closesAt: '18:00' },
      { date: '2027-04-16', opensAt: '09:00', closesAt: '18:00' },
    ],
  };

  it('lets an admin create an edition and shows its days in local time with the offset of each day', async () => {
    const res = await t.http().post('/api/v1/editions').set(admin.auth).send(body).expect(201);
    expect(res.body.days).toEqual([
      // Ramadan: Morocco is on UTC+00:00.
      { date: '2027-02-19', opensAt: '2027-02-19T09:00:00+00:00', closesAt: '2027-02-19T18:00:00+00:00' },
      { date: '2027-04-16', opensAt: '2027-04-16T09:00:00+01:00', closesAt: '2027-04-16T18:00:00+01:00' },
    ]);
    const got = await t.http().get(`/api/v1/editions/${res.body.id}`).expect(200);
    expect(got.body).toEqual(res.body);
    const dup = await t.http().post('/api/v1/editions').set(admin.auth).send(body).expect(409);
    expect(dup.body.error).toBe('edition_slug_taken');
  });

  it('refuses other roles with 403 and names bad fields', async () => {
    await t.http().post('/api/v1/editions').set(jury.auth).send({ ...body, slug: 'x-1' }).expect(403);
    const bad = await t
      .http()
      .post('/api/v1/editions')
      .set(admin.auth)
      .send({ ...body, slug: 'siccam-18', timeZone: 'Morocco/Oujda', days: [{ date: '2027-13-01', opensAt: '9h', closesAt: '18:00' }] })
      .expect(400);
    const fields = bad.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['days.0.date', 'days.0.opensAt']));
    const tz = await t.http().post('/api/v1/editions').set(admin.auth).send({ ...body, slug: 'siccam-18', timeZone: 'Morocco/Oujda' }).expect(400);
    expect(tz.body.details).toEqual([{ field: 'timeZone', reasons: ['"Morocco/Oujda" is not an IANA time zone such as Africa/Casablanca'] }]);
    const hours = await t
      .http()
      .post('/api/v1/editions')
      .set(admin.auth)
      .send({ ...body, slug: 'siccam-18', days: [{ date: '2027-04-16', opensAt: '18:00', closesAt: '09:00' }] })
      .expect(400);
    expect(hours.body.details[0].field).toBe('days');
  });

  it('refuses, by field, dates that do not exist in the calendar rather than moving them to the next month', async () => {
    const post = (fields: object) => t.http().post('/api/v1/editions').set(admin.auth).send({ ...body, slug: 'siccam-19', ...fields });
    const exists = 'must be a date written YYYY-MM-DD that exists in the calendar';
    const day = await post({ days: [{ date: '2026-11-31', opensAt: '09:00', closesAt: '18:00' }] }).expect(400);
    expect(day.body.details).toEqual([{ field: 'days.0.date', reasons: [exists] }]);
    // 2027 is not a leap year: JavaScript's Date would read 29 February as 1 March.
    const instant = await post({ registrationOpensAt: '2027-02-29T10:00:00+00:00' }).expect(400);
    expect(instant.body.details).toEqual([{ field: 'registrationOpensAt', reasons: [expect.stringContaining('exists in the calendar')] }]);

    const edition = await makeEdition(t);
    const attendee = await t
      .http()
      .post('/api/v1/attendees')
      .set(admin.auth)
      .send({ editionId: edition.id, category: 'visitor', firstName: 'Aïcha', lastName: 'Benali', days: ['2027-04-31'] })
      .expect(400);
    expect(attendee.body.details).toEqual([{ field: 'days', reasons: [`each day ${exists}`] }]);
    const programme = await t.http().get(`/api/v1/sessions?editionId=${edition.id}&day=2027-02-29`).set(admin.auth).expect(400);
    expect(programme.body.details).toEqual([{ field: 'day', reasons: [exists] }]);
    const roomId = (await t.http().post('/api/v1/rooms').set(admin.auth).send({ editionId: edition.id, name: 'Salle Angad', capacity: 120 }).expect(201)).body.id;
    const session = await t
      .http()
      .post('/api/v1/sessions')
      .set(admin.auth)
      .send({ editionId: edition.id, language: 'fr', type: 'panel', roomId, title: 'Ouverture', startsAt: '2027-04-31T10:00', endsAt: '2027-04-31T11:00' })
      .expect(400);
    expect(session.body.details.map((d: { field: string }) => d.field)).toEqual(['startsAt', 'endsAt']);
  });

  it('answers 404 in the common body for an unknown edition', async () => {
    const res = await t.http().get('/api/v1/editions/6f1c7f0e-0000-4000-8000-000000000000').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'edition_not_found' });
  });

  it('picks as current the edition running or next to come, rather than a past or later one', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const shift = (days: number) => new Date(Date.now() + days * 86400000).toISOString().slice(0, 10);
    await makeEdition(t, { days: [{ date: shift(-400), opensAt: '09:00', closesAt: '18:00' }] });
    const next = await makeEdition(t, { days: [{ date: shift(3), opensAt: '09:00', closesAt: '18:00' }] });
    await makeEdition(t, { days: [{ date: shift(30), opensAt: '09:00', closesAt: '18:00' }] });
    const current = await t.http().get('/api/v1/editions/current').expect(200);
    expect(today < next.days[0].date).toBe(true);
    expect(current.body.id).toBe(next.id);
  });
});
