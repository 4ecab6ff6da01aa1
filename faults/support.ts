import { ChildProcess, execFile, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { PasswordHasher, addDays, localDate } from '@fairops/core';
import { signBadgeCode, signingKeyFromPkcs8 } from '@fairops/attendees';

export const run = promisify(execFile);
// Compiled to dist/faults: the project is two folders up.
const ROOT = resolve(__dirname, '../..');
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// One way to find a free port, shared with the benches.
export { freePort } from '../bench/bench-servers';

export interface Outcome {
  attempted: number;
  acknowledged: number;
  lost: number;
  duplicated: number;
  serverErrors: number;
  notes: string;
}


export const PASSWORD = 'fault-suite-password';

export interface Fair {
  editionId: string;
  attendeeIds: string[];
  codes: string[];
  signingKey: string;
  jwtSecret: string;
}

/** An edition running today and tomorrow, `attendees` visitors with their badge codes, and the users. */
export async function seedFair(url: string, attendees: number): Promise<Fair> {
  const signingKey = generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
  const key = signingKeyFromPkcs8(signingKey);
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const today = localDate(new Date(), 'Africa/Casablanca');
    const days = [today, addDays(today, 1)];
    const [{ id: editionId }] = (
      await c.query(`INSERT INTO editions (slug, name, edition_number, venue, city, country, time_zone) VALUES ('faults', 'SICCAM', 16, 'Parc Oujda Shore', 'Oujda', 'MA', 'Africa/Casablanca') RETURNING id`)
    ).rows;
    await c.query(`INSERT INTO edition_days (edition_id, day, opens_at, closes_at) SELECT $1, d, '00:00', '23:59' FROM unnest($2::date[]) d`, [editionId, days]);
    const hash = await new PasswordHasher().hash(PASSWORD);
    await c.query(
      `INSERT INTO users (email, display_name, password_hash, role) VALUES ('admin@faults.test', 'Admin', $1, 'admin'), ('desk@faults.test', 'Desk', $1, 'desk')`,
      [hash],
    );
    const ids = (
      await c.query(
        `INSERT INTO attendees (edition_id, category, first_name, last_name, days) SELECT $1, 'visitor', 'Visiteur', 'N' || i, $2::date[] FROM generate_series(1, $3) i RETURNING id`,
        [editionId, days, attendees],
      )
    ).rows.map((r) => r.id as string);
    return {
      editionId,
      attendeeIds: ids,
      codes: ids.map((id) => signBadgeCode({ attendeeId: id, editionId, category: 'visitor', days, version: 1 }, key)),
      signingKey,
      jwtSecret: randomBytes(32).toString('base64url'),
    };
  } finally {
    await c.end();
  }
}

export interface Proc {
  child: ChildProcess;
  port: number;
  exited: Promise<number | null>;
  output: () => string;
}

/** Starts a built entry point as a real process. */
export function startProcess(app: 'api' | 'worker', env: Record<string, string>, port: number): Proc {
  const child = spawn(process.execPath, [join(ROOT, `dist/apps/${app}/src/main.js`)], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', LOG_LEVEL: 'warn', PORT: String(port), HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output = (output + d).slice(-20000)));
  child.stderr!.on('data', (d) => (output = (output + d).slice(-20000)));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, port, exited, output: () => output };
}

export async function untilReady(p: Proc, timeoutMs = 40000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${p.port}/health/live`).then((r) => r.ok, () => false);
    if (ok) return;
    if (p.child.exitCode !== null) throw new Error(`process exited:\n${p.output()}`);
    await sleep(200);
  }
  throw new Error(`process not ready:\n${p.output()}`);
}

export async function login(port: number, email: string): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD }) });
  if (res.status !== 200) throw new Error(`login failed: ${res.status}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

export interface Answer {
  status: number;
  body: Record<string, unknown> | null;
}

/** One HTTP request; a network error (process or server away) is status 0, never a throw. */
export async function call(port: number, method: string, path: string, token: string | null, body?: unknown, timeoutMs = 15000): Promise<Answer> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    let parsed: Record<string, unknown> | null = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = null;
    }
    return { status: res.status, body: parsed };
  } catch {
    return { status: 0, body: null };
  }
}

/** Runs `tasks` with at most `concurrency` at once. */
export async function pool<T>(items: T[], concurrency: number, task: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < items.length; i = next++) await task(items[i], i);
  }));
}

/** A Redis server of the suite's own, which it may stop and start: persisted with an append-only file. */
export class OwnRedis {
  private child?: ChildProcess;
  readonly dir = mkdtempSync(join(tmpdir(), 'fairops-redis-'));
  constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--appendfsync', 'always', '--dir', this.dir, '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
    for (let i = 0; i < 50; i++) {
      const ok = await run('redis-cli', ['-p', String(this.port), 'ping']).then((r) => r.stdout.includes('PONG'), () => false);
      if (ok) return;
      await sleep(100);
    }
    throw new Error('redis-server did not start');
  }

  async stop(): Promise<void> {
    await run('redis-cli', ['-p', String(this.port), 'shutdown']).catch(() => undefined);
    await new Promise((r) => (this.child?.exitCode !== null ? r(null) : this.child?.once('exit', r)));
  }

  async cli(...args: string[]): Promise<string> {
    return (await run('redis-cli', ['-p', String(this.port), ...args])).stdout.trim();
  }
}

export function env(db: string, fair: Fair, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DATABASE_URL: db,
    JWT_SECRET: fair.jwtSecret,
    BADGE_SIGNING_KEY: fair.signingKey,
    OUTBOX_POLL_MS: '200',
    SHUTDOWN_TIMEOUT_MS: '15000',
    REGISTRATIONS_PER_HOUR_PER_ADDRESS: '100000',
    ...extra,
  };
}
