import { Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One message the local mailbox received, kept as it came (parsed when shown). */
interface Received {
  id: number;
  receivedAt: Date;
  from: string;
  to: string[];
  raw: Buffer;
}

const KEEP = 500;
const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The mailbox of `npm start` without SMTP_URL: an SMTP server on the loopback that keeps the last 500
 * messages in memory, and a page (/mailbox) where a person reads them as a mail client would show them.
 * It accepts mail for any address and sends nothing on. Only this machine reaches either.
 */
export class LocalMailbox {
  private readonly logger = new Logger(LocalMailbox.name);
  private readonly messages: Received[] = [];
  private nextId = 1;
  private server?: SMTPServer;

  /** `port` 0 takes any free port: `smtpPort` says which. */
  constructor(private readonly port: number) {}

  /** The port the SMTP server listens on. */
  get smtpPort(): number {
    const address = this.server?.server.address();
    return typeof address === 'object' && address ? address.port : this.port;
  }

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      banner: 'FairOps local mailbox',
      size: 25 * 1024 * 1024,
      onData: (stream, session, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          this.keep({
            id: this.nextId++,
            receivedAt: new Date(),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks),
          });
          done();
        });
      },
    });
    this.server.on('error', (error) => this.logger.warn({ err: error }, 'local mailbox: SMTP error'));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.port, '127.0.0.1', () => resolve());
    });
  }

  async stop(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** How many messages it holds. */
  get size(): number {
    return this.messages.length;
  }

  private keep(message: Received): void {
    this.messages.unshift(message);
    this.messages.length = Math.min(this.messages.length, KEEP);
  }

  /**
   * The page, mounted at /mailbox: the list, one message (`/mailbox/<id>`), its source
   * (`/mailbox/<id>.eml`). Requests from beyond this machine get 404, as if there were no mailbox.
   */
  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) return send(res, 404, 'text/plain', 'Not Found');
    const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
    const match = /^\/(\d+)(\.eml)?$/.exec(path);
    if (path === '') return send(res, 200, 'text/html', this.listPage());
    const message = match ? this.messages.find((m) => m.id === Number(match[1])) : undefined;
    if (!message) return send(res, 404, 'text/html', page('Not found', '<p>No such message. <a href="/mailbox">Back to the mailbox</a></p>'));
    if (match![2]) return send(res, 200, 'message/rfc822', message.raw, `attachment; filename="message-${message.id}.eml"`);
    return send(res, 200, 'text/html', messagePage(message, await simpleParser(message.raw)));
  };

  private listPage(): string {
    const rows = this.messages.map(
      (m) => `<tr><td>${m.receivedAt.toISOString().slice(0, 19).replace('T', ' ')}</td><td>${escapeHtml(m.to.join(', '))}</td>
        <td><a href="/mailbox/${m.id}">${escapeHtml(subjectOf(m.raw))}</a></td></tr>`,
    );
    const body = rows.length
      ? `<table><thead><tr><th>Received (UTC)</th><th>To</th><th>Subject</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
      : '<p>No message yet. Register a visitor and the e-ticket appears here.</p>';
    return page('Local mailbox', `<p>Every message FairOps sent since it started (the last ${KEEP}), newest first. Nothing leaves this machine.</p>${body}`);
  }
}

/** The Subject header, decoded enough for the list (the message page shows it fully decoded). */
function subjectOf(raw: Buffer): string {
  const head = raw.subarray(0, 8192).toString('utf8').split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const line = /^Subject: (.*)$/im.exec(head)?.[1] ?? '(no subject)';
  return line.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_, enc: string, text: string) =>
    enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64').toString('utf8') : decodeQ(text),
  );
}

function decodeQ(text: string): string {
  const bytes = text.replace(/_/g, ' ').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function messagePage(message: Received, mail: ParsedMail): string {
  // Inline images (cid:) become data: URLs so the page shows them; the HTML runs in a sandbox without scripts.
  let html = typeof mail.html === 'string' ? mail.html : '';
  for (const a of mail.attachments.filter((x) => x.cid)) {
    html = html.split(`cid:${a.cid}`).join(`data:${a.contentType};base64,${a.content.toString('base64')}`);
  }
  const files = mail.attachments
    .filter((a) => !a.cid || a.contentDisposition === 'attachment')
    .map((a) => `<li>${escapeHtml(a.filename ?? 'unnamed')} (${escapeHtml(a.contentType)}, ${a.size} bytes)</li>`);
  const header = `<dl>
    <dt>From</dt><dd>${escapeHtml(mail.from?.text ?? message.from)}</dd>
    <dt>To</dt><dd>${escapeHtml(message.to.join(', '))}</dd>
    <dt>Subject</dt><dd>${escapeHtml(mail.subject ?? '')}</dd>
    <dt>Language</dt><dd>${escapeHtml(String(mail.headers.get('content-language') ?? ''))}</dd>
    <dt>Attachments</dt><dd>${files.length ? `<ul>${files.join('')}</ul>` : 'none'}</dd></dl>
    <p><a href="/mailbox">Back to the mailbox</a> · <a href="/mailbox/${message.id}.eml">Source (.eml)</a></p>`;
  const body = html
    ? `<iframe sandbox title="message" srcdoc="${escapeHtml(html)}"></iframe>`
    : `<pre>${escapeHtml(mail.text ?? '')}</pre>`;
  return page(mail.subject ?? 'Message', header + body);
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)} · FairOps mailbox</title>
<style>body{font:15px/1.4 system-ui,sans-serif;margin:2rem;max-width:70rem}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #ddd;padding:.4rem;text-align:start}dt{font-weight:600}dd{margin:0 0 .4rem}
iframe{width:100%;height:70vh;border:1px solid #ccc}</style></head>
<body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, disposition?: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type.startsWith('text/') ? `${type}; charset=utf-8` : type);
  // The page is ours alone: no script anywhere, images only inline.
  res.setHeader('Content-Security-Policy', "default-src 'none'; img-src data:; style-src 'unsafe-inline'; frame-src 'self'");
  res.setHeader('Cache-Control', 'no-store');
  if (disposition) res.setHeader('Content-Disposition', disposition);
  res.end(body);
}
