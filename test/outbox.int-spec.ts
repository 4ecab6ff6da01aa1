import { Queue } from 'bullmq';
import { JobProducer, JobQueues, OutboxRelay, inTransaction } from '@fairops/core';
import { JOB_BACKENDS, TestApp, startTestApp } from './support/test-app';
import { makeUser } from './support/factories';
import { eventually, freePort, processEnv, startProcess, waitUntilReady } from './support/processes';

async function jobsWithId(queue: Queue, id: string): Promise<number> {
  const job = await queue.getJob(id);
  const counts = await queue.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed', 'prioritized');
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  // The queue of a fresh test database holds only the jobs of this test: the total is the number of copies.
  return job ? total : 0;
}

describe.each(JOB_BACKENDS)('transactional outbox on the %s job backend', (backend) => {
  let t: TestApp;
  let queue: Queue;
  let relay: OutboxRelay;

  beforeEach(async () => {
    t = await startTestApp({ jobBackend: backend });
    queue = t.get(JobQueues).get('system');
    relay = t.get(OutboxRelay);
  });
  afterEach(() => t.close());

  it('enqueues nothing for a rolled-back transaction', async () => {
    const producer = t.get(JobProducer);
    await expect(
      inTransaction(t.dataSource, async (m) => {
        await producer.enqueue(m, 'system.probe', { probeId: '00000000-0000-4000-8000-000000000000' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await relay.drain()).toBe(0);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox`);
    expect(n).toBe(0);
    expect(await queue.count()).toBe(0);
  });

  it('enqueues the job once its transaction commits, with the outbox id as job id', async () => {
    const producer = t.get(JobProducer);
    const outboxId = await inTransaction(t.dataSource, (m) => producer.enqueue(m, 'system.probe', { probeId: '00000000-0000-4000-8000-000000000001' }));
    expect(await queue.count()).toBe(0); // committed, not yet relayed
    expect(await relay.drain()).toBe(1);
    const job = await queue.getJob(outboxId);
    expect(job).toBeDefined();
    expect(job!.name).toBe('system.probe');
    expect(job!.data).toEqual({ probeId: '00000000-0000-4000-8000-000000000001' });
    expect(job!.opts.attempts).toBe(3);
    const [row] = await t.dataSource.query(`SELECT relayed_at FROM outbox WHERE id = $1`, [outboxId]);
    expect(row.relayed_at).not.toBeNull();
  });

  it('adds nothing when a relay is repeated after a crash between enqueue and commit', async () => {
    const producer = t.get(JobProducer);
    const outboxId = await inTransaction(t.dataSource, (m) => producer.enqueue(m, 'system.probe', { probeId: '00000000-0000-4000-8000-000000000002' }));
    await relay.drain();
    // As if the relay died after handing the job to BullMQ but before its commit: the row is pending again.
    await t.dataSource.query(`UPDATE outbox SET relayed_at = NULL WHERE id = $1`, [outboxId]);
    expect(await relay.drain()).toBe(1);
    expect(await jobsWithId(queue, outboxId)).toBe(1);
  });

  it('relays each row once when several relays run at the same time', async () => {
    const producer = t.get(JobProducer);
    const ids = await inTransaction(t.dataSource, async (m) => {
      const out: string[] = [];
      for (let i = 0; i < 50; i++) out.push(await producer.enqueue(m, 'system.probe', { probeId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}` }));
      return out;
    });
    const relayed = await Promise.all([relay.relayOnce(20), relay.relayOnce(20), relay.relayOnce(20), relay.drain()]);
    expect(relayed.reduce((a, b) => a + b, 0)).toBe(50);
    expect(await queue.count()).toBe(50);
    for (const id of ids.slice(0, 5)) expect(await queue.getJob(id)).toBeDefined();
  });

  it('delivers a job committed by an API process killed before any relay, once, after a worker starts', async () => {
    const admin = await makeUser(t, 'admin');
    const api = startProcess('api', processEnv(t.config, await freePort()));
    let worker: ReturnType<typeof startProcess> | undefined;
    try {
      await waitUntilReady(api);
      const res = await fetch(`http://127.0.0.1:${api.port}/api/v1/system/job-probes`, { method: 'POST', headers: { Authorization: admin.auth.Authorization } });
      expect(res.status).toBe(202);
      const probe = (await res.json()) as { id: string };
      api.child.kill('SIGKILL');
      await api.exited;

      // The API process never relays: the job waits in the outbox, committed.
      const [pending] = await t.dataSource.query(`SELECT id, relayed_at FROM outbox WHERE payload->>'probeId' = $1`, [probe.id]);
      expect(pending.relayed_at).toBeNull();
      expect(await queue.count()).toBe(0);

      worker = startProcess('worker', processEnv(t.config, await freePort()));
      const processed = await eventually(async () => {
        const [row] = await t.dataSource.query(`SELECT processed_at, processed_by FROM job_probes WHERE id = $1`, [probe.id]);
        return row.processed_at ? row : undefined;
      }, 30000, `the probe to be processed; worker output:\n${worker.output()}`);
      expect(processed.processed_by).toMatch(/:\d+$/);
      expect(await jobsWithId(queue, pending.id)).toBe(1);
      // The handler's write is visible a moment before the worker records the job as completed.
      await eventually(async () => {
        const found = await queue.getJob(pending.id);
        return (await found?.getState()) === 'completed' ? found : undefined;
      }, 10000, 'the job to be completed');

      // SIGTERM: the worker stops taking jobs, closes, and exits 0.
      worker.child.kill('SIGTERM');
      expect(await worker.exited).toBe(0);
    } finally {
      api.child.kill('SIGKILL');
      worker?.child.kill('SIGKILL');
    }
  });
});
