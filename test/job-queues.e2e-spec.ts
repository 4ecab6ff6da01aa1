import { randomUUID } from 'node:crypto';
import { Job, Queue, Worker } from 'bullmq';
import { JobQueues, configureJobBackend } from '@fairops/core';
import { JOB_BACKENDS, TestApp, startTestApp } from './support/test-app';
import { LoggedIn, makeUser } from './support/factories';
import { eventually } from './support/processes';

describe.each(JOB_BACKENDS)('the queue view for admins on the %s job backend', (backend) => {
  let t: TestApp;
  let admin: LoggedIn;
  let desk: LoggedIn;
  let queue: Queue;
  let worker: Worker;
  const attempts = new Map<string, number>();

  beforeAll(async () => {
    // No FairOps workers: this test's own worker runs the `system` queue, failing a job's first attempt
    // as a flaky dependency would (and every attempt of a job marked `alwaysFails`).
    t = await startTestApp({ jobBackend: backend });
    [admin, desk] = [await makeUser(t, 'admin'), await makeUser(t, 'desk')];
    queue = t.get(JobQueues).get('system');
    worker = new Worker(
      'system',
      async (job: Job) => {
        const n = (attempts.get(job.id!) ?? 0) + 1;
        attempts.set(job.id!, n);
        if (n === 1 || job.data.alwaysFails) throw new Error('the printer was unplugged');
        return { attempt: n };
      },
      { connection: configureJobBackend(t.config), prefix: t.config.redisPrefix },
    );
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  async function failedJob(data: Record<string, unknown> = {}): Promise<string> {
    const id = randomUUID();
    await queue.add('system.probe', { probeId: randomUUID(), ...data }, { jobId: id, attempts: 1 });
    await eventually(async () => ((await queue.getJob(id))?.failedReason ? true : undefined), 20000, 'the job to fail');
    return id;
  }

  it('shows the failed job with its reason, retries it as an admin (audited), and refuses a desk', async () => {
    const id = await failedJob();

    const counts = await t.http().get('/api/v1/system/queues').set(admin.auth).expect(200);
    expect(counts.body.items.map((q: { name: string }) => q.name)).toEqual(['system', 'imports', 'sessions', 'awards', 'badges', 'mail']);
    expect(counts.body.items[0]).toMatchObject({ name: 'system', failed: 1, waiting: 0, active: 0, delayed: 0 });
    const failed = await t.http().get('/api/v1/system/queues/system/failed').set(admin.auth).expect(200);
    expect(failed.body).toMatchObject({ total: 1, limit: 50, offset: 0 });
    expect(failed.body.items).toEqual([
      expect.objectContaining({ id, name: 'system.probe', failedReason: 'the printer was unplugged', attemptsMade: 1, failedAt: expect.any(String) }),
    ]);

    // A desk sees none of it and changes nothing.
    await t.http().get('/api/v1/system/queues').set(desk.auth).expect(403);
    await t.http().get('/api/v1/system/queues/system/failed').set(desk.auth).expect(403);
    await t.http().post(`/api/v1/system/queues/system/jobs/${id}/retry`).set(desk.auth).expect(403);
    await t.http().delete(`/api/v1/system/queues/system/jobs/${id}`).set(desk.auth).expect(403);
    await t.http().post(`/api/v1/system/queues/system/jobs/${id}/retry`).expect(401);
    expect(await (await queue.getJob(id))!.getState()).toBe('failed');

    const retried = await t.http().post(`/api/v1/system/queues/system/jobs/${id}/retry`).set(admin.auth).expect(200);
    expect(retried.body.id).toBe(id);
    await eventually(async () => ((await (await queue.getJob(id))!.getState()) === 'completed' ? true : undefined), 20000, 'the retried job to complete');
    expect(attempts.get(id)).toBe(2);
    expect((await t.http().get('/api/v1/system/queues').set(admin.auth).expect(200)).body.items[0]).toMatchObject({ failed: 0, completed: 1 });

    const again = await t.http().post(`/api/v1/system/queues/system/jobs/${id}/retry`).set(admin.auth).expect(409);
    expect(again.body).toMatchObject({ error: 'job_not_failed', details: { state: 'completed' } });

    const audit = await t.http().get('/api/v1/audit').query({ entityType: 'job', entityId: `system/${id}` }).set(admin.auth).expect(200);
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'job.retried', actorUserId: admin.actor.id, before: expect.objectContaining({ state: 'failed' }) })]);
  });

  it('removes a failed job that must not run again (audited); unknown queues and jobs answer 404, a bad id 400', async () => {
    const id = await failedJob({ alwaysFails: true });
    await t.http().delete(`/api/v1/system/queues/system/jobs/${id}`).set(admin.auth).expect(204);
    expect(await queue.getJob(id)).toBeFalsy();
    const audit = await t.http().get('/api/v1/audit').query({ entityType: 'job', entityId: `system/${id}` }).set(admin.auth).expect(200);
    expect(audit.body.items).toEqual([expect.objectContaining({ action: 'job.removed', before: expect.objectContaining({ failedReason: 'the printer was unplugged' }) })]);

    expect((await t.http().delete(`/api/v1/system/queues/system/jobs/${id}`).set(admin.auth).expect(404)).body.error).toBe('job_not_found');
    expect((await t.http().get('/api/v1/system/queues/post/failed').set(admin.auth).expect(404)).body.error).toBe('queue_not_found');
    expect((await t.http().post(`/api/v1/system/queues/nope/jobs/${id}/retry`).set(admin.auth).expect(404)).body.error).toBe('queue_not_found');
    const bad = await t.http().post('/api/v1/system/queues/system/jobs/a%20b/retry').set(admin.auth).expect(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'id' })]);
  });
});
