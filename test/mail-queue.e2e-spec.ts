import { withTransaction } from '@fairops/core';
import { MessageComposer, MessageComposers, MessageRequest, MessagesService } from '@fairops/messages';
import { JOB_BACKENDS, TestApp, startTestApp } from './support/test-app';
import { TestSmtpServer } from './support/smtp-server';

/** Outbox → `mail` queue → worker → SMTP, on each job backend, against a real SMTP server. */
describe.each(JOB_BACKENDS)('the mail queue on the %s job backend', (backend) => {
  let t: TestApp;
  let smtp: TestSmtpServer;
  const request = (key: string): MessageRequest => ({
    key,
    editionId: null,
    template: 'password_reset',
    language: 'en',
    recipient: { email: `${key.replace(/\W/g, '')}@example.ma`, name: 'Agent' },
  });

  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    t = await startTestApp({ worker: true, jobBackend: backend, env: { SMTP_URL: smtp.url, MAIL_PER_SECOND: '50' } });
    // The app composes password_reset itself (from an account token); these messages have none, so the test composes them.
    const composers = t.get(MessageComposers);
    const composed = composers.get.bind(composers);
    const testComposer: MessageComposer = {
      compose: async (m) => ({
        data: { template: 'password_reset', link: `https://fair.example/reset?for=${m.key}`, expiresAt: '2026-11-30T10:00:00Z' },
        edition: { name: 'SICCAM 2026', editionNumber: 16, venue: 'Palais des Congrès', city: 'Oujda', timeZone: 'Africa/Casablanca', days: [] },
      }),
    };
    jest.spyOn(composers, 'get').mockImplementation((template) => (template === 'password_reset' ? testComposer : composed(template)));
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  const queue = (key: string) => withTransaction(t.dataSource, undefined, (tx) => t.get(MessagesService).enqueue(tx, request(key)));
  const status = async (id: string) => (await t.get(MessagesService).get(id)).status;
  const until = async (check: () => Promise<boolean>, ms = 30_000) => {
    for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 100))) if (await check()) return;
    throw new Error('timed out');
  };

  it('sends a queued message through the worker and marks it sent', async () => {
    const id = (await queue(`${backend}-ok`))!;
    await until(async () => (await status(id)) === 'sent');
    const arrived = smtp.received.filter((r) => r.mail.text?.includes(`for=${backend}-ok`));
    expect(arrived).toHaveLength(1);
  });

  it('delivers once, on the retry, a message the server first refused with 451', async () => {
    smtp.plan.push({ code: 451, message: 'greylisted' });
    const id = (await queue(`${backend}-451`))!;
    await until(async () => (await status(id)) === 'sent');
    expect(smtp.received.filter((r) => r.mail.text?.includes(`for=${backend}-451`))).toHaveLength(1);
    expect(await t.get(MessagesService).get(id)).toMatchObject({ attempts: 2, lastError: null });
  });

  it('records a 550 as failed without retrying', async () => {
    smtp.plan.push({ code: 550, message: 'no such user' });
    const id = (await queue(`${backend}-550`))!;
    await until(async () => (await status(id)) === 'failed');
    expect(await t.get(MessagesService).get(id)).toMatchObject({ attempts: 1, lastError: expect.stringContaining('no such user') });
  });
});
