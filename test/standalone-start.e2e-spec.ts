import { existsSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { join } from 'node:path';
import { FairopsProcess, freePort, newcomerEnv, scratchDataDir, startProcess, waitUntilReady } from './support/processes';

/** The exit code, or 'still running' after `ms` (the process is then killed without its clean-up). */
async function exitWithin(p: FairopsProcess, ms: number): Promise<number | null | 'still running'> {
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([p.exited, new Promise<'still running'>((r) => (timer = setTimeout(() => r('still running'), ms)))]);
  clearTimeout(timer);
  if (result === 'still running') p.child.kill('SIGKILL');
  return result;
}

const lines = (p: FairopsProcess) => p.output().trim().split('\n');

/** `npm start` (the built standalone process) on an embedded PostgreSQL of its own, in a scratch DATA_DIR. */
describe('npm start: a busy port and a data directory in use', () => {
  it('on a busy port exits 1 with one line naming the port and how to choose another, before starting anything', async () => {
    const port = await freePort();
    const blocker = createServer().listen(port, '0.0.0.0');
    await once(blocker, 'listening');
    const dataDir = scratchDataDir();
    try {
      const p = startProcess('standalone', newcomerEnv(port, dataDir, { EMBEDDED_POSTGRES_PORT: String(await freePort()) }));
      expect(await exitWithin(p, 60000)).toBe(1);
      expect(lines(p)).toHaveLength(1);
      expect(lines(p)[0]).toContain(`port ${port}`);
      expect(lines(p)[0]).toContain('PORT=');
      // Nothing was started: no embedded PostgreSQL was created or run.
      expect(existsSync(join(dataDir, 'postgres'))).toBe(false);
    } finally {
      blocker.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('a second npm start on the same data directory says so in one line, exits 1, and the first keeps answering', async () => {
    const dataDir = scratchDataDir();
    const pgPort = String(await freePort());
    const first = startProcess('standalone', newcomerEnv(await freePort(), dataDir, { EMBEDDED_POSTGRES_PORT: pgPort, SEED_DEMO: 'false' }));
    try {
      await waitUntilReady(first, 150000);

      const second = startProcess('standalone', newcomerEnv(await freePort(), dataDir, { EMBEDDED_POSTGRES_PORT: pgPort, SEED_DEMO: 'false' }));
      expect({ exit: await exitWithin(second, 60000), output: second.output() }).toEqual({ exit: 1, output: expect.any(String) });
      expect(lines(second)).toHaveLength(1);
      expect(lines(second)[0]).toMatch(/already running/);

      // The same port as the first: refused at the port, before the data directory is looked at.
      const third = startProcess('standalone', newcomerEnv(first.port, dataDir, { EMBEDDED_POSTGRES_PORT: pgPort, SEED_DEMO: 'false' }));
      expect(await exitWithin(third, 60000)).toBe(1);
      expect(lines(third)).toHaveLength(1);
      expect(lines(third)[0]).toContain(`port ${first.port}`);

      for (let i = 0; i < 3; i++) {
        await new Promise((r) => setTimeout(r, 500));
        const ready = await fetch(`http://127.0.0.1:${first.port}/health/ready`);
        expect(ready.status).toBe(200);
      }

      first.child.kill('SIGINT');
      expect(await exitWithin(first, 30000)).toBe(0);
      expect(lines(first).at(-1)).toBe('Stopped.');
    } finally {
      if (first.child.exitCode === null) {
        first.child.kill('SIGTERM');
        await exitWithin(first, 30000);
      }
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300000);
});
