import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** What the test server says to the next messages: accept, or refuse with a reply code. */
export type SmtpReply = 'accept' | { code: number; message: string };

/**
 * A real SMTP server for a test (smtp-server, the SMTP protocol end to end, no stub transport): it keeps
 * every accepted message, parsed by mailparser, and can be told to refuse the next ones with a code.
 */
export class TestSmtpServer {
  readonly received: Array<{ envelopeTo: string[]; raw: Buffer; mail: ParsedMail }> = [];
  /** Replies for the next DATA commands, used up in order; then `accept`. */
  readonly plan: SmtpReply[] = [];
  private server!: SMTPServer;
  private waiters: Array<() => void> = [];
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData: (stream, session, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', async () => {
          const reply = this.plan.shift() ?? 'accept';
          if (reply !== 'accept') return done(Object.assign(new Error(reply.message), { responseCode: reply.code }));
          const raw = Buffer.concat(chunks);
          this.received.push({ envelopeTo: session.envelope.rcptTo.map((r) => r.address), raw, mail: await simpleParser(raw) });
          this.waiters.splice(0).forEach((wake) => wake());
          done();
        });
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Resolves once `count` messages have arrived in all, or rejects after `timeoutMs`. */
  async waitFor(count: number, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} message(s), got ${this.received.length}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
