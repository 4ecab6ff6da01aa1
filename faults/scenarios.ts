import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgres, createScratchDatabase } from '@fairops/core';
import { SmtpSink } from './smtp-sink';
import { Answer, Outcome, OwnRedis, call, env, freePort, login, pool, seedFair, sleep, startProcess, untilReady } from './support';

export interface Settings {
  adminUrl: string;
  redisUrl: string;
  short: boolean;
  dataDir: string;
}

const scanBody = (code: string, nonce: string, editionId: string, deskId = 'desk-fault') => ({ code, deskId, nonce, editionId });

/** Counts what the database holds against what the clients were told. */
async function checkScans(url: string, answers: Map<string, { attendee: number; answer: Answer }>): Promise<{ lost: number; duplicated: number; acknowledged: number; refusedRecorded: boolean }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const rows = (await c.query(`SELECT nonce, result, attendee_id FROM scans`)).rows as Array<{ nonce: string; result: string; attendee_id: string | null }>;
    const byNonce = new Map(rows.map((r) => [r.nonce, r]));
    let lost = 0;
    let acknowledged = 0;
    let refusedRecorded = true;
    for (const [nonce, { answer }] of answers) {
      if (answer.status !== 200) continue;
      acknowledged++;
      const row = byNonce.get(nonce);
      if (!row || row.result !== answer.body?.result) {
        lost++;
        if (answer.body?.result !== 'ok') refusedRecorded = false;
      }
    }
    const dup = (await c.query(`SELECT count(*)::int AS n FROM (SELECT attendee_id, day FROM checkins GROUP BY 1, 2 HAVING count(*) > 1) x`)).rows[0].n as number;
    const okPerAttendee = (await c.query(`SELECT count(*)::int AS n FROM (SELECT attendee_id FROM scans WHERE result = 'ok' GROUP BY 1 HAVING count(*) > 1) x`)).rows[0].n as number;
    const missingCheckin = (await c.query(`SELECT count(*)::int AS n FROM scans s WHERE s.result = 'ok' AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.attendee_id = s.attendee_id)`)).rows[0].n as number;
    return { lost: lost + missingCheckin, duplicated: dup + okPerAttendee, acknowledged, refusedRecorded };
  } finally {
    await c.end();
  }
}

/** 1. Two API and two worker processes: scans spread over both APIs, duplicate badges and client retries. */
export async function twoApisTwoWorkers(s: Settings): Promise<Outcome> {
  const total = s.short ? 2000 : 10000;
  const db = await createScratchDatabase(s.adminUrl, 'fairops_fault');
  const fair = await seedFair(db.url, total);
  const prefix = `fault${Date.now().toString(36)}`;
  const e = env(db.url, fair, { REDIS_URL: s.redisUrl, REDIS_PREFIX: prefix });
  const [p1, p2] = [await freePort(), await freePort()];
  const procs = [startProcess('api', e, p1), startProcess('api', e, p2), startProcess('worker', e, await freePort()), startProcess('worker', e, await freePort())];
  try {
    await Promise.all(procs.slice(0, 2).map((p) => untilReady(p)));
    const token = await login(p1, 'desk@faults.test');
    // 80 % first scans of distinct badges, 20 % scans of a badge already scanned (with a new nonce).
    let unique = 0;
    const plan = Array.from({ length: total }, (_, i) => (i % 5 === 4 ? Math.max(0, unique - 1 - (i % 7)) : unique++));
    const answers = new Map<string, { attendee: number; answer: Answer }>();
    let serverErrors = 0;
    let retriesDiffer = 0;
    let attempted = 0;
    await pool(plan, 32, async (attendee, i) => {
      const nonce = randomUUID();
      const port = i % 2 ? p2 : p1;
      const first = await call(port, 'POST', '/api/v1/checkin/scans', token, scanBody(fair.codes[attendee], nonce, fair.editionId));
      attempted++;
      if (first.status >= 500) serverErrors++;
      answers.set(nonce, { attendee, answer: first });
      if (i % 10 === 3) {
        // A client retry of the same request, on the other API.
        const retry = await call(port === p1 ? p2 : p1, 'POST', '/api/v1/checkin/scans', token, scanBody(fair.codes[attendee], nonce, fair.editionId));
        attempted++;
        if (retry.status >= 500) serverErrors++;
        if (JSON.stringify(retry.body) !== JSON.stringify(first.body)) retriesDiffer++;
      }
    });
    const check = await checkScans(db.url, answers);
    const admin = await login(p2, 'admin@faults.test');
    const stats = await call(p1, 'GET', `/api/v1/checkin/stats?editionId=${fair.editionId}`, admin);
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const rows = (await c.query(`SELECT count(*)::int AS n FROM checkins`)).rows[0].n;
    await c.end();
    const figuresMatch = stats.body?.checkedIn === rows;
    return {
      attempted,
      acknowledged: check.acknowledged,
      lost: check.lost,
      duplicated: check.duplicated + retriesDiffer,
      serverErrors,
      notes: `${rows} check-ins; live figures ${figuresMatch ? 'match' : `DIFFER (${stats.body?.checkedIn})`}; refused scans ${check.refusedRecorded ? 'all recorded' : 'NOT all recorded'}; retries answered alike${retriesDiffer ? ` except ${retriesDiffer}` : ''}`,
    };
  } finally {
    for (const p of procs) p.child.kill('SIGKILL');
    await db.drop();
  }
}

