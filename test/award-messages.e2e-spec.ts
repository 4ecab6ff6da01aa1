import { Clock } from '@fairops/core';
import { AwardMessages } from '@fairops/awards';
import { TestApp, startTestApp } from './support/test-app';
import { TestSmtpServer } from './support/smtp-server';
import { LoggedIn, makeEdition, makeExhibitor, makeUser } from './support/factories';
import { readPdf } from './support/pdf-inspect';

interface Prize {
  id: string;
  criteria: Array<{ id: string }>;
}

/**
 * The jury's and the winner's messages, sent by the worker to a real SMTP server and read back with
 * mailparser. The app's clock is set: scoring closes on 10 December 2026 at 17:00 UTC, 18:00 in Oujda.
 */
describe('award messages: jury assignment, the reminder before scoring closes, the winner with the certificate', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let admin: LoggedIn;
  let editionId: string;
  let now: Date;
  const closesAt = '2026-12-10T17:00:00.000Z';

  const mailsTo = (address: string) => smtp.received.filter((r) => r.envelopeTo.includes(address));
  const language = (r: TestSmtpServer['received'][number]) => r.mail.headers.get('content-language');
  const settle = () => new Promise((r) => setTimeout(r, 1500));
  const arrivedFor = async (address: string) => {
    for (const end = Date.now() + 15_000; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (mailsTo(address).length) return;
    throw new Error(`no message for ${address}`);
  };
  const newPrize = async (name: string, closes = closesAt, minJurorsPerNominee = 1): Promise<Prize> =>
    (
      await t
        .http()
        .post('/api/v1/awards/prizes')
        .set(admin.auth)
        .send({ editionId, name, scoringOpensAt: '2026-12-01T08:00:00Z', scoringClosesAt: closes, minJurorsPerNominee, criteria: [{ name: 'Qualité', weight: 100 }] })
        .expect(201)
    ).body;
  const setJurors = (prize: Prize, jurors: LoggedIn[]) => t.http().put(`/api/v1/awards/prizes/${prize.id}/jurors`).set(admin.auth).send({ jurorIds: jurors.map((j) => j.actor.id) }).expect(200);
  const nominate = async (prize: Prize, body: Record<string, unknown>) => (await t.http().post(`/api/v1/awards/prizes/${prize.id}/nominees`).set(admin.auth).send(body).expect(201)).body as { id: string };
  const scoreAndSubmit = async (juror: LoggedIn, prize: Prize, nomineeId: string, value: number) => {
    await t.http().put(`/api/v1/jury/prizes/${prize.id}/nominees/${nomineeId}/scores`).set(juror.auth).send({ scores: [{ criterionId: prize.criteria[0].id, value }] }).expect(200);
    await t.http().post(`/api/v1/jury/prizes/${prize.id}/ballot/submit`).set(juror.auth).expect(200);
  };

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    // The workers' own check runs at start and then hourly: the test asks for the check itself.
    t = await startTestApp({ worker: true, env: { SMTP_URL: smtp.url, MAIL_PER_SECOND: '50', JURY_REMINDER_HOURS: '24', JURY_REMINDER_CHECK_SECONDS: '3600', PUBLIC_URL: 'https://fair.example.ma' } });
    now = new Date('2026-12-05T10:00:00Z');
    jest.spyOn(t.get(Clock), 'now').mockImplementation(() => now);
    admin = await makeUser(t, 'admin');
    editionId = (await makeEdition(t, { name: 'SICCAM 2026' })).id;
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('tells each juror of their assignment once, in their language, with the jury app’s link and the closing time in Oujda', async () => {
    const prize = await newPrize('Prix de l’innovation', '2026-12-20T17:00:00Z');
    const [ar, fr, en] = [await makeUser(t, 'jury'), await makeUser(t, 'jury'), await makeUser(t, 'jury')];
    await t.dataSource.query(`UPDATE users SET language = CASE id WHEN $1::uuid THEN 'ar' WHEN $2::uuid THEN 'en' END WHERE id IN ($1, $2)`, [ar.actor.id, en.actor.id]);
    await setJurors(prize, [ar, fr]);
    await setJurors(prize, [ar, fr, en]); // only the newcomer hears of it
    await smtp.waitFor(3);
    await settle();
    expect(smtp.received).toHaveLength(3);
    const [toFr] = mailsTo(fr.actor.email);
    expect(toFr.mail.subject).toBe('Jury : Prix de l’innovation');
    expect(language(toFr)).toBe('fr');
    expect(toFr.mail.text).toContain('https://fair.example.ma/jury');
    expect(toFr.mail.text).toContain('18:00');
    expect(toFr.mail.text).not.toContain('17:00');
    const [toAr] = mailsTo(ar.actor.email);
    expect([toAr.mail.subject, language(toAr)]).toEqual(['لجنة التحكيم: Prix de l’innovation', 'ar']);
    expect(toAr.mail.html).toContain('dir="rtl"');
    const [toEn] = mailsTo(en.actor.email);
    expect([toEn.mail.subject, language(toEn), toEn.envelopeTo]).toEqual(['Jury: Prix de l’innovation', 'en', [en.actor.email]]);
  });

  it('reminds only the jurors who have not submitted, once, and not before JURY_REMINDER_HOURS before scoring closes', async () => {
    smtp.received.length = 0;
    const prize = await newPrize('Prix de la relation client');
    const nominee = await nominate(prize, { name: 'Atlas Relation Client' });
    const [done, late, later] = [await makeUser(t, 'jury'), await makeUser(t, 'jury'), await makeUser(t, 'jury')];
    await setJurors(prize, [done, late, later]);
    for (const j of [done, late, later]) await arrivedFor(j.actor.email);
    smtp.received.length = 0;
    await scoreAndSubmit(done, prize, nominee.id, 8);

    // 25 hours before closing: not yet.
    now = new Date('2026-12-09T16:00:00Z');
    expect(await t.get(AwardMessages).remindDue()).toBe(0);
    // 23.5 hours before: the two who have not submitted; the check again sends nothing new.
    now = new Date('2026-12-09T17:30:00Z');
    expect(await t.get(AwardMessages).remindDue()).toBe(2);
    expect(await t.get(AwardMessages).remindDue()).toBe(0);
    await smtp.waitFor(2);
    await settle();
    expect(smtp.received.map((r) => r.envelopeTo[0]).sort()).toEqual([late.actor.email, later.actor.email].sort());
    const [reminder] = mailsTo(late.actor.email);
    expect(reminder.mail.subject).toBe('Rappel : votre bulletin pour le Prix de la relation client');
    expect(language(reminder)).toBe('fr');
    // The closing time as the fair's clock shows it: 18:00 in Oujda (17:00 UTC).
    expect(reminder.mail.text).toMatch(/jeudi 10 décembre 2026.*18:00/);
    expect(reminder.mail.text).toContain('https://fair.example.ma/jury');
    expect(mailsTo(done.actor.email)).toHaveLength(0);
    const keys = await t.dataSource.query(`SELECT key FROM messages WHERE template = 'jury_reminder' ORDER BY key`);
    expect(keys.map((k: { key: string }) => k.key).sort()).toEqual([`jury_reminder:${prize.id}:${late.actor.id}`, `jury_reminder:${prize.id}:${later.actor.id}`].sort());

    // After closing, nobody is reminded any more.
    now = new Date('2026-12-10T17:00:01Z');
    expect(await t.get(AwardMessages).remindDue()).toBe(0);
    now = new Date('2026-12-05T10:00:00Z');
  });

  it('withdraws a reminder still queued when the juror submits their ballot, rather than sending it', async () => {
    smtp.received.length = 0;
    const prize = await newPrize('Prix du nearshore');
    const nominee = await nominate(prize, { name: 'Atlas Relation Client' });
    const juror = await makeUser(t, 'jury');
    await setJurors(prize, [juror]);
    await arrivedFor(juror.actor.email);
    smtp.received.length = 0;

    // The SMTP server is busy at the first try: the reminder waits in the queue for its retry (5 s).
    smtp.plan.push({ code: 421, message: 'too busy, try again later' });
    now = new Date('2026-12-09T17:30:00Z');
    expect(await t.get(AwardMessages).remindDue()).toBe(1);
    const key = `jury_reminder:${prize.id}:${juror.actor.id}`;
    const reminder = async () => (await t.dataSource.query(`SELECT status, attempts, last_error FROM messages WHERE key = $1`, [key]))[0];
    for (const end = Date.now() + 10_000; Date.now() < end && (await reminder()).attempts === 0; ) await new Promise((r) => setTimeout(r, 100));
    expect(await reminder()).toMatchObject({ status: 'queued', attempts: 1 });

    // Meanwhile the juror submits: the retry must not remind them of a ballot they have handed in.
    await scoreAndSubmit(juror, prize, nominee.id, 7);
    for (const end = Date.now() + 20_000; Date.now() < end && (await reminder()).status === 'queued'; ) await new Promise((r) => setTimeout(r, 200));
    expect(await reminder()).toEqual({ status: 'withdrawn', attempts: 1, last_error: 'no longer needed: the juror submitted their ballot' });
    await settle();
    expect(mailsTo(juror.actor.email)).toHaveLength(0);
    // The admin's message list says so.
    const listed = await t.http().get(`/api/v1/messages?editionId=${editionId}&status=withdrawn`).set(admin.auth).expect(200);
    expect(listed.body.items.map((m: { template: string; status: string }) => [m.template, m.status])).toEqual([['jury_reminder', 'withdrawn']]);
    now = new Date('2026-12-05T10:00:00Z');
  });

  it('sends the published winner’s exhibitor contact the news with the certificate PDF attached', async () => {
    smtp.received.length = 0;
    const prize = await newPrize('Prix de l’Oriental', '2026-12-10T16:00:00Z');
    const exhibitor = await makeExhibitor(t, editionId, { name: 'Berkane Tech Solutions', contactName: 'Salma Idrissi', contactEmail: 'salma.idrissi@berkane-tech.ma' });
    const winner = await nominate(prize, { name: 'Berkane Tech Solutions', exhibitorId: exhibitor.id });
    const other = await nominate(prize, { name: 'Oujda Call Services' });
    const juror = await makeUser(t, 'jury');
    await setJurors(prize, [juror]);
    await t.http().put(`/api/v1/jury/prizes/${prize.id}/nominees/${other.id}/scores`).set(juror.auth).send({ scores: [{ criterionId: prize.criteria[0].id, value: 5 }] }).expect(200);
    await scoreAndSubmit(juror, prize, winner.id, 9);
    await arrivedFor(juror.actor.email);
    smtp.received.length = 0;

    now = new Date('2026-12-10T18:00:00Z');
    await t.http().post(`/api/v1/awards/prizes/${prize.id}/finalise`).set(admin.auth).send({}).expect(200);
    await t.http().post(`/api/v1/awards/prizes/${prize.id}/publish`).set(admin.auth).expect(200);
    await smtp.waitFor(1);
    await settle();
    expect(smtp.received).toHaveLength(1);
    const [won] = smtp.received;
    expect(won.envelopeTo).toEqual(['salma.idrissi@berkane-tech.ma']);
    expect(won.mail.to).toMatchObject({ value: [{ address: 'salma.idrissi@berkane-tech.ma', name: 'Salma Idrissi' }] });
    expect(won.mail.subject).toBe('Berkane Tech Solutions remporte le Prix de l’Oriental');
    expect(language(won)).toBe('fr');
    const pdf = won.mail.attachments.find((a) => a.contentType === 'application/pdf');
    expect(pdf).toBeDefined();
    const [page] = readPdf(pdf!.content);
    expect(page.text).toContain('Berkane Tech Solutions');
    expect(page.text).toContain('Prix de l’Oriental');
    // The certificate mailed is the one the results serve.
    const served = await t.dataSource.query(`SELECT certificate_pdf FROM award_results WHERE prize_id = $1`, [prize.id]);
    expect(Buffer.compare(served[0].certificate_pdf, pdf!.content)).toBe(0);
    now = new Date('2026-12-05T10:00:00Z');
  });
});

