import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AppConfig } from '@fairops/core';

const ROOT = resolve(__dirname, '../..');

/** A free TCP port on the loopback. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  return port;
}

export interface FairopsProcess {
  child: ChildProcess;
  output: () => string;
  port: number;
  exited: Promise<number | null>;
}

/** The environment that gives a child process the same configuration as a test app. */
export function processEnv(config: AppConfig, port: number): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    NODE_ENV: 'test',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: config.databaseUrl!,
    ...(config.redisUrl ? { REDIS_URL: config.redisUrl } : {}),
    REDIS_PREFIX: config.redisPrefix,
    JWT_SECRET: config.jwt.secret,
    BADGE_SIGNING_KEY: config.badgeSigningKey,
    LOG_LEVEL: 'info',
    OUTBOX_POLL_MS: '50',
    SHUTDOWN_TIMEOUT_MS: '8000',
  };
}

/** Starts a built FairOps entry point (`api`, `worker`, `standalone`) as a real process. Needs `npm run build`. */
export function startProcess(app: 'api' | 'worker' | 'standalone', env: Record<string, string>): FairopsProcess {
  const child = spawn(process.execPath, [resolve(ROOT, `dist/apps/${app}/src/main.js`)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { child, output: () => output, port: Number(env.PORT), exited };
}

/** Polls `check` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 20000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Waits until an HTTP process answers GET /health/ready with 200. */
export async function waitUntilReady(p: FairopsProcess, timeoutMs = 30000): Promise<void> {
  await eventually(
    async () => {
      const res = await fetch(`http://127.0.0.1:${p.port}/health/ready`);
      return res.status === 200 ? true : undefined;
    },
    timeoutMs,
    `process on port ${p.port} to be ready; output:\n${p.output()}`,
  );
}

/** Waits until a process has written `text` (stdout or stderr). */
export async function waitForOutput(p: FairopsProcess, text: string, timeoutMs = 60000): Promise<void> {
  await eventually(async () => (p.output().includes(text) ? true : undefined), timeoutMs, `"${text}" in the output of the process on port ${p.port}; output:\n${p.output()}`);
}

/** A fresh folder for a process's DATA_DIR, readable by the `postgres` user that runs an embedded PostgreSQL under root. */
export function scratchDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'fairops-data-'));
  chmodSync(dir, 0o755);
  return dir;
}

/** The environment of `npm start` as a newcomer runs it: nothing set but where it may put its data and listen. */
export function newcomerEnv(port: number, dataDir: string, extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', PORT: String(port), DATA_DIR: dataDir, SHUTDOWN_TIMEOUT_MS: '15000', ...extra };
}