/** 2. A worker killed with SIGKILL in the middle of a 500-badge bulk print: the other one finishes it. */
export async function workerKilledMidPrint(s: Settings): Promise<Outcome> {
  const db = await createScratchDatabase(s.adminUrl, 'fairops_fault');
  const fair = await seedFair(db.url, 500);
  const e = env(db.url, fair, { REDIS_URL: s.redisUrl, REDIS_PREFIX: `fault${Date.now().toString(36)}`, WORKER_LOCK_MS: '4000' });
  const apiPort = await freePort();
  const api = startProcess('api', e, apiPort);
  const first = startProcess('worker', e, await freePort());
  let second: ReturnType<typeof startProcess> | undefined;
  try {
    await untilReady(api);
    const admin = await login(apiPort, 'admin@faults.test');
    const accepted = await call(apiPort, 'POST', '/api/v1/badges/bulk-jobs', admin, { editionId: fair.editionId, selection: 'visitors', sort: 'name' });
    if (accepted.status !== 202) throw new Error(`bulk job refused: ${accepted.status} ${JSON.stringify(accepted.body)}`);
    const id = accepted.body!.id as string;
    let killedAt = -1;
    for (let i = 0; i < 600 && killedAt < 0; i++) {
      const job = await call(apiPort, 'GET', `/api/v1/badges/print-jobs/${id}`, admin);
      const done = (job.body?.progress as { done: number } | undefined)?.done ?? 0;
      if (job.body?.status === 'rendering' && done >= 25) {
        second = startProcess('worker', e, await freePort());
        first.child.kill('SIGKILL');
        killedAt = done;
      }
      await sleep(20);
    }
    if (killedAt < 0) throw new Error('the render finished before the worker could be killed');
    let final: Answer = { status: 0, body: null };
    for (let i = 0; i < 120; i++) {
      final = await call(apiPort, 'GET', `/api/v1/badges/print-jobs/${id}`, admin);
      if (['ready', 'failed'].includes(final.body?.status as string)) break;
      await sleep(500);
    }
    const c = new Client({ connectionString: db.url });
    await c.connect();
    const perVersion = (await c.query(`SELECT count(*)::int AS n FROM (SELECT attendee_id, badge_version FROM badge_print_items GROUP BY 1, 2 HAVING count(*) > 1) x`)).rows[0].n as number;
    const files = (await c.query(`SELECT count(*)::int AS n FROM badge_print_jobs WHERE file IS NOT NULL`)).rows[0].n as number;
    const stuck = (await c.query(`SELECT count(*)::int AS n FROM badge_print_jobs WHERE status IN ('queued', 'rendering')`)).rows[0].n as number;
    await c.end();
    const ready = final.body?.status === 'ready' && (final.body?.progress as { done: number }).done === 500;
    return {
      attempted: 500,
      acknowledged: 500,
      lost: ready ? 0 : 500,
      duplicated: perVersion + Math.max(0, files - 1),
      serverErrors: 0,
      notes: `worker killed at ${killedAt}/500; the other finished: ${final.body?.status}; files ${files}; jobs stuck ${stuck}`,
    };
  } finally {
    for (const p of [api, first, second]) p?.child.kill('SIGKILL');
    await db.drop();
  }
}

