/** Servers and data shared by the benches that run a real API process (checkin, desk). */
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { PasswordHasher, addDays, localDate } from '@fairops/core';
import { SigningKey, signBadgeCode } from '@fairops/attendees';

export const BENCH_DESK = { email: 'bench-desk@fairops.test', password: 'bench-password' } as const;

export async function freePort(): Promise<number> {
  const s = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => s.once('listening', r));
  const port = (s.address() as { port: number }).port;
  s.close();
  return port;
}

/** Starts a server process (a script of dist/bench, or `../apps/…`) and waits until `url` answers 200. */
export async function startServer(script: string, env: Record<string, string>, url: string, nodeFlags: string[] = []): Promise<ChildProcess> {
  const child = spawn(process.execPath, [...nodeFlags, resolve(__dirname, script)], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exited = false;
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  child.on('exit', () => (exited = true));
  for (let i = 0; i < 150; i++) {
    if (exited) throw new Error(`${script} exited:\n${output}`);
    const ok = await fetch(url).then((r) => r.status === 200, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(`${script} did not start:\n${output}`);
}

/**
 * An edition whose fair days are today and tomorrow (Oujda), open all day, `count` visitors valid on both
 * with their signed badge codes, and the desk account BENCH_DESK.
 */
export async function seedScanWorkload(databaseUrl: string, key: SigningKey, count: number): Promise<{ editionId: string; attendeeIds: string[]; codes: string[] }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const today = localDate(new Date(), 'Africa/Casablanca');
    const days = [today, addDays(today, 1)];
    const [{ id: editionId }] = (
      await client.query(
        `INSERT INTO editions (slug, name, edition_number, venue, city, country, time_zone) VALUES ('bench', 'Bench', 1, 'v', 'Oujda', 'MA', 'Africa/Casablanca') RETURNING id`,
      )
    ).rows;
    await client.query(`INSERT INTO edition_days (edition_id, day, opens_at, closes_at) SELECT $1, d, '00:00', '23:59' FROM unnest($2::date[]) d`, [editionId, days]);
    const attendees = (
      await client.query(
        `INSERT INTO attendees (edition_id, category, first_name, last_name, organisation, days)
         SELECT $1, 'visitor', 'Visiteur', 'N' || i, 'Société ' || i, $2::date[] FROM generate_series(1, $3) i RETURNING id`,
        [editionId, days, count],
      )
    ).rows as Array<{ id: string }>;
    const codes = attendees.map((a) => signBadgeCode({ attendeeId: a.id, editionId, category: 'visitor', days, version: 1 }, key));
    await client.query(`INSERT INTO users (email, display_name, password_hash, role) VALUES ($1, 'Bench desk', $2, 'desk')`, [BENCH_DESK.email, await new PasswordHasher().hash(BENCH_DESK.password)]);
    return { editionId, attendeeIds: attendees.map((a) => a.id), codes };
  } finally {
    await client.end();
  }
}
