import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One accepted message: its envelope recipients and FairOps' own message id (the X-FairOps-Message header). */
export interface Arrival {
  to: string[];
  ref: string | null;
  bytes: number;
}

/**
 * A real SMTP server (smtp-server, the protocol end to end) that keeps what it accepts, for the fault suite
 * and the mail bench: it can stop listening (connections refused), refuse every connection with a reply
 * code (e.g. 421 at the greeting) and come back on the same port. It reads only the headers it counts by.
 */
export class SmtpSink {
  readonly arrivals: Arrival[] = [];
  /** A reply code every new connection is refused with; undefined: accept. */
  refuseWith: number | undefined;
  /** Connections refused with `refuseWith`. */
  refused = 0;
  private server?: SMTPServer;

  constructor(public port = 0) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      size: 50 * 1024 * 1024,
      onConnect: (_session, done) => {
        if (!this.refuseWith) return done();
        this.refused++;
        done(Object.assign(new Error('Service not available, try again later'), { responseCode: this.refuseWith }));
      },
      onData: (stream, session, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks);
          const head = raw.subarray(0, Math.max(0, raw.indexOf('\r\n\r\n'))).toString('latin1');
          const ref = /^X-FairOps-Message:\s*(\S+)/im.exec(head)?.[1] ?? null;
          this.arrivals.push({ to: session.envelope.rcptTo.map((r) => r.address), ref, bytes: raw.length });
          done();
        });
      },
    });
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    return this;
  }

  /** Stops listening and closes the connections open: clients are refused until `start` again. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closing = new Promise<void>((resolve) => server.close(() => resolve()));
    // smtp-server's close waits for idle pooled connections to end: end them.
    for (const connection of (server as unknown as { connections: Set<{ close(): void }> }).connections ?? []) connection.close();
    await closing;
  }

  /** How many arrivals per key (by `ref`, else by recipient) came more than once. */
  duplicates(by: (a: Arrival) => string = (a) => a.ref ?? a.to.join(',')): number {
    const seen = new Map<string, number>();
    for (const a of this.arrivals) seen.set(by(a), (seen.get(by(a)) ?? 0) + 1);
    return [...seen.values()].filter((n) => n > 1).length;
  }
}