/** 3. Redis stopped while registrations, imports and print requests come in: the outbox keeps them. */
export async function redisStopped(s: Settings): Promise<Outcome> {
  const redis = new OwnRedis(await freePort());
  await redis.start();
  const db = await createScratchDatabase(s.adminUrl, 'fairops_fault');
  const fair = await seedFair(db.url, 200);
  const e = env(db.url, fair, { REDIS_URL: redis.url });
  const apiPort = await freePort();
  const api = startProcess('api', e, apiPort);
  const worker = startProcess('worker', e, await freePort());
  const downSeconds = s.short ? 10 : 30;
  let serverErrors = 0;
  let attempted = 0;
  const registered: string[] = [];
  const imports: string[] = [];
  const prints: string[] = [];
  let readsOk = 0;
  try {
    await untilReady(api);
    const admin = await login(apiPort, 'admin@faults.test');
    const desk = await login(apiPort, 'desk@faults.test');
    await redis.stop();
    const until = Date.now() + downSeconds * 1000;
    let i = 0;
    while (Date.now() < until) {
      i++;
      const reg = await call(apiPort, 'POST', '/api/v1/registrations', null, { editionId: fair.editionId, firstName: 'Visiteuse', lastName: `R${i}`, email: `r${i}@faults.test` });
      const csv = `ref,name,country,sector\nFAULT-${i},Exposant ${i},MA,other\n`;
      const form = new FormData();
      form.append('editionId', fair.editionId);
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'exposants.csv');
      const imp = await fetch(`http://127.0.0.1:${apiPort}/api/v1/exhibitors/imports`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: form }).then(
        async (r) => ({ status: r.status, body: (await r.json().catch(() => null)) as Record<string, unknown> | null }),
        () => ({ status: 0, body: null }),
      );
      const print = await call(apiPort, 'POST', '/api/v1/badges/print-jobs', desk, { editionId: fair.editionId, attendeeIds: [fair.attendeeIds[i % 200]], reprintReason: 'fault suite' });
      const read = await call(apiPort, 'GET', `/api/v1/attendees?editionId=${fair.editionId}&limit=5`, desk);
      const scan = await call(apiPort, 'POST', '/api/v1/checkin/scans', desk, scanBody(fair.codes[i % 200], randomUUID(), fair.editionId));
      attempted += 5;
      for (const a of [reg, imp, print, read, scan]) if (a.status >= 500) serverErrors++;
      // A registration answers 202 with nothing to identify it (it never reveals a known address): its email does.
      if (reg.status === 202) registered.push(`r${i}@faults.test`);
      if (imp.status === 202) imports.push(imp.body!.id as string);
      if (print.status === 202) prints.push(print.body!.id as string);
      if (read.status === 200 && scan.status === 200) readsOk++;
      await sleep(150);
    }
    await redis.start();
    // Everything requested meanwhile runs once Redis is back.
    const deadline = Date.now() + 90_000;
    let pending = Infinity;
    const c = new Client({ connectionString: db.url });
    await c.connect();
    while (Date.now() < deadline && pending > 0) {
      const r = await c.query(
        `SELECT (SELECT count(*) FROM csv_imports WHERE status NOT IN ('completed', 'failed'))
              + (SELECT count(*) FROM badge_print_jobs WHERE status NOT IN ('ready', 'failed'))
              + (SELECT count(*) FROM outbox WHERE relayed_at IS NULL) AS n`,
      );
      pending = Number(r.rows[0].n);
      if (pending > 0) await sleep(500);
    }
    const lostRegistrations = (await c.query(`SELECT count(*)::int AS n FROM unnest($1::text[]) e WHERE NOT EXISTS (SELECT 1 FROM attendees a WHERE a.email = e)`, [registered])).rows[0].n as number;
    const failedImports = (await c.query(`SELECT count(*)::int AS n FROM csv_imports WHERE id = ANY($1) AND (status <> 'completed' OR created <> 1)`, [imports])).rows[0].n as number;
    const exhibitorDupes = (await c.query(`SELECT count(*)::int AS n FROM (SELECT ref FROM exhibitors GROUP BY ref HAVING count(*) > 1) x`)).rows[0].n as number;
    const unreadyPrints = (await c.query(`SELECT count(*)::int AS n FROM badge_print_jobs WHERE id = ANY($1) AND status <> 'ready'`, [prints])).rows[0].n as number;
    await c.end();
    return {
      attempted,
      acknowledged: registered.length + imports.length + prints.length,
      lost: lostRegistrations + failedImports + unreadyPrints,
      duplicated: exhibitorDupes,
      serverErrors,
      notes: `Redis down ${downSeconds} s; ${registered.length} registrations, ${imports.length} imports, ${prints.length} print jobs accepted meanwhile; reads and scans served ${readsOk}/${attempted / 5}; ${pending === 0 ? 'all ran after' : `${pending} still pending`}`,
    };
  } finally {
    api.child.kill('SIGKILL');
    worker.child.kill('SIGKILL');
    await redis.stop();
    await db.drop();
  }
}

