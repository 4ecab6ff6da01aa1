/**
 * `npm run bench -- mail`: e-tickets per second through the whole path to a local SMTP server (smtp-server,
 * in this process): attendees created by the back office with their tickets queued in the same transaction
 * (`messages` rows and their outbox jobs), the outbox relay, the `mail` queue (BullMQ on Redis when
 * BENCH_REDIS_URL or TEST_REDIS_URL is set, else on PostgreSQL), the worker's mail processor composing
 * each ticket (signed code, QR, badge PDF, .ics), rendering it and sending it with the pooled transport,
 * until every row is recorded `sent`. The baseline, in the same run: the same messages, composed and
 * rendered beforehand by the same code, sent by one nodemailer transport in a plain `await` loop. The
 * rendering is timed apart, so both ratios print: against the bare send loop (the goal's figure) and
 * against render-then-send in one loop; and the send loop again with TCP_NODELAY on the client socket.
 */
import { randomUUID } from 'node:crypto';
import { Socket, connect } from 'node:net';
import { INestApplicationContext } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import { Client } from 'pg';
import { APP_CONFIG, AppConfig, inTransaction } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { AttendeesService } from '@fairops/attendees';
import { MessageComposers, MessagesRepository, renderMessage } from '@fairops/messages';
import { DataSource } from 'typeorm';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { SmtpSink } from '../faults/smtp-sink';
import { benchContext, benchDatabase } from './bench-database';

const TICKETS = 300;
const WARM_UP = 20;
const RUNS = 3;
const FAIR_DAY = '2027-04-16';
const NAMES = [['Aïcha', 'Benali'], ['محمد', 'العلوي'], ['Hélène', 'Dupont'], ['Jean-Noël', 'El Amrani']];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let editions = 0;

async function newEdition(app: INestApplicationContext, label: string): Promise<string> {
  editions++;
  const edition = await app.get(EditionsService).create(
    { slug: `bench-mail-${label}-${Date.now()}`, name: 'SICCAM', editionNumber: 15 + editions, venue: 'Parc Oujda Shore', city: 'Oujda', country: 'MA', timeZone: 'Africa/Casablanca', days: [{ date: FAIR_DAY, opensAt: '09:00', closesAt: '18:00' }] },
    null,
  );
  return edition.id;
}

/** Creates `n` visitors with an email (back office: their tickets are queued) and waits until every ticket is `sent`: seconds. */
async function throughPath(app: INestApplicationContext, pg: Client, label: string, n: number): Promise<{ seconds: number; editionId: string }> {
  const editionId = await newEdition(app, label);
  const inputs = Array.from({ length: n }, (_, i) => ({ category: 'visitor' as const, firstName: NAMES[i % NAMES.length][0], lastName: `${NAMES[i % NAMES.length][1]} ${i}`, email: `${label}-${i}@bench.example` }));
  const started = process.hrtime.bigint();
  await inTransaction(app.get(DataSource), (m) => app.get(AttendeesService).createMany(m, { editionId, inputs, by: null, source: 'back_office' }));
  for (let waited = 0; ; waited += 10) {
    const { sent, failed } = (await pg.query(`SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status = 'failed')::int AS failed FROM messages WHERE edition_id = $1`, [editionId])).rows[0];
    if (failed > 0) throw new Error(`${failed} ticket(s) failed`);
    if (sent === n) break;
    if (waited > 300_000) throw new Error(`only ${sent}/${n} tickets sent after 5 minutes`);
    await sleep(10);
  }
  return { seconds: seconds(started), editionId };
}

/** The edition's messages composed and rendered as the sender does, into nodemailer's message options. */
async function rendered(app: INestApplicationContext, pg: Client, editionId: string) {
  const repository = app.get(MessagesRepository);
  const composers = app.get(MessageComposers);
  const from = app.get<AppConfig>(APP_CONFIG).mail.from;
  const ids = (await pg.query(`SELECT id::text FROM messages WHERE edition_id = $1 ORDER BY created_at`, [editionId])).rows.map((r) => r.id as string);
  const mails = [];
  for (const id of ids) {
    const message = (await repository.find(id))!;
    const composed = (await composers.get(message.template).compose(message))!;
    const r = renderMessage(composed.data, { edition: composed.edition, recipientName: message.recipientName, language: message.language });
    mails.push({
      from,
      to: { name: message.recipientName, address: message.recipientEmail },
      subject: r.subject,
      html: r.html,
      text: r.text,
      attachments: composed.attachments,
      headers: { 'Content-Language': message.language, 'X-FairOps-Message': message.id },
    });
  }
  return mails;
}

