import { randomUUID } from 'node:crypto';
import { AttendeesService } from '@fairops/attendees';
import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, fairDaysFromToday, makeAttendee, makeLiveEdition, makeUser } from './support/factories';

describe('attendees: checked in today', () => {
  let t: TestApp;
  let desk: LoggedIn;
  let editionId: string;

  beforeAll(async () => {
    t = await startTestApp();
    desk = await makeUser(t, 'desk');
    editionId = (await makeLiveEdition(t)).id;
  });
  afterAll(() => t.close());

  it('says whether and when an attendee checked in today, and the list filters on it and on who a scan would admit today', async () => {
    const [, tomorrow] = fairDaysFromToday();
    const family = `Checkin${randomUUID().slice(0, 8)}`;
    const scanned = await makeAttendee(t, editionId, { lastName: family, firstName: 'Scanned' });
    await makeAttendee(t, editionId, { lastName: family, firstName: 'Waiting' });
    const tomorrowOnly = await makeAttendee(t, editionId, { lastName: family, firstName: 'Tomorrow', days: [tomorrow] });

    const before = await t.http().get(`/api/v1/attendees/${scanned.id}`).set(desk.auth).expect(200);
    expect(before.body).toMatchObject({ checkedInToday: false, checkedInTodayAt: null });

    const { code } = await t.get(AttendeesService).credential(scanned.id);
    const scan = await t.http().post('/api/v1/checkin/scans').set(desk.auth).send({ code, deskId: 'desk-1', nonce: randomUUID(), editionId }).expect(200);
    expect(scan.body.result).toBe('ok');

    const after = await t.http().get(`/api/v1/attendees/${scanned.id}`).set(desk.auth).expect(200);
    expect(after.body).toMatchObject({ checkedInToday: true, checkedInTodayAt: scan.body.firstCheckedInAt });

    const names = async (query: Record<string, string>) =>
      (await t.http().get('/api/v1/attendees').query({ editionId, q: family, ...query }).set(desk.auth).expect(200)).body.items.map((a: { firstName: string }) => a.firstName).sort();
    expect(await names({ checkedIn: 'true' })).toEqual(['Scanned']);
    expect(await names({ checkedIn: 'false' })).toEqual(['Tomorrow', 'Waiting']);
    expect(await names({ validToday: 'true', checkedIn: 'false' })).toEqual(['Waiting']);
    expect(await names({ validToday: 'false' })).toEqual(['Tomorrow']);
    expect(tomorrowOnly.days).toEqual([tomorrow]);

    const bad = await t.http().get('/api/v1/attendees').query({ checkedIn: 'yes please' }).set(desk.auth).expect(400);
    expect(bad.body.details).toEqual([{ field: 'checkedIn', reasons: ['must be true or false'] }]);
  });
});