/** 4. PostgreSQL restarted during a scan load (embedded, with the PostgreSQL job backend): 503 meanwhile, then exactly once. */
export async function postgresRestarted(s: Settings): Promise<Outcome> {
  const pg = new EmbeddedPostgres({ dataDir: join(s.dataDir, 'faults-postgres'), port: await freePort() });
  await pg.start();
  const db = await createScratchDatabase(pg.url, 'fairops_fault');
  const fair = await seedFair(db.url, 3000);
  const e = env(db.url, fair);
  const apiPort = await freePort();
  const api = startProcess('api', e, apiPort);
  const worker = startProcess('worker', e, await freePort());
  const total = s.short ? 1000 : 3000;
  const answers = new Map<string, { attendee: number; answer: Answer }>();
  let unavailable = 0;
  let serverErrors = 0;
  let attempted = 0;
  try {
    await untilReady(api);
    const desk = await login(apiPort, 'desk@faults.test');
    const restart = (async () => {
      await sleep(1500);
      await pg.stop();
      await sleep(4000);
      await pg.start();
    })();
    await pool(Array.from({ length: total }, (_, i) => i), 16, async (i) => {
      const nonce = randomUUID();
      // A desk retries with the same nonce until it gets an answer.
      for (let attempt = 0; attempt < 200; attempt++) {
        const a = await call(apiPort, 'POST', '/api/v1/checkin/scans', desk, scanBody(fair.codes[i], nonce, fair.editionId), 5000);
        attempted++;
        if (a.status === 503) unavailable++;
        else if (a.status >= 500) serverErrors++;
        if (a.status === 200) {
          answers.set(nonce, { attendee: i, answer: a });
          return;
        }
        await sleep(100);
      }
    });
    await restart;
    const check = await checkScans(db.url, answers);
    return {
      attempted,
      acknowledged: check.acknowledged,
      lost: check.lost + (total - answers.size),
      duplicated: check.duplicated,
      serverErrors,
      notes: `${unavailable} answers 503 while PostgreSQL was down; every desk got its answer on retry`,
    };
  } finally {
    api.child.kill('SIGKILL');
    worker.child.kill('SIGKILL');
    await db.drop().catch(() => undefined);
    await pg.stop();
  }
}

