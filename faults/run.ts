/**
 * `npm run test:faults` (`-- --short` for the quick form CI runs): starts real API and worker processes
 * on PostgreSQL and Redis, breaks things, and checks from the database that nothing acknowledged was lost
 * or doubled and that no client got a 5xx it should not. One line per scenario.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { Outcome } from './support';
import { Settings, apiTerminated, postgresRestarted, redisStopped, smtpDown, twoApisTwoWorkers, unsafeRedis, workerKilledMidPrint } from './scenarios';

// Compiled to dist/faults: the project is two folders up.
const ROOT = resolve(__dirname, '../..');

/**
 * 6. Hostile input: the jest suite that calls every documented route, as every role and with no token, with
 * generated bad input. It writes how many requests it sent and how they ended (HOSTILE_INPUT_REPORT).
 */
async function hostileInput(s: Settings): Promise<Outcome> {
  const out = resolve(ROOT, '.data/faults-hostile.json');
  const report = resolve(ROOT, '.data/faults-hostile-requests.json');
  mkdirSync(resolve(ROOT, '.data'), { recursive: true });
  rmSync(report, { force: true });
  const r = spawnSync(process.execPath, [resolve(ROOT, 'node_modules/jest/bin/jest.js'), 'test/hostile-input', '--selectProjects=integration', '--json', `--outputFile=${out}`], {
    cwd: ROOT,
    env: { ...process.env, TEST_DATABASE_URL: s.adminUrl, HOSTILE_INPUT_REPORT: report },
    encoding: 'utf8',
  });
  const result = JSON.parse(readFileSync(out, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  const sent = existsSync(report)
    ? (JSON.parse(readFileSync(report, 'utf8')) as { requests: number; serverErrors: number; notInShape: number; unexpected: number; noAnswer: number })
    : { requests: 0, serverErrors: 0, notInShape: 0, unexpected: 0, noAnswer: 0 };
  const passed = r.status === 0 && result.numFailedTests === 0;
  return {
    attempted: sent.requests,
    acknowledged: sent.requests - sent.serverErrors - sent.noAnswer,
    lost: sent.noAnswer,
    duplicated: 0,
    serverErrors: sent.serverErrors,
    notes: passed
      ? 'every route of /docs-json, every role and no token: no 5xx, every error in the common shape'
      : `FAILED (${sent.notInShape} not in the common shape, ${sent.unexpected} not refused as expected):\n${(r.stdout + r.stderr).slice(-3000)}`,
  };
}

const SCENARIOS: Array<[string, (s: Settings) => Promise<Outcome>]> = [
  ['1 two APIs, two workers, scans', twoApisTwoWorkers],
  ['2 worker SIGKILL mid bulk print', workerKilledMidPrint],
  ['3 Redis stopped', redisStopped],
  ['4 PostgreSQL restarted', postgresRestarted],
  ['5 SIGTERM to an API under load', apiTerminated],
  ['6 hostile input', hostileInput],
  ['7 Redis evicting keys', unsafeRedis],
  ['8 SMTP down, 200 tickets queued', smtpDown],
];

async function main(): Promise<void> {
  const settings: Settings = {
    adminUrl: process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    short: process.argv.includes('--short'),
    dataDir: resolve(ROOT, '.data'),
  };
  const only = process.argv.find((a) => /^--only=/.test(a))?.slice(7).split(',');
  const pad = (s: string | number, n: number) => String(s).padEnd(n);
  process.stdout.write(`fault suite (${settings.short ? 'short' : 'long'} form)\n`);
  process.stdout.write(`${pad('scenario', 36)}${pad('attempted', 11)}${pad('acked', 8)}${pad('lost', 6)}${pad('dup', 5)}${pad('5xx', 5)}result\n`);
  let failed = 0;
  for (const [name, scenario] of SCENARIOS) {
    if (only && !only.includes(name.split(' ')[0])) continue;
    const started = Date.now();
    let o: Outcome;
    try {
      o = await scenario(settings);
    } catch (error) {
      o = { attempted: 0, acknowledged: 0, lost: 1, duplicated: 0, serverErrors: 0, notes: `ERROR ${(error as Error).message.slice(0, 500)}` };
    }
    const ok = o.lost === 0 && o.duplicated === 0 && o.serverErrors === 0 && !/NOT|DIFFER|ERROR|FAILED|still pending/.test(o.notes);
    if (!ok) failed++;
    process.stdout.write(
      `${pad(name, 36)}${pad(o.attempted, 11)}${pad(o.acknowledged, 8)}${pad(o.lost, 6)}${pad(o.duplicated, 5)}${pad(o.serverErrors, 5)}${ok ? 'ok' : 'FAIL'} (${Math.round((Date.now() - started) / 1000)} s) ${o.notes}\n`,
    );
  }
  process.stdout.write(`faults: ${failed === 0 ? 'all scenarios passed' : `${failed} scenario(s) failed`}\n`);
  process.exit(failed === 0 ? 0 : 1);
}

void main();
