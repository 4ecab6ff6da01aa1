import { createServer, get } from 'node:http';
import { AddressInfo } from 'node:net';
import { LocalMailbox, MailDeliveryError, MailTransport, OutgoingMail } from '@fairops/messages';
import { testConfig } from './support/test-app';
import { TestSmtpServer } from './support/smtp-server';

const PIXEL = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const ticket = (to: string): OutgoingMail => ({
  to: { name: 'فاطمة الزهراء بنعبد الله', address: to },
  subject: 'تذكرتك إلى الصالون الدولي لمراكز الاتصال',
  html: '<html dir="rtl" lang="ar"><body><p>مرحبا</p><img src="cid:qr" alt="QR"></body></html>',
  text: 'مرحبا',
  language: 'ar',
  attachments: [
    { filename: 'qr.png', content: PIXEL, contentType: 'image/png', cid: 'qr' },
    { filename: 'badge.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n'), contentType: 'application/pdf' },
  ],
  messageRef: 'msg-1',
});

const transportTo = (url: string) => new MailTransport(testConfig('postgres://unused/db', { env: { SMTP_URL: url } }));

describe('MailTransport, through a real SMTP server', () => {
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
    transport = transportTo(smtp.url);
  });
  afterAll(async () => {
    await transport.onModuleDestroy();
    await smtp.stop();
  });

  it('closes once the send under way is done, and refuses later ones as temporary', async () => {
    const closing = transportTo(smtp.url);
    const before = smtp.received.length;
    const sending = closing.send(ticket('late@example.ma'));
    await closing.onModuleDestroy();
    await expect(sending).resolves.toMatchObject({ messageId: expect.any(String) });
    await smtp.waitFor(before + 1);
    await expect(closing.send(ticket('later@example.ma'))).rejects.toMatchObject({ name: 'MailDeliveryError', temporary: true });
  });

  it('delivers a message with its language, an inline image and an attachment, in any script', async () => {
    const before = smtp.received.length;
    const { messageId } = await transport.send(ticket('fatima@example.ma'));
    await smtp.waitFor(before + 1);
    const { mail, envelopeTo } = smtp.received[before];
    expect(envelopeTo).toEqual(['fatima@example.ma']);
    expect(mail.messageId).toBe(messageId);
    expect(mail.subject).toBe('تذكرتك إلى الصالون الدولي لمراكز الاتصال');
    expect(mail.to && !Array.isArray(mail.to) && mail.to.value[0]).toEqual({ name: 'فاطمة الزهراء بنعبد الله', address: 'fatima@example.ma' });
    expect(mail.headers.get('content-language')).toBe('ar');
    expect(mail.headers.get('x-fairops-message')).toBe('msg-1');
    expect(mail.html).toContain('dir="rtl"');
    expect(mail.text?.trim()).toBe('مرحبا');
    const inline = mail.attachments.find((a) => a.cid === 'qr');
    expect(inline?.content.equals(PIXEL)).toBe(true);
    expect(mail.attachments.find((a) => a.filename === 'badge.pdf')?.contentType).toBe('application/pdf');
  });

  it('says a 4xx reply is temporary and a 5xx reply is permanent', async () => {
    smtp.plan.push({ code: 451, message: 'try again later' }, { code: 550, message: 'mailbox unavailable' });
    const temporary = await transport.send(ticket('a@example.ma')).catch((e: unknown) => e);
    expect(temporary).toBeInstanceOf(MailDeliveryError);
    expect(temporary).toMatchObject({ temporary: true, responseCode: 451 });
    const permanent = await transport.send(ticket('b@example.ma')).catch((e: unknown) => e);
    expect(permanent).toMatchObject({ temporary: false, responseCode: 550 });
    expect((permanent as Error).message).toContain('mailbox unavailable');
  });

  it('says a server that cannot be reached is temporary', async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const down = transportTo(`smtp://127.0.0.1:${closed}`);
    const error = await down.send(ticket('c@example.ma')).catch((e: unknown) => e);
    down.onModuleDestroy();
    expect(error).toMatchObject({ temporary: true, responseCode: undefined });
  });
});

describe('LocalMailbox (npm start without SMTP_URL)', () => {
  let mailbox: LocalMailbox;
  let transport: MailTransport;
  let page: ReturnType<typeof createServer>;
  let pageUrl: string;
  beforeAll(async () => {
    mailbox = new LocalMailbox(0);
    await mailbox.start();
    transport = transportTo(`smtp://127.0.0.1:${mailbox.smtpPort}`);
    page = createServer((req, res) => void mailbox.handle(req, res)).listen(0, '127.0.0.1');
    await new Promise((r) => page.once('listening', r));
    pageUrl = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    transport.onModuleDestroy();
    await mailbox.stop();
    page.close();
  });

  const fetchText = (path: string) =>
    new Promise<{ status: number; type: string; body: string }>((resolve, reject) =>
      get(pageUrl + path, (res) => {
        let body = '';
        res.setEncoding('utf8').on('data', (c: string) => (body += c)).on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), body }));
      }).on('error', reject),
    );

  it('keeps what is sent to it and shows it on its page: the list, the message with its inline image, the source', async () => {
    await transport.send(ticket('visiteur1@example.ma'));
    expect(mailbox.size).toBe(1);
    const list = await fetchText('');
    expect(list.status).toBe(200);
    expect(list.body).toContain('visiteur1@example.ma');
    expect(list.body).toContain('تذكرتك إلى الصالون الدولي لمراكز الاتصال');
    const id = /href="\/mailbox\/(\d+)"/.exec(list.body)![1];
    const message = await fetchText(`/${id}`);
    expect(message.body).toContain('<iframe sandbox');
    expect(message.body).toContain('data:image/png;base64,');
    expect(message.body).toContain('badge.pdf');
    const source = await fetchText(`/${id}.eml`);
    expect(source.type).toBe('message/rfc822');
    expect(source.body).toMatch(/^X-FairOps-Message: msg-1$/im);
    expect((await fetchText('/999')).status).toBe(404);
  });

  it('answers 404 to anyone beyond this machine', async () => {
    const answer: { status?: number; body?: string } = {};
    const res = { setHeader: () => undefined, end: (body: string) => (answer.body = body), set statusCode(s: number) { answer.status = s; } };
    await mailbox.handle({ url: '/', socket: { remoteAddress: '192.0.2.10' } } as never, res as never);
    expect(answer).toEqual({ status: 404, body: 'Not Found' });
  });
});
