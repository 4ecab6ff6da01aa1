import { ParsedMail } from 'mailparser';
import { UsersService, one, rows, sql } from '@fairops/core';
import { AccountMail } from '@fairops/notifications';
import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, TEST_PASSWORD, makeEdition, makeUser } from './support/factories';
import { TestSmtpServer } from './support/smtp-server';

const PUBLIC_URL = 'https://fair.example.ma';
const CHOSEN = 'a passphrase chosen by me';

/**
 * Accounts by email, end to end against a real SMTP server, with the worker running: an invitation and
 * "forgot password" mail a single-use link, and the link sets the password. What the user sees is read
 * with mailparser (subject, Content-Language, recipient) and the link is taken from the mail's text.
 */
describe('accounts by email: invitations and forgotten passwords', () => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  let admin: LoggedIn;
  let editionName: string;

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await startTestApp({ worker: true, env: { SMTP_URL: smtp.url, PUBLIC_URL, MAIL_PER_SECOND: '50' } });
    editionName = (await makeEdition(t, { defaultLanguage: 'en' })).name;
    admin = await makeUser(t, 'admin');
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  /** The one mail to `address`, once it has arrived. */
  async function mailTo(address: string, count = 1): Promise<ParsedMail> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = smtp.received.filter((r) => r.envelopeTo.includes(address));
      if (found.length >= count) return found[count - 1].mail;
      if (Date.now() > deadline) throw new Error(`no mail ${count} to ${address}`);
      await smtp.waitFor(smtp.received.length + 1, Math.max(1, deadline - Date.now())).catch(() => undefined);
    }
  }

  /** The link's token, as the web page reads it from its address. */
  function tokenOf(mail: ParsedMail): string {
    const link = /https:\/\/fair\.example\.ma\/account\/password\?token=([A-Za-z0-9_-]+)/.exec(mail.text ?? '');
    expect(link).not.toBeNull();
    expect(mail.html).toContain(`href="${link![0]}"`);
    return link![1];
  }

  const invite = (body: Record<string, unknown>) => t.http().post('/api/v1/users/invitations').set(admin.auth).send(body);
  const useLink = (token: string, newPassword = CHOSEN) => t.http().post('/api/v1/auth/password-link').send({ token, newPassword });
  const logIn = (email: string, password: string) => t.http().post('/api/v1/auth/login').send({ email, password });
  const forgot = (email: string) => t.http().post('/api/v1/auth/password-reset').send({ email });

  it('invites a juror: the mail arrives in their language, and its link sets the password once', async () => {
    const email = `jury-invited-${Date.now()}@siccam.ma`;
    const created = await invite({ email, displayName: 'نادية برادة', role: 'jury', organisation: 'Université Mohammed Premier', language: 'ar' }).expect(201);
    expect(created.body).toMatchObject({ email, role: 'jury', language: 'ar', disabled: false });
    // No password yet: a log-in is refused like a wrong password.
    expect((await logIn(email, CHOSEN).expect(401)).body.error).toBe('invalid_credentials');

    const mail = await mailTo(email);
    expect(mail.subject).toBe(`حسابك على FairOps — ${editionName}`);
    expect(mail.headers.get('content-language')).toBe('ar');
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.text).toContain('نادية برادة');
    expect(mail.text).toContain('عضو لجنة التحكيم');
    const token = tokenOf(mail);

    // The message row keeps the token's id, never the token; the token row keeps a hash.
    const row = await one<{ data: Record<string, unknown>; userId: string }>(t.dataSource, sql`SELECT data, user_id AS "userId" FROM messages WHERE template = 'invitation' AND recipient_email = ${email}`);
    expect(row).toEqual({ data: { tokenId: expect.any(String) }, userId: created.body.id });
    const everything = await one<{ dump: string }>(t.dataSource, sql`SELECT (SELECT json_agg(m)::text FROM messages m) || (SELECT json_agg(a)::text FROM account_tokens a) AS dump`);
    expect(everything.dump).not.toContain(token);

    await useLink(token).expect(204);
    const session = await logIn(email, CHOSEN).expect(200);
    expect(session.body.user).toMatchObject({ id: created.body.id, role: 'jury' });
    const again = await useLink(token, 'yet another passphrase').expect(400);
    expect(again.body).toMatchObject({ error: 'validation_failed', details: [{ field: 'token', reasons: ['has already been used'] }] });
    await logIn(email, CHOSEN).expect(200);

    const audit = (await t.http().get('/api/v1/audit').query({ entityType: 'user', entityId: created.body.id }).set(admin.auth).expect(200)).body.items;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['user.invited', 'user.invitation_accepted']));
  });

  it('speaks the edition’s language to a user who has not chosen one', async () => {
    const email = `desk-invited-${Date.now()}@siccam.ma`;
    await invite({ email, displayName: 'Desk 7', role: 'desk' }).expect(201);
    const mail = await mailTo(email);
    expect(mail.subject).toBe(`Your FairOps account — ${editionName}`);
    expect(mail.headers.get('content-language')).toBe('en');
    expect(mail.to).toMatchObject({ value: [{ address: email, name: 'Desk 7' }] });
    expect(mail.text).toContain('check-in desk agent');
  });

  it('refuses an expired link, and an unknown one, naming the token', async () => {
    const email = `exp-invited-${Date.now()}@siccam.ma`;
    const created = await invite({ email, displayName: 'Late Juror', role: 'jury' }).expect(201);
    const token = tokenOf(await mailTo(email));
    await rows(t.dataSource, sql`UPDATE account_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = ${created.body.id}`);
    const expired = await useLink(token).expect(400);
    expect(expired.body.details).toEqual([{ field: 'token', reasons: ['has expired; ask for a new link'] }]);
    const unknown = await useLink('b'.repeat(43)).expect(400);
    expect(unknown.body.details).toEqual([{ field: 'token', reasons: ['is not a valid link'] }]);
    await logIn(email, CHOSEN).expect(401);
  });

  it('refuses a bad invitation with the field at fault, and a taken email, sending nothing', async () => {
    const before = smtp.received.length;
    const bad = await invite({ email: 'not-an-address', displayName: 'X', role: 'jury', language: 'de' }).expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['email', 'language']);
    const noExhibitor = await invite({ email: `exh-${Date.now()}@siccam.ma`, displayName: 'X', role: 'exhibitor' }).expect(400);
    expect(noExhibitor.body.details).toEqual([{ field: 'exhibitorId', reasons: ['is required for the exhibitor role'] }]);
    const taken = await invite({ email: admin.actor.email, displayName: 'Again', role: 'jury' }).expect(409);
    expect(taken.body.error).toBe('email_taken');
    const desk = await makeUser(t, 'desk');
    await invite({ email: `x-${Date.now()}@siccam.ma`, displayName: 'X', role: 'jury' }).set(desk.auth).expect(403);
    await t.get(AccountMail).settled();
    expect(await one<{ n: number }>(t.dataSource, sql`SELECT count(*)::int AS n FROM messages WHERE recipient_email = ${admin.actor.email}`)).toEqual({ n: 0 });
    expect(smtp.received.length).toBe(before);
  });

  it('answers “forgot password” the same for a known and an unknown address; only the known one gets a link', async () => {
    const user = await makeUser(t, 'jury');
    const unknownAddress = `nobody-${Date.now()}@siccam.ma`;
    const unknown = await forgot(unknownAddress);
    const known = await forgot(user.actor.email);
    expect([unknown.status, unknown.text, unknown.headers['content-type']]).toEqual([202, '', undefined]);
    expect([known.status, known.text, known.headers['content-type']]).toEqual([unknown.status, unknown.text, unknown.headers['content-type']]);

    const mail = await mailTo(user.actor.email);
    await t.get(AccountMail).settled();
    expect(mail.subject).toBe('Reset your FairOps password');
    expect(mail.text).not.toContain(TEST_PASSWORD);
    expect(smtp.received.filter((r) => r.envelopeTo.includes(unknownAddress))).toEqual([]);
    expect(await rows(t.dataSource, sql`SELECT id FROM messages WHERE recipient_email = ${unknownAddress}`)).toEqual([]);

    // The link sets a new password: the old one stops working, and so does every token the user held.
    await t.http().get('/api/v1/auth/me').set(user.auth).expect(200);
    await useLink(tokenOf(mail)).expect(204);
    await logIn(user.actor.email, TEST_PASSWORD).expect(401);
    await t.http().get('/api/v1/auth/me').set(user.auth).expect(401);
    await logIn(user.actor.email, CHOSEN).expect(200);
    await useLink(tokenOf(mail), 'and once more, please').expect(400);
    const audit = (await t.http().get('/api/v1/audit').query({ entityType: 'user', entityId: user.actor.id }).set(admin.auth).expect(200)).body.items;
    expect(audit).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'user.password_reset_by_link', actorUserId: user.actor.id })]));
  });

  it('retires the earlier link when a newer one is asked for; a disabled user gets none', async () => {
    const user = await makeUser(t, 'desk');
    await forgot(user.actor.email).expect(202);
    const first = tokenOf(await mailTo(user.actor.email, 1));
    await forgot(user.actor.email).expect(202);
    const second = tokenOf(await mailTo(user.actor.email, 2));
    expect(second).not.toBe(first);
    expect((await useLink(first).expect(400)).body.details).toEqual([{ field: 'token', reasons: ['has already been used'] }]);
    await useLink(second).expect(204);

    const disabled = await makeUser(t, 'desk');
    await t.http().post(`/api/v1/users/${disabled.actor.id}/disable`).set(admin.auth).send({}).expect(200);
    await forgot(disabled.actor.email).expect(202);
    await t.get(AccountMail).settled();
    expect(await rows(t.dataSource, sql`SELECT id FROM messages WHERE user_id = ${disabled.actor.id}`)).toEqual([]);
  });

  it('answers before it looks the address up, so how long it takes says nothing of the account', async () => {
    const user = await makeUser(t, 'desk');
    const users = t.get(UsersService);
    const lookUp = users.findEnabledByEmail.bind(users);
    // The look-up waits until the test has its answer: a route that waited for it would never answer.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const slow = jest.spyOn(users, 'findEnabledByEmail').mockImplementation(async (email) => {
      await held;
      return lookUp(email);
    });
    try {
      await forgot(user.actor.email).timeout(10_000).expect(202);
      release();
      await t.get(AccountMail).settled();
      expect(slow).toHaveBeenCalledTimes(1);
    } finally {
      release();
      slow.mockRestore();
    }
    expect((await mailTo(user.actor.email)).subject).toBe('Reset your FairOps password');
  });

  it('limits requests per address, known or not, with the same 429', async () => {
    const user = await makeUser(t, 'jury');
    const unknownAddress = `nobody-else-${Date.now()}@siccam.ma`;
    for (let i = 0; i < 3; i++) {
      await forgot(user.actor.email).expect(202);
      await forgot(unknownAddress).expect(202);
    }
    const known = await forgot(user.actor.email.toUpperCase()).expect(429);
    const unknown = await forgot(unknownAddress).expect(429);
    for (const res of [known, unknown]) {
      expect(res.body.error).toBe('too_many_password_resets');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    }
    await t.get(AccountMail).settled();
  });
});