/** 5. SIGTERM to an API process under load: accepted requests complete; the process exits 0. */
export async function apiTerminated(s: Settings): Promise<Outcome> {
  const db = await createScratchDatabase(s.adminUrl, 'fairops_fault');
  const fair = await seedFair(db.url, 3000);
  const e = env(db.url, fair, { REDIS_URL: s.redisUrl, REDIS_PREFIX: `fault${Date.now().toString(36)}` });
  const port = await freePort();
  const api = startProcess('api', e, port);
  try {
    await untilReady(api);
    const desk = await login(port, 'desk@faults.test');
    const answers = new Map<string, { attendee: number; answer: Answer }>();
    let serverErrors = 0;
    let refused = 0;
    setTimeout(() => api.child.kill('SIGTERM'), 1500);
    await pool(Array.from({ length: 3000 }, (_, i) => i), 16, async (i) => {
      const nonce = randomUUID();
      const a = await call(port, 'POST', '/api/v1/checkin/scans', desk, scanBody(fair.codes[i], nonce, fair.editionId), 10000);
      if (a.status >= 500) serverErrors++;
      if (a.status === 0) refused++;
      answers.set(nonce, { attendee: i, answer: a });
    });
    const code = await api.exited;
    const check = await checkScans(db.url, answers);
    return {
      attempted: 3000,
      acknowledged: check.acknowledged,
      lost: check.lost,
      duplicated: check.duplicated,
      serverErrors,
      notes: `exit code ${code}; ${refused} requests refused after the signal (not acknowledged)${code === 0 ? '' : ' — NOT 0'}`,
    };
  } finally {
    api.child.kill('SIGKILL');
    await db.drop();
  }
}

/** 7. Redis configured to evict keys: /health/ready says so, and recovers when it is fixed. */
export async function unsafeRedis(s: Settings): Promise<Outcome> {
  const redis = new OwnRedis(await freePort());
  await redis.start();
  const db = await createScratchDatabase(s.adminUrl, 'fairops_fault');
  const fair = await seedFair(db.url, 1);
  const port = await freePort();
  const api = startProcess('api', env(db.url, fair, { REDIS_URL: redis.url }), port);
  try {
    await untilReady(api);
    const safe = await call(port, 'GET', '/health/ready', null);
    await redis.cli('config', 'set', 'maxmemory-policy', 'allkeys-lru');
    const unsafe = await call(port, 'GET', '/health/ready', null);
    await redis.cli('config', 'set', 'maxmemory-policy', 'noeviction');
    const fixed = await call(port, 'GET', '/health/ready', null);
    const detail = ((unsafe.body?.checks as Record<string, { detail?: string }>)?.jobs?.detail ?? '').slice(0, 70);
    const ok = safe.status === 200 && unsafe.status === 503 && detail.includes('maxmemory-policy is allkeys-lru') && fixed.status === 200;
    return { attempted: 3, acknowledged: 3, lost: ok ? 0 : 1, duplicated: 0, serverErrors: 0, notes: `ready ${safe.status} → ${unsafe.status} (“${detail}…”) → ${fixed.status}` };
  } finally {
    api.child.kill('SIGKILL');
    await redis.stop();
    await db.drop();
  }
}

/**
 * 8. The SMTP server down while 200 tickets are queued: the first half of the outage nothing listens
 * (connection refused), the second half it answers every connection `421` (too busy). Once it is back,
 * every ticket arrives, once (a message is sent twice only if a worker dies between the server's
 * acceptance and the `sent` record: no worker dies here), and every `messages` row is `sent`.
 */
