import ICAL from 'ical.js';
import { AttendeesService } from '@fairops/attendees';
import { TestApp, startTestApp } from './support/test-app';
import { TestSmtpServer } from './support/smtp-server';
import { LoggedIn, makeAttendee, makeEdition, makeUser } from './support/factories';

/** The seat messages, sent by the worker to a real SMTP server and read back with mailparser and ical.js. */
describe('session messages: confirmed, waitlisted, promoted with the session’s calendar', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let admin: LoggedIn;
  let editionId: string;
  let roomId: string;

  const code = async (attendeeId: string) => (await t.get(AttendeesService).credential(attendeeId)).code;
  // Creating an attendee with an email mails their e-ticket too: the seat messages are the others.
  const seatMails = () => smtp.received.filter((r) => !/badge —/i.test(r.mail.subject ?? ''));
  const mailsTo = (address: string) => seatMails().filter((r) => r.envelopeTo.includes(address));
  const language = (mail: TestSmtpServer['received'][number]['mail']) => mail.headers.get('content-language');

  const until = async (check: () => boolean, ms = 20_000) => {
    for (const end = Date.now() + ms; !check(); await new Promise((r) => setTimeout(r, 100))) if (Date.now() > end) throw new Error('timed out waiting for mail');
  };

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await startTestApp({ worker: true, env: { SMTP_URL: smtp.url, MAIL_PER_SECOND: '50' } });
    admin = await makeUser(t, 'admin');
    editionId = (await makeEdition(t, { name: 'SICCAM 2027' })).id;
    roomId = (await t.http().post('/api/v1/rooms').set(admin.auth).send({ editionId, name: 'Salle Angad', capacity: 120 }).expect(201)).body.id;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('tells the seated and the waitlisted in their language, and the promoted with the session as .ics at its local time', async () => {
    const title = 'Atelier : réussir son entretien';
    const session = await t
      .http()
      .post('/api/v1/sessions')
      .set(admin.auth)
      .send({ editionId, language: 'fr', type: 'workshop', roomId, title, startsAt: '2027-04-16T10:00', endsAt: '2027-04-16T11:30', capacity: 1, registrationRequired: true })
      .expect(201);
    await t.http().post(`/api/v1/sessions/${session.body.id}/status`).set(admin.auth).send({ status: 'published' }).expect(200);
    const amina = await makeAttendee(t, editionId, { firstName: 'Amina', lastName: 'Berrada', email: 'amina.berrada@example.ma' });
    const john = await makeAttendee(t, editionId, { firstName: 'John', lastName: 'Smith', email: 'john.smith@example.com' });
    const noMail = await makeAttendee(t, editionId, { firstName: 'Sans', lastName: 'Courriel' });
    // John chose English; Amina chose nothing, so the edition's language (French) speaks to her.
    await t.dataSource.query(`UPDATE attendees SET language = 'en' WHERE id = $1`, [john.id]);

    const register = async (attendeeId: string) => (await t.http().post(`/api/v1/sessions/${session.body.id}/registrations`).send({ code: await code(attendeeId) }).expect(201)).body;
    expect((await register(amina.id)).status).toBe('confirmed');
    expect((await register(john.id)).status).toBe('waitlisted');
    expect((await register(noMail.id)).status).toBe('waitlisted');
    await register(amina.id); // a repeat changes nothing and sends nothing new
    await until(() => seatMails().length >= 2);

    const [confirmed] = mailsTo('amina.berrada@example.ma');
    expect(confirmed.mail.subject).toBe(`Inscription confirmée : ${title}`);
    expect(language(confirmed.mail)).toBe('fr');
    expect(confirmed.mail.to).toMatchObject({ value: [{ address: 'amina.berrada@example.ma', name: 'Amina Berrada' }] });
    // 10:00 on the fair's clock (Oujda, UTC+1 in April), not the instant's 09:00 UTC.
    expect(confirmed.mail.text).toContain('10:00');
    expect(confirmed.mail.text).toContain('Salle Angad');
    const [waitlisted] = mailsTo('john.smith@example.com');
    expect(waitlisted.mail.subject).toBe(`Waiting list: ${title}`);
    expect(language(waitlisted.mail)).toBe('en');
    expect(waitlisted.mail.attachments).toHaveLength(0);

    // Amina cancels: the promotion job gives her seat to John, who hears of it with the calendar file.
    await t.http().post(`/api/v1/sessions/${session.body.id}/registrations/cancel`).send({ code: await code(amina.id) }).expect(200);
    await until(() => seatMails().length >= 3);
    const promoted = mailsTo('john.smith@example.com')[1];
    expect(promoted.mail.subject).toBe(`A seat is yours: ${title}`);
    expect(language(promoted.mail)).toBe('en');
    const ics = promoted.mail.attachments.find((a) => a.filename === 'session.ics');
    expect(ics?.contentType).toBe('text/calendar');
    const [event] = new ICAL.Component(ICAL.parse(ics!.content.toString('utf8'))).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect([event.summary, event.startDate.toJSDate().toISOString(), event.endDate.toJSDate().toISOString()]).toEqual([title, '2027-04-16T09:00:00.000Z', '2027-04-16T10:30:00.000Z']);
    expect(event.location).toContain('Salle Angad');

    // Nobody else, and nothing twice.
    await new Promise((r) => setTimeout(r, 1500));
    expect(seatMails().map((r) => [r.envelopeTo[0], r.mail.subject]).sort()).toEqual([
      ['amina.berrada@example.ma', `Inscription confirmée : ${title}`],
      ['john.smith@example.com', `A seat is yours: ${title}`],
      ['john.smith@example.com', `Waiting list: ${title}`],
    ]);
    const keys = await t.dataSource.query(`SELECT key FROM messages WHERE template LIKE 'session_%' ORDER BY key`);
    expect(keys.map((k: { key: string }) => k.key.split(':')[0])).toEqual(['session_confirmed', 'session_promoted', 'session_waitlisted']);
  });

  it('shows an admin any message as its recipient sees it, and no one else', async () => {
    const list = await t.http().get('/api/v1/messages').query({ editionId, template: 'session_promoted' }).set(admin.auth).expect(200);
    expect(list.body.items).toHaveLength(1);
    const id = list.body.items[0].id;
    const preview = await t.http().get(`/api/v1/messages/${id}/preview`).set(admin.auth).expect(200);
    expect(preview.body.subject).toBe('A seat is yours: Atelier : réussir son entretien');
    expect(preview.body.language).toBe('en');
    expect(preview.body.html).toContain('<html lang="en" dir="ltr">');
    expect(preview.body.text).toContain('John Smith');
    expect(preview.body.attachments).toEqual([{ filename: 'session.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', inline: false, size: expect.any(Number) }]);
    const desk = await makeUser(t, 'desk');
    await t.http().get(`/api/v1/messages/${id}/preview`).set(desk.auth).expect(403);
    const missing = await t.http().get('/api/v1/messages/00000000-0000-4000-8000-000000000000/preview').set(admin.auth).expect(404);
    expect(missing.body.error).toBe('message_not_found');
  });
});