/** The workers' own check, with two worker processes on one database: each reminder arrives once. */
describe('the jury reminder check of several workers', () => {
  let smtp: TestSmtpServer;
  let first: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    const env = { SMTP_URL: smtp.url, MAIL_PER_SECOND: '50', JURY_REMINDER_HOURS: '24', JURY_REMINDER_CHECK_SECONDS: '1' };
    first = await startTestApp({ worker: true, env });
    second = await startTestApp({ worker: true, env, databaseUrl: first.databaseUrl });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await smtp?.stop();
  });

  it('queues each due reminder once however many workers look, every JURY_REMINDER_CHECK_SECONDS', async () => {
    const admin = await makeUser(first, 'admin');
    const editionId = (await makeEdition(first)).id;
    const jurors = [await makeUser(first, 'jury'), await makeUser(first, 'jury')];
    const soon = new Date(Date.now() + 2 * 3600_000).toISOString();
    // Closing in 2 hours: the reminder is due as soon as the jurors are assigned (their assignment mail comes too).
    const prize = (
      await first
        .http()
        .post('/api/v1/awards/prizes')
        .set(admin.auth)
        .send({ editionId, name: 'Prix du public', scoringOpensAt: new Date(Date.now() - 3600_000).toISOString(), scoringClosesAt: soon, criteria: [{ name: 'Vote', weight: 100 }] })
        .expect(201)
    ).body as { id: string };
    await first.http().put(`/api/v1/awards/prizes/${prize.id}/jurors`).set(admin.auth).send({ jurorIds: jurors.map((j) => j.actor.id) }).expect(200);
    await smtp.waitFor(4, 20_000);
    // Several more checks by both workers send nothing new.
    await new Promise((r) => setTimeout(r, 3500));
    const reminders = smtp.received.filter((r) => r.mail.subject?.startsWith('Rappel'));
    expect(reminders.map((r) => r.envelopeTo[0]).sort()).toEqual(jurors.map((j) => j.actor.email).sort());
    expect(smtp.received).toHaveLength(4);
  });
});