export async function smtpDown(s: Settings): Promise<Outcome> {
  const tickets = 200;
  // Short form: 8 s, so the first retry (5 s) meets the 421 half and the second (15 s) finds it back.
  const downSeconds = s.short ? 8 : 30;
  const smtp = new SmtpSink(await freePort());
  const db = await createScratchDatabase(s.adminUrl, 'fairops_fault');
  const fair = await seedFair(db.url, 0);
  const e = env(db.url, fair, { REDIS_URL: s.redisUrl, REDIS_PREFIX: `fault${Date.now().toString(36)}`, SMTP_URL: smtp.url, MAIL_PER_SECOND: '200' });
  const apiPort = await freePort();
  const api = startProcess('api', e, apiPort);
  const worker = startProcess('worker', e, await freePort());
  let serverErrors = 0;
  const created: string[] = [];
  try {
    await untilReady(api);
    const admin = await login(apiPort, 'admin@faults.test');
    const downSince = Date.now();
    await pool(Array.from({ length: tickets }, (_, i) => i), 8, async (i) => {
      const a = await call(apiPort, 'POST', '/api/v1/attendees', admin, { editionId: fair.editionId, category: 'visitor', firstName: 'Visiteuse', lastName: `T${i}`, email: `t${i}@faults.test` });
      if (a.status >= 500) serverErrors++;
      if (a.status === 201) created.push(a.body!.id as string);
    });
    await sleep(Math.max(0, downSince + (downSeconds * 1000) / 2 - Date.now()));
    smtp.refuseWith = 421;
    await smtp.start();
    await sleep(Math.max(0, downSince + downSeconds * 1000 - Date.now()));
    smtp.refuseWith = undefined;
    const backAt = Date.now();
    const c = new Client({ connectionString: db.url });
    await c.connect();
    let counts = { queued: 0, sent: 0, failed: 0, tries: 0 };
    const deadline = Date.now() + 120_000;
    do {
      await sleep(500);
      counts = (
        await c.query(
          `SELECT count(*) FILTER (WHERE status = 'queued')::int AS queued, count(*) FILTER (WHERE status = 'sent')::int AS sent,
                  count(*) FILTER (WHERE status = 'failed')::int AS failed, coalesce(sum(attempts), 0)::int AS tries FROM messages WHERE template = 'ticket'`,
        )
      ).rows[0];
    } while (Date.now() < deadline && (counts.queued > 0 || smtp.arrivals.length < counts.sent));
    const rows = (await c.query(`SELECT id::text, recipient_email FROM messages WHERE template = 'ticket'`)).rows as Array<{ id: string; recipient_email: string }>;
    await c.end();
    const arrived = new Set(smtp.arrivals.map((a) => a.ref));
    const missing = rows.filter((r) => !arrived.has(r.id)).length + (created.length - rows.length);
    const dupByKey = smtp.duplicates();
    const dupByRecipient = smtp.duplicates((a) => a.to.join(','));
    return {
      attempted: tickets,
      acknowledged: created.length,
      lost: missing + counts.failed,
      duplicated: Math.max(dupByKey, dupByRecipient),
      serverErrors,
      notes: `SMTP down ${downSeconds} s (refused, then ${smtp.refused} connections answered 421); ${smtp.arrivals.length} mails for ${rows.length} tickets, ${counts.sent} sent, ${counts.failed} failed, ${counts.queued} ${counts.queued ? 'still pending' : 'queued'}; ${counts.tries} tries; all in ${Math.round((Date.now() - backAt) / 1000)} s after it came back`,
    };
  } finally {
    api.child.kill('SIGKILL');
    worker.child.kill('SIGKILL');
    await smtp.stop();
    await db.drop();
  }
}
