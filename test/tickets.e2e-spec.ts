import { randomUUID } from 'node:crypto';
import ICAL from 'ical.js';
import jsQR from 'jsqr';
import { ParsedMail } from 'mailparser';
import { PNG } from 'pngjs';
import { AttendeesService } from '@fairops/attendees';
import { EditionView } from '@fairops/editions';
import { TestApp, startTestApp } from './support/test-app';
import { TestSmtpServer } from './support/smtp-server';
import { LoggedIn, makeEdition, makeExhibitor, makeLiveEdition, makeUser } from './support/factories';
import { readPdf } from './support/pdf-inspect';

/** The e-ticket end to end: registration → messages row → outbox → mail queue → worker → a real SMTP server. */
describe('e-tickets by mail', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let admin: LoggedIn;
  let desk: LoggedIn;
  let edition: EditionView;

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await startTestApp({ worker: true, env: { SMTP_URL: smtp.url, MAIL_PER_SECOND: '50', REGISTRATIONS_PER_HOUR_PER_ADDRESS: '100' } });
    [admin, desk] = [await makeUser(t, 'admin'), await makeUser(t, 'desk')];
    edition = await makeLiveEdition(t);
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  /** The mails to `address`, once `count` of them have arrived. */
  async function mailsTo(address: string, count: number, timeoutMs = 30_000): Promise<ParsedMail[]> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const found = smtp.received.filter((r) => r.envelopeTo.includes(address)).map((r) => r.mail);
      if (found.length >= count) return found;
      if (Date.now() > end) throw new Error(`expected ${count} mail(s) to ${address}, got ${found.length}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const attachment = (mail: ParsedMail, pick: (a: ParsedMail['attachments'][number]) => boolean) => {
    const found = mail.attachments.find(pick);
    if (!found) throw new Error(`no such attachment in: ${mail.attachments.map((a) => `${a.filename} ${a.contentType}`).join(', ')}`);
    return found;
  };
  /** The code the inline QR image holds, read by a QR decoder. */
  const qrOf = (mail: ParsedMail) => {
    const image = attachment(mail, (a) => a.cid === 'badge-qr');
    const png = PNG.sync.read(image.content);
    return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
  };
  const scan = (code: string, editionId = edition.id) =>
    t.http().post('/api/v1/checkin/scans').set(desk.auth).send({ code, deskId: 'desk-1', nonce: randomUUID(), editionId });
  const register = (body: Record<string, unknown>, ip = '10.9.0.1') => t.http().post('/api/v1/registrations').set('X-Forwarded-For', ip).send({ editionId: edition.id, ...body });
  const visual = (s: string) => [...s].reverse().join('');

  it('mails the ticket of a public registration: Arabic, QR inline that the desk accepts, badge PDF with the name, fair days as .ics', async () => {
    const email = `ticket.${randomUUID().slice(0, 8)}@example.ma`;
    const res = await register({ firstName: 'محمد', lastName: 'العلوي', email, language: 'ar' }).expect(202);
    expect(res.body).toEqual({ status: 'accepted', message: expect.stringContaining('mailbox') });

    const [mail] = await mailsTo(email, 1);
    expect(mail.subject).toBe(`شارتك — ${edition.name}`);
    expect(mail.headers.get('content-language')).toBe('ar');
    expect((mail.to as { value: Array<{ address: string; name: string }> }).value).toEqual([{ address: email, name: 'محمد العلوي' }]);
    expect(mail.html).toContain('dir="rtl"');

    const code = qrOf(mail);
    expect(code).toMatch(/^[A-Za-z0-9._-]{100,}$/);
    expect((await scan(code!).expect(200)).body).toMatchObject({ result: 'ok', attendee: { firstName: 'محمد', lastName: 'العلوي' } });

    const pdf = attachment(mail, (a) => a.contentType === 'application/pdf');
    expect(pdf.filename).toBe('badge.pdf');
    const pages = readPdf(pdf.content);
    expect(pages).toHaveLength(1);
    expect(Math.round(pages[0].width)).toBe(595); // A4, the A6 badge on it with crop marks
    expect(pages[0].text).toContain(`${visual('العلوي')} ${visual('محمد')}`);
    expect(pages[0].text).toContain('VISITEUR');

    const ics = attachment(mail, (a) => a.filename === 'fair-days.ics').content.toString('utf8');
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.summary)).toEqual(edition.days.map(() => edition.name));
    expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual(edition.days.map((d) => new Date(d.opensAt).toISOString()));
  });

  it('answers a second registration with the same email exactly as the first, and mails "already registered" with the ticket again', async () => {
    const email = `twice.${randomUUID().slice(0, 8)}@example.ma`;
    const first = await register({ firstName: 'Hélène', lastName: 'Dupont', email }, '10.9.0.2');
    const second = await register({ firstName: 'Autre', lastName: 'Personne', email: email.toUpperCase() }, '10.9.0.3');
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(second.body).toEqual(first.body);
    expect(second.headers['content-type']).toBe(first.headers['content-type']);
    expect(second.headers['content-length']).toBe(first.headers['content-length']);
    expect(JSON.stringify(first.body)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}|[A-Za-z0-9_-]{60,}/);

    const mails = await mailsTo(email, 2);
    const subjects = mails.map((m) => m.subject).sort();
    expect(subjects).toEqual([`Votre badge — ${edition.name}`, `Vous êtes déjà inscrit — ${edition.name}`].sort());
    const again = mails.find((m) => m.subject!.startsWith('Vous êtes déjà inscrit'))!;
    expect(again.headers.get('content-language')).toBe('fr');
    // The same person, untouched by the second form: one attendee, the first name, the same code in both mails.
    const listed = await t.http().get('/api/v1/attendees').query({ editionId: edition.id, q: email }).set(admin.auth).expect(200);
    expect(listed.body.total).toBe(1);
    expect(listed.body.items[0]).toMatchObject({ firstName: 'Hélène', lastName: 'Dupont', badgeVersion: 1 });
    expect(qrOf(again)).toBe(qrOf(mails.find((m) => m !== again)!));
    attachment(again, (a) => a.contentType === 'application/pdf');
    // A third try the same day sends nothing more (one "already registered" a day).
    await register({ firstName: 'Encore', lastName: 'Lui', email }, '10.9.0.4').expect(202);
    const messages = await t.http().get('/api/v1/messages').query({ attendeeId: listed.body.items[0].id }).set(admin.auth).expect(200);
    expect(messages.body.items.map((m: { template: string }) => m.template).sort()).toEqual(['already_registered', 'ticket']);
  });

  it('answers two simultaneous registrations of one new email alike: one attendee, a ticket and an "already registered"', async () => {
    const email = `race.${randomUUID().slice(0, 8)}@example.ma`;
    const [a, b] = await Promise.all([register({ firstName: 'Un', lastName: 'Seul', email }, '10.9.0.6'), register({ firstName: 'Un', lastName: 'Seul', email }, '10.9.0.7')]);
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(a.body).toEqual(b.body);
    const mails = await mailsTo(email, 2);
    expect(mails.map((m) => m.subject).sort()).toEqual([`Votre badge — ${edition.name}`, `Vous êtes déjà inscrit — ${edition.name}`].sort());
    expect((await t.http().get('/api/v1/attendees').query({ editionId: edition.id, q: email }).set(admin.auth).expect(200)).body.total).toBe(1);
  });

  it('speaks the edition’s default language to an attendee without one', async () => {
    const english = await makeEdition(t, { defaultLanguage: 'en', days: edition.days.map((d) => ({ date: d.date, opensAt: '00:00', closesAt: '23:59' })) });
    const email = `en.${randomUUID().slice(0, 8)}@example.ma`;
    await t.http().post('/api/v1/registrations').set('X-Forwarded-For', '10.9.0.5').send({ editionId: english.id, firstName: 'Sam', lastName: 'Brown', email }).expect(202);
    const [mail] = await mailsTo(email, 1);
    expect(mail.subject).toBe(`Your badge — ${english.name}`);
    expect(mail.headers.get('content-language')).toBe('en');
  });

  it('mails a ticket to back-office and exhibitor-staff registrations with an email; a reissued badge sends the new ticket and the old code stops working', async () => {
    const email = `office.${randomUUID().slice(0, 8)}@example.ma`;
    const created = await t.http().post('/api/v1/attendees').set(admin.auth).send({ editionId: edition.id, category: 'press', firstName: 'Nadia', lastName: 'Kettani', email, language: 'en' }).expect(201);
    expect(created.body.language).toBe('en');
    const [ticket] = await mailsTo(email, 1);
    expect(ticket.subject).toBe(`Your badge — ${edition.name}`);
    const oldCode = qrOf(ticket)!;

    const reissued = await t.http().post(`/api/v1/attendees/${created.body.id}/reissue`).set(admin.auth).send({ reason: 'lost' }).expect(200);
    const mails = await mailsTo(email, 2);
    const fresh = mails.find((m) => m !== ticket)!;
    expect(fresh.subject).toBe(`Your new badge — ${edition.name}`);
    expect(fresh.text).toContain('The previous code no longer works');
    expect(qrOf(fresh)).toBe(reissued.body.code);
    expect((await scan(oldCode).expect(200)).body.result).not.toBe('ok');
    expect((await scan(qrOf(fresh)!).expect(200)).body.result).toBe('ok');
    const keys = await t.http().get('/api/v1/messages').query({ attendeeId: created.body.id, template: 'ticket' }).set(admin.auth).expect(200);
    expect(keys.body.items.map((m: { key: string }) => m.key).sort()).toEqual([`ticket:${created.body.id}:1`, `ticket:${created.body.id}:2`]);

    const exhibitor = await makeExhibitor(t, edition.id);
    const staffEmail = `staff.${randomUUID().slice(0, 8)}@example.ma`;
    await t.http().post(`/api/v1/exhibitors/${exhibitor.id}/staff`).set(admin.auth).send({ firstName: 'Karim', lastName: 'Staff', email: staffEmail }).expect(201);
    const [staffMail] = await mailsTo(staffEmail, 1);
    expect(attachment(staffMail, (a) => a.contentType === 'application/pdf').content.length).toBeGreaterThan(1000);
    expect(readPdf(attachment(staffMail, (a) => a.contentType === 'application/pdf').content)[0].text).toContain('EXPOSANT');
  });

  it('sends tickets in bulk to those without one for their current badge, once', async () => {
    const other = await makeLiveEdition(t);
    const emails = [1, 2, 3].map((i) => `bulk${i}.${randomUUID().slice(0, 8)}@example.ma`);
    // As an import writes them: no ticket yet.
    for (const email of emails) await t.get(AttendeesService).create(other.id, { category: 'visitor', firstName: 'Bulk', lastName: email.slice(0, 5), email }, null, 'import');
    await t.get(AttendeesService).create(other.id, { category: 'visitor', firstName: 'Sans', lastName: 'Adresse' }, null, 'import');
    const cancelled = await t.get(AttendeesService).create(other.id, { category: 'visitor', firstName: 'Parti', lastName: 'Avant', email: `gone.${randomUUID().slice(0, 8)}@example.ma` }, null, 'import');
    await t.http().post(`/api/v1/attendees/${cancelled.id}/cancel`).set(admin.auth).send({}).expect(200);

    expect((await t.http().post('/api/v1/attendees/tickets').set(desk.auth).send({ editionId: other.id })).status).toBe(403);
    const first = await t.http().post('/api/v1/attendees/tickets').set(admin.auth).send({ editionId: other.id }).expect(202);
    expect(first.body).toEqual({ queued: 3, alreadyQueued: 0 });
    for (const email of emails) {
      const [mail] = await mailsTo(email, 1);
      expect((await scan(qrOf(mail)!, other.id).expect(200)).body.result).toBe('ok');
    }
    const again = await t.http().post('/api/v1/attendees/tickets').set(admin.auth).send({ editionId: other.id }).expect(202);
    expect(again.body).toEqual({ queued: 0, alreadyQueued: 3 });
    const bad = await t.http().post('/api/v1/attendees/tickets').set(admin.auth).send({ editionId: 'nope' }).expect(400);
    expect(bad.body.details).toEqual([{ field: 'editionId', reasons: ['must be a UUID'] }]);
  });

  it('mails tickets from a CSV import only when asked (sendTickets), to new attendees and to those it gives a new badge', async () => {
    const other = await makeLiveEdition(t);
    const tag = randomUUID().slice(0, 8);
    const importCsv = async (content: string, sendTickets?: string) => {
      const form = t.http().post('/api/v1/attendees/imports').set(admin.auth).field('editionId', other.id);
      if (sendTickets !== undefined) form.field('sendTickets', sendTickets);
      const accepted = await form.attach('file', Buffer.from(content), 'inscrits.csv').expect(202);
      for (let i = 0; i < 300; i++) {
        const res = await t.http().get(`/api/v1/attendees/imports/${accepted.body.id}`).set(admin.auth).expect(200);
        if (res.body.status === 'completed') return res.body;
        if (res.body.status === 'failed') throw new Error(res.body.failureReason);
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('import did not finish');
    };
    const tickets = async () => (await t.http().get('/api/v1/messages').query({ editionId: other.id, template: 'ticket' }).set(admin.auth).expect(200)).body.total;
    const [day1, day2] = other.days.map((d) => d.date);
    await importCsv(`prénom,nom,courriel,jours\nSilent,One,silent.${tag}@example.ma,${day1}\n`);
    expect(await importCsv(`prénom,nom,courriel,jours\nLoud,Two,loud.${tag}@example.ma,${day1}\n`, 'false')).toMatchObject({ created: 1 });
    expect(await tickets()).toBe(0);
    const report = await importCsv(`prénom,nom,courriel,jours\nSilent,One,silent.${tag}@example.ma,${day1} ${day2}\nNew,Three,new.${tag}@example.ma,\n`, 'true');
    expect(report).toMatchObject({ created: 1, updated: 1 });
    const [fresh] = await mailsTo(`new.${tag}@example.ma`, 1);
    expect(fresh.subject).toBe(`Votre badge — ${other.name}`);
    const [changed] = await mailsTo(`silent.${tag}@example.ma`, 1);
    expect(changed.subject).toBe(`Votre nouveau badge — ${other.name}`);
    expect((await scan(qrOf(changed)!, other.id).expect(200)).body.result).toBe('ok');
    expect(await tickets()).toBe(2);
    const bad = await t.http().post('/api/v1/attendees/imports').set(admin.auth).field('sendTickets', 'maybe').attach('file', Buffer.from('prénom,nom\nA,B\n'), 'x.csv').expect(400);
    expect(bad.body.details).toEqual([{ field: 'sendTickets', reasons: ['must be true or false'] }]);
  });

  it('erases the person’s messages with their data', async () => {
    const email = `erase.${randomUUID().slice(0, 8)}@example.ma`;
    const created = await t.http().post('/api/v1/attendees').set(admin.auth).send({ editionId: edition.id, category: 'visitor', firstName: 'Effacé', lastName: 'Bientôt', email }).expect(201);
    await mailsTo(email, 1);
    const before = await t.http().get('/api/v1/messages').query({ attendeeId: created.body.id }).set(admin.auth).expect(200);
    expect(before.body.total).toBe(1);
    await t.http().post(`/api/v1/attendees/${created.body.id}/erase`).set(admin.auth).send({}).expect(200);
    const after = await t.http().get('/api/v1/messages').query({ attendeeId: created.body.id }).set(admin.auth).expect(200);
    expect(after.body.total).toBe(0);
    const audit = await t.http().get('/api/v1/audit').query({ entityType: 'attendee', entityId: created.body.id, limit: 100 }).set(admin.auth).expect(200);
    expect(audit.body.items.find((e: { action: string }) => e.action === 'attendee.erased').after).toMatchObject({ messagesDeleted: 1 });
    expect((await t.http().get('/api/v1/messages').query({ recipient: email }).set(admin.auth).expect(200)).body.total).toBe(0);
  });
});
