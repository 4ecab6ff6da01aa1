import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import { AttendeesService } from '@fairops/attendees';
import { SessionRegistrationsService } from '@fairops/sessions';
import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, makeAttendee, makeAttendees, makeEdition, makeUser } from './support/factories';
import { eventually } from './support/processes';

describe('sessions: programme, no double-booking, local times, registrations and door scans', () => {
  let t: TestApp;
  let admin: LoggedIn;
  let desk: LoggedIn;
  let editionId: string;
  let angad: string;
  let oriental: string;
  let speakerA: string;
  let speakerB: string;

  const session = (body: Record<string, unknown>) =>
    t.http().post('/api/v1/sessions').set(admin.auth).send({ editionId, language: 'fr', type: 'panel', roomId: angad, ...body });
  const publish = (id: string) => t.http().post(`/api/v1/sessions/${id}/status`).set(admin.auth).send({ status: 'published' }).expect(200);
  const code = async (attendeeId: string) => (await t.get(AttendeesService).credential(attendeeId)).code;

  beforeAll(async () => {
    t = await startTestApp({ worker: true });
    [admin, desk] = [await makeUser(t, 'admin'), await makeUser(t, 'desk')];
    editionId = (
      await makeEdition(t, {
        days: [
          { date: '2027-02-19', opensAt: '09:00', closesAt: '18:00' },
          { date: '2027-04-16', opensAt: '09:00', closesAt: '18:00' },
          { date: '2027-04-17', opensAt: '09:00', closesAt: '18:00' },
        ],
      })
    ).id;
    angad = (await t.http().post('/api/v1/rooms').set(admin.auth).send({ editionId, name: 'Salle Angad', capacity: 120 }).expect(201)).body.id;
    oriental = (await t.http().post('/api/v1/rooms').set(admin.auth).send({ editionId, name: 'Salle Oriental', capacity: 60 }).expect(201)).body.id;
    speakerA = (await t.http().post('/api/v1/speakers').set(admin.auth).send({ editionId, name: 'Latifa Zerouali', function: "Directrice générale de l'ANAPEC" }).expect(201)).body.id;
    speakerB = (await t.http().post('/api/v1/speakers').set(admin.auth).send({ editionId, name: 'Driss Amraoui' }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  it('stores local times as instants in the zone of each day and shows them back in local time', async () => {
    const ramadan = await session({ title: 'Ramadan', startsAt: '2027-02-19T10:00', endsAt: '2027-02-19T11:00', roomId: oriental }).expect(201);
    const april = await session({ title: 'Avril', startsAt: '2027-04-16T10:00', endsAt: '2027-04-16T11:00', roomId: oriental }).expect(201);
    const stored = await t.dataSource.query(`SELECT title, starts_at FROM sessions WHERE id = ANY($1) ORDER BY starts_at`, [[ramadan.body.id, april.body.id]]);
    expect(stored.map((r: { starts_at: Date }) => r.starts_at.toISOString())).toEqual(['2027-02-19T10:00:00.000Z', '2027-04-16T09:00:00.000Z']);
    expect(ramadan.body.startsAt).toBe('2027-02-19T10:00:00+00:00');
    expect(april.body.startsAt).toBe('2027-04-16T10:00:00+01:00');
    const shown = await t.http().get(`/api/v1/sessions/${april.body.id}`).set(admin.auth).expect(200);
    expect(shown.body.startsAt).toBe('2027-04-16T10:00:00+01:00');
    const offset = await session({ title: 'Avec décalage', startsAt: '2027-04-17T12:00:00+01:00', endsAt: '2027-04-17T11:30:00Z', roomId: oriental }).expect(201);
    expect(offset.body).toMatchObject({ startsAt: '2027-04-17T12:00:00+01:00', endsAt: '2027-04-17T12:30:00+01:00' });
  });

  it('refuses a session outside the fair days or opening hours, with the reason', async () => {
    const day = await session({ title: 'x', startsAt: '2027-04-18T10:00', endsAt: '2027-04-18T11:00' }).expect(400);
    expect(day.body.details[0]).toEqual({ field: 'startsAt', reasons: ['2027-04-18 is not a fair day (2027-02-19, 2027-04-16, 2027-04-17)'] });
    const late = await session({ title: 'x', startsAt: '2027-04-16T17:30', endsAt: '2027-04-16T18:30' }).expect(400);
    expect(late.body.details[0].reasons[0]).toBe('the session must lie within the opening hours of 2027-04-16, 09:00–18:00 local time');
    const format = await session({ title: 'x', startsAt: '16/04/2027 10h', endsAt: '2027-04-16T11:00' }).expect(400);
    expect(format.body.details[0].field).toBe('startsAt');
    const backwards = await session({ title: 'x', startsAt: '2027-04-16T11:00', endsAt: '2027-04-16T10:00' }).expect(400);
    expect(backwards.body.details[0].field).toBe('endsAt');
  });

  it('refuses to book a room twice (409 naming the other session), allows back-to-back, and frees a cancelled slot', async () => {
    const panel = await session({ title: "Orientaliser l'offshoring", startsAt: '2027-04-16T14:00', endsAt: '2027-04-16T15:30' }).expect(201);
    const clash = await session({ title: 'Clash', startsAt: '2027-04-16T15:00', endsAt: '2027-04-16T16:00' }).expect(409);
    expect(clash.body).toMatchObject({
      error: 'room_double_booked',
      details: { collidesWith: { id: panel.body.id, title: "Orientaliser l'offshoring", startsAt: '2027-04-16T14:00:00+01:00', endsAt: '2027-04-16T15:30:00+01:00' } },
    });
    expect(clash.body.message).toContain("Salle Angad is already booked by \"Orientaliser l'offshoring\"");
    await session({ title: 'Back to back', startsAt: '2027-04-16T15:30', endsAt: '2027-04-16T16:00' }).expect(201);
    const check = await t.http().post('/api/v1/sessions/check').set(admin.auth).send({ editionId, language: 'fr', type: 'talk', roomId: angad, title: 'draft', startsAt: '2027-04-16T14:30', endsAt: '2027-04-16T14:45' }).expect(200);
    expect(check.body).toMatchObject({ ok: false, conflicts: [{ kind: 'room', session: { id: panel.body.id } }] });
    await t.http().post(`/api/v1/sessions/${panel.body.id}/status`).set(admin.auth).send({ status: 'cancelled' }).expect(200);
    await session({ title: 'Takes the freed slot', startsAt: '2027-04-16T14:00', endsAt: '2027-04-16T15:30' }).expect(201);
    // Un-cancelling now collides with the session that took the slot.
    const back = await t.http().post(`/api/v1/sessions/${panel.body.id}/status`).set(admin.auth).send({ status: 'draft' }).expect(409);
    expect(back.body.details.collidesWith.title).toBe('Takes the freed slot');
  });

  it('refuses a speaker in two overlapping sessions, in two rooms, with 409 naming the other', async () => {
    const first = await session({ title: 'Atelier Cités des Métiers', roomId: oriental, startsAt: '2027-04-16T16:00', endsAt: '2027-04-16T17:00', speakers: [{ speakerId: speakerA, role: 'speaker' }] }).expect(201);
    const second = await session({ title: 'Autre panel', roomId: angad, startsAt: '2027-04-16T16:30', endsAt: '2027-04-16T17:30', speakers: [{ speakerId: speakerB, role: 'moderator' }, { speakerId: speakerA, role: 'speaker' }] }).expect(409);
    expect(second.body).toMatchObject({ error: 'speaker_double_booked', details: { collidesWith: { id: first.body.id } } });
    expect(second.body.message).toContain('Latifa Zerouali already speaks in "Atelier Cités des Métiers"');
    // Moving the first session later makes the speaker free; moving onto her again is refused.
    const other = await session({ title: 'Plus tard', roomId: angad, startsAt: '2027-04-16T17:00', endsAt: '2027-04-16T17:30', speakers: [{ speakerId: speakerA, role: 'speaker' }] }).expect(201);
    const moved = await t.http().patch(`/api/v1/sessions/${first.body.id}`).set(admin.auth).send({ startsAt: '2027-04-16T16:45', endsAt: '2027-04-16T17:15' }).expect(409);
    expect(moved.body.details.collidesWith.id).toBe(other.body.id);
  });

  it('gives 50 seats of 200 concurrent registrations and waitlists 150 in arrival order; a cancellation promotes exactly one', async () => {
    const workshop = await session({ title: 'Job dating', type: 'job_dating', roomId: oriental, startsAt: '2027-04-17T14:00', endsAt: '2027-04-17T16:00', capacity: 50, registrationRequired: true }).expect(201);
    await publish(workshop.body.id);
    const attendees = await makeAttendees(t, editionId, 200);
    const codes = await Promise.all(attendees.map((a) => code(a.id)));
    const responses = await Promise.all(codes.map((c) => t.http().post(`/api/v1/sessions/${workshop.body.id}/registrations`).send({ code: c })));
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const regs = (await t.http().get(`/api/v1/sessions/${workshop.body.id}/registrations`).query({ limit: 200 }).set(admin.auth).expect(200)).body.items as Array<{ status: string; registeredAt: string; waitlistPosition: number | null; attendeeId: string }>;
    const confirmed = regs.filter((r) => r.status === 'confirmed');
    const waitlisted = regs.filter((r) => r.status === 'waitlisted');
    expect([confirmed.length, waitlisted.length]).toEqual([50, 150]);
    // Arrival order: every seat went before any waitlist place, and the waitlist runs 1..150 in time.
    const latestSeat = Math.max(...confirmed.map((r) => Date.parse(r.registeredAt)));
    expect(waitlisted.every((r) => Date.parse(r.registeredAt) >= latestSeat)).toBe(true);
    expect(waitlisted.map((r) => r.waitlistPosition)).toEqual(Array.from({ length: 150 }, (_, i) => i + 1));
    expect([...waitlisted].sort((a, b) => Date.parse(a.registeredAt) - Date.parse(b.registeredAt)).map((r) => r.waitlistPosition)).toEqual(waitlisted.map((r) => r.waitlistPosition));
    // Registering again changes nothing.
    const again = await t.http().post(`/api/v1/sessions/${workshop.body.id}/registrations`).send({ code: codes[0] }).expect(201);
    expect(again.body.id).toBe(responses[0].body.id);

    const leaving = confirmed[0].attendeeId;
    const firstInLine = waitlisted[0].attendeeId;
    await t.http().post(`/api/v1/sessions/${workshop.body.id}/registrations/cancel`).send({ code: codes[attendees.findIndex((a) => a.id === leaving)] }).expect(200);
    const promoted = await eventually(async () => {
      const list = (await t.http().get(`/api/v1/sessions/${workshop.body.id}/registrations`).query({ limit: 200 }).set(admin.auth)).body.items as typeof regs;
      const seats = list.filter((r) => r.status === 'confirmed');
      return seats.length === 50 ? list : undefined;
    }, 15000, 'the promotion');
    expect(promoted.filter((r) => r.status === 'confirmed').map((r) => r.attendeeId)).toContain(firstInLine);
    expect(promoted.filter((r) => r.status === 'waitlisted')).toHaveLength(149);
    // The job again (as a retry would) promotes nobody more.
    expect(await t.get(SessionRegistrationsService).promoteWaitlist(workshop.body.id)).toEqual([]);
    const audit = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'session_registration.promoted'`);
    expect(audit[0].n).toBe(1);
  });

  it('refuses a capacity or a room smaller than the seats confirmed, and gives the seats a larger one frees to the waitlist', async () => {
    const small = (await t.http().post('/api/v1/rooms').set(admin.auth).send({ editionId, name: 'Salle VIP', capacity: 2 }).expect(201)).body.id;
    const talk = await session({ title: 'Atelier recrutement', roomId: oriental, startsAt: '2027-02-19T15:00', endsAt: '2027-02-19T16:00', capacity: 3, registrationRequired: true }).expect(201);
    await publish(talk.body.id);
    const attendees = await makeAttendees(t, editionId, 5);
    for (const a of attendees) await t.http().post(`/api/v1/sessions/${talk.body.id}/registrations`).send({ code: await code(a.id) }).expect(201);
    const seats = async () => (await t.http().get(`/api/v1/sessions/${talk.body.id}`).set(admin.auth).expect(200)).body.seats;
    expect(await seats()).toEqual({ confirmed: 3, waitlisted: 2, available: 0 });

    const patch = (body: Record<string, unknown>) => t.http().patch(`/api/v1/sessions/${talk.body.id}`).set(admin.auth).send(body);
    const lower = await patch({ capacity: 2 }).expect(409);
    expect(lower.body).toMatchObject({ error: 'session_capacity_below_confirmed', details: { capacity: 2, confirmed: 3 } });
    // Its room's capacity once its own is taken away: the 2-seat room cannot hold the 3 confirmed either.
    await patch({ capacity: null, roomId: small }).expect(409);
    expect(await seats()).toEqual({ confirmed: 3, waitlisted: 2, available: 0 });

    // Four seats: the first in line is promoted (by the same job as a cancellation), the other still waits.
    await patch({ capacity: 4 }).expect(200);
    const after = await eventually(async () => ((await seats()).confirmed === 4 ? seats() : undefined), 15000, 'the promotion');
    expect(after).toEqual({ confirmed: 4, waitlisted: 1, available: 0 });
    const regs = (await t.http().get(`/api/v1/sessions/${talk.body.id}/registrations`).set(admin.auth).expect(200)).body.items as Array<{ attendeeId: string; status: string }>;
    expect(regs.find((r) => r.attendeeId === attendees[3].id)?.status).toBe('confirmed');
    expect(regs.find((r) => r.attendeeId === attendees[4].id)?.status).toBe('waitlisted');
  });

  it('keeps an attendee out of two overlapping sessions', async () => {
    const a = await session({ title: 'A', roomId: angad, startsAt: '2027-04-17T16:00', endsAt: '2027-04-17T16:45', registrationRequired: true }).expect(201);
    const b = await session({ title: 'B', roomId: oriental, startsAt: '2027-04-17T16:30', endsAt: '2027-04-17T17:15', registrationRequired: true }).expect(201);
    await publish(a.body.id);
    await publish(b.body.id);
    const person = await makeAttendee(t, editionId);
    await t.http().post(`/api/v1/sessions/${a.body.id}/registrations`).set(admin.auth).send({ attendeeId: person.id }).expect(201);
    const clash = await t.http().post(`/api/v1/sessions/${b.body.id}/registrations`).send({ code: await code(person.id) }).expect(409);
    expect(clash.body).toMatchObject({ error: 'overlapping_registration', details: { collidesWith: { id: a.body.id, title: 'A' } } });
    await t.http().post(`/api/v1/sessions/${b.body.id}/registrations`).set(desk.auth).send({ attendeeId: person.id }).expect(403);
    await t.http().post(`/api/v1/sessions/${b.body.id}/registrations`).send({ attendeeId: person.id }).expect(401);
    // Session A is cancelled: its seats are given back, and B no longer collides.
    await t.http().post(`/api/v1/sessions/${a.body.id}/status`).set(admin.auth).send({ status: 'cancelled' }).expect(200);
    const now = await t.http().post(`/api/v1/sessions/${b.body.id}/registrations`).send({ code: await code(person.id) }).expect(201);
    expect(now.body.status).toBe('confirmed');
  });

  it('admits at the door with the nonce rules of the check-in, counting attendance', async () => {
    const open = await session({ title: 'Panel IA', roomId: angad, startsAt: '2027-04-17T12:00', endsAt: '2027-04-17T13:00', capacity: 2 }).expect(201);
    await publish(open.body.id);
    const [x, y, z] = await Promise.all([makeAttendee(t, editionId), makeAttendee(t, editionId), makeAttendee(t, editionId)]);
    const door = (c: string, nonce = randomUUID(), deskId = 'door-angad') => t.http().post(`/api/v1/sessions/${open.body.id}/scans`).set(desk.auth).send({ code: c, nonce, deskId });
    const nonce = randomUUID();
    const first = await door(await code(x.id), nonce).expect(200);
    expect(first.body).toMatchObject({ result: 'ok', attendance: 1, attendee: { id: x.id } });
    expect((await door(await code(x.id), nonce).expect(200)).body).toEqual(first.body);
    await door(await code(y.id), nonce).expect(422);
    expect((await door(await code(x.id)).expect(200)).body.result).toBe('already_admitted');
    expect((await door(await code(y.id)).expect(200)).body).toMatchObject({ result: 'ok', attendance: 2 });
    expect((await door(await code(z.id)).expect(200)).body).toMatchObject({ result: 'full', attendance: 2 });
    expect((await door('forged').expect(200)).body.result).toBe('invalid');
    expect((await t.http().get(`/api/v1/sessions/${open.body.id}`).set(admin.auth).expect(200)).body.attendance).toBe(2);

    const closed = await session({ title: 'Sur inscription', roomId: angad, startsAt: '2027-04-17T13:00', endsAt: '2027-04-17T14:00', registrationRequired: true }).expect(201);
    await publish(closed.body.id);
    await t.http().post(`/api/v1/sessions/${closed.body.id}/registrations`).send({ code: await code(z.id) }).expect(201);
    expect((await t.http().post(`/api/v1/sessions/${closed.body.id}/scans`).set(desk.auth).send({ code: await code(z.id), nonce: randomUUID(), deskId: 'd' }).expect(200)).body.result).toBe('ok');
    expect((await t.http().post(`/api/v1/sessions/${closed.body.id}/scans`).set(desk.auth).send({ code: await code(y.id), nonce: randomUUID(), deskId: 'd' }).expect(200)).body.result).toBe('not_registered');
  });

  it('refuses at the door, with the check-in\'s verdict, a badge not valid on the session\'s day', async () => {
    const talk = await session({ title: 'Samedi', roomId: oriental, startsAt: '2027-04-17T17:15', endsAt: '2027-04-17T17:45' }).expect(201);
    await publish(talk.body.id);
    const fridayOnly = await makeAttendee(t, editionId, { days: ['2027-04-16'] });
    const door = async (attendeeId: string) =>
      (await t.http().post(`/api/v1/sessions/${talk.body.id}/scans`).set(desk.auth).send({ code: await code(attendeeId), nonce: randomUUID(), deskId: 'door-oriental' }).expect(200)).body;
    expect(await door(fridayOnly.id)).toMatchObject({ result: 'not_valid_today', attendee: { id: fridayOnly.id }, attendance: 0 });
    const both = await makeAttendee(t, editionId);
    expect(await door(both.id)).toMatchObject({ result: 'ok', attendance: 1 });
  });

  it('publishes a public programme and an iCalendar feed that a real parser reads back to the same instants', async () => {
    const opening = await session({ title: 'Cérémonie d’ouverture; remise des prix, « SICCAM »', type: 'ceremony', roomId: angad, startsAt: '2027-04-16T10:00', endsAt: '2027-04-16T11:30', speakers: [{ speakerId: speakerB, role: 'speaker' }] }).expect(201);
    await publish(opening.body.id);
    const draft = await session({ title: 'Brouillon', roomId: angad, startsAt: '2027-04-16T12:00', endsAt: '2027-04-16T12:30' }).expect(201);
    const program = await t.http().get('/api/v1/program').query({ editionId }).expect(200);
    const titles = program.body.days.flatMap((d: { rooms: Array<{ sessions: Array<{ title: string }> }> }) => d.rooms.flatMap((r) => r.sessions.map((s) => s.title)));
    expect(titles).toContain(opening.body.title);
    expect(titles).not.toContain('Brouillon');
    const ics = await t.http().get('/api/v1/program.ics').query({ editionId }).expect(200);
    expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
    const vcalendar = new ICAL.Component(ICAL.parse(ics.text));
    const events = vcalendar.getAllSubcomponents('vevent').map((v: unknown) => new ICAL.Event(v as ICAL.Component));
    const event = events.find((e: ICAL.Event) => e.uid === `${opening.body.id}@fairops`)!;
    expect(event.summary).toBe(opening.body.title);
    expect(event.startDate.toJSDate().toISOString()).toBe('2027-04-16T09:00:00.000Z');
    expect(event.endDate.toJSDate().toISOString()).toBe('2027-04-16T10:30:00.000Z');
    expect(event.location).toBe('Salle Angad, Parc Oujda Shore, Oujda');
    expect(events.find((e: ICAL.Event) => e.uid === `${draft.body.id}@fairops`)).toBeUndefined();
    // The same UID on the next export, so calendars update instead of duplicating.
    const again = await t.http().get('/api/v1/program.ics').query({ editionId }).expect(200);
    expect(again.text).toContain(`UID:${opening.body.id}@fairops`);
    const bySpeaker = await t.http().get(`/api/v1/program/speakers/${speakerB}`).expect(200);
    expect(bySpeaker.body.sessions.map((s: { id: string }) => s.id)).toEqual([opening.body.id]);
    const byRoom = await t.http().get(`/api/v1/program/rooms/${angad}`).expect(200);
    expect(byRoom.body.sessions.map((s: { id: string }) => s.id)).toContain(opening.body.id);
  });

  it('closes programme management to other roles', async () => {
    const jury = await makeUser(t, 'jury');
    await t.http().post('/api/v1/sessions').set(desk.auth).send({}).expect(403);
    await t.http().post('/api/v1/rooms').set(jury.auth).send({ name: 'x', capacity: 1 }).expect(403);
    await t.http().get('/api/v1/sessions').set(desk.auth).expect(403);
  });
});