/**
 * nodemailer's own socket leaves Nagle's algorithm on: on Linux a client's small writes then wait for the
 * server's delayed ACK (40 ms) at each message. This one turns it off (TCP_NODELAY), to show that floor.
 */
function noDelaySocket(options: { host?: string; port?: number }, callback: (error: Error | null, socket?: { connection: Socket }) => void): void {
  const socket = connect({ host: options.host, port: Number(options.port) }, () => {
    socket.off('error', callback);
    callback(null, { connection: socket });
  });
  socket.setNoDelay(true);
  socket.once('error', callback);
}

/** The baseline: one nodemailer transport (the sender's options), the rendered messages sent in a plain loop. */
async function plainLoop(url: string, mails: Awaited<ReturnType<typeof rendered>>, noDelay = false): Promise<number> {
  const u = new URL(url);
  const transport = createTransport({ pool: true, maxConnections: 2, host: u.hostname, port: Number(u.port), secure: false, ...(noDelay ? { getSocket: noDelaySocket } : {}) });
  const started = process.hrtime.bigint();
  for (const mail of mails) await transport.sendMail(mail);
  const took = seconds(started);
  transport.close();
  return took;
}

export async function mailBench(): Promise<void> {
  const db = await benchDatabase();
  const smtp = await new SmtpSink().start();
  const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL;
  const backend: Record<string, string> = redisUrl ? { REDIS_URL: redisUrl, REDIS_PREFIX: `bench-mail-${randomUUID().slice(0, 8)}` } : {};
  const app = await benchContext(db.url, [WorkerModule], { SMTP_URL: smtp.url, MAIL_PER_SECOND: '1000', ...backend });
  const config = app.get<AppConfig>(APP_CONFIG);
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  try {
    await throughPath(app, pg, 'warm', WARM_UP);
    const paths: number[] = [];
    const loops: number[] = [];
    const renders: number[] = [];
    const noDelayLoops: number[] = [];
    let bytes = 0;
    for (let run = 0; run < RUNS; run++) {
      const before = smtp.arrivals.length;
      const path = await throughPath(app, pg, `run${run}`, TICKETS);
      paths.push(path.seconds);
      const renderStarted = process.hrtime.bigint();
      const mails = await rendered(app, pg, path.editionId);
      renders.push(seconds(renderStarted));
      loops.push(await plainLoop(smtp.url, mails));
      noDelayLoops.push(await plainLoop(smtp.url, mails, true));
      const arrived = smtp.arrivals.slice(before);
      if (arrived.length !== 3 * TICKETS) throw new Error(`${arrived.length} mails arrived for 3 × ${TICKETS}`);
      bytes = arrived.reduce((sum, a) => sum + a.bytes, 0) / arrived.length;
    }
    const rate = (s: number) => `${(TICKETS / s).toFixed(1)} tickets/s`;
    const ms = (s: number) => `${Math.round(s * 1000)} ms`;
    const [path, loop, render, noDelay] = [median(paths), median(loops), median(renders), median(noDelayLoops)];
    process.stdout.write(`bench mail: ${TICKETS} e-tickets (inline QR, badge PDF, .ics; ${Math.round(bytes / 1024)} KB each), median of ${RUNS} runs, after ${WARM_UP} to warm up\n`);
    process.stdout.write(`  job backend ${redisUrl ? 'Redis' : 'PostgreSQL'}; worker concurrency ${config.workerConcurrency}, MAIL_PER_SECOND ${config.mail.perSecond}; smtp-server in this process\n`);
    process.stdout.write(`  whole path (create + queue in one transaction, outbox, job, compose, render, SMTP, recorded sent): ${rate(path)}  [${paths.map(ms).join(', ')}]\n`);
    process.stdout.write(`  nodemailer plain loop, same messages rendered beforehand (render not timed): ${rate(loop)}  [${loops.map(ms).join(', ')}]\n`);
    process.stdout.write(`  the same loop with TCP_NODELAY on nodemailer's socket (no 40 ms delayed-ACK wait a message): ${rate(noDelay)}  [${noDelayLoops.map(ms).join(', ')}]\n`);
    process.stdout.write(`  composing and rendering them, one by one: ${ms(render)} (${Math.round((1000 * render) / TICKETS)} ms a ticket); render then send in one loop: ${rate(render + loop)}\n`);
    process.stdout.write(`  ratio path / plain send loop: ${(loop / path).toFixed(2)} (goal ≥ 0.50)\n`);
    process.stdout.write(`  ratio path / render-then-send loop: ${((render + loop) / path).toFixed(2)}; path / TCP_NODELAY send loop: ${(noDelay / path).toFixed(2)}\n`);
  } finally {
    await pg.end();
    await app.close();
    await smtp.stop();
    await db.close();
  }
}
