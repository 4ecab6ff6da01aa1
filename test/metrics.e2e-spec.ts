import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { AttendeesService } from '@fairops/attendees';
import { JobProbesService, OutboxRelay } from '@fairops/core';
import { JOB_BACKENDS, TestApp, startTestApp } from './support/test-app';
import { LoggedIn, makeAttendee, makeLiveEdition, makeUser } from './support/factories';
import { Families, labelValues, metricValue, parseMetrics } from './support/metrics';
import { eventually, freePort, processEnv, startProcess } from './support/processes';

const TOKEN = randomBytes(24).toString('base64url');
const EXHIBITORS_CSV = 'name;country;sector\r\nAtlas Relation Client;MA;contact_centre\r\nOriental Contact Services;MA;contact_centre\r\n';

describe.each(JOB_BACKENDS)('GET /metrics on the %s job backend', (backend) => {
  let t: TestApp;
  let admin: LoggedIn;
  let desk: LoggedIn;
  let editionId: string;

  const scrape = async (): Promise<Families> => {
    const res = await t.http().get('/metrics').set('authorization', `Bearer ${TOKEN}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return parseMetrics(res.text);
  };

  beforeAll(async () => {
    t = await startTestApp({ worker: true, jobBackend: backend, env: { METRICS_TOKEN: TOKEN } });
    [admin, desk] = [await makeUser(t, 'admin'), await makeUser(t, 'desk')];
    editionId = (await makeLiveEdition(t)).id;
  });
  afterAll(() => t.close());

  it('counts the scans, the print job and the import this test caused, in the Prometheus text format', async () => {
    const before = await scrape();
    const desk1 = `desk-m-${backend}`;
    const [a, b] = [await makeAttendee(t, editionId), await makeAttendee(t, editionId)];
    const code = async (id: string) => (await t.get(AttendeesService).credential(id)).code;
    const scan = async (c: string) => (await t.http().post('/api/v1/checkin/scans').set(desk.auth).send({ code: c, deskId: desk1, nonce: randomUUID(), editionId }).expect(200)).body.result;
    expect([await scan(await code(a.id)), await scan(await code(a.id)), await scan(await code(b.id))]).toEqual(['ok', 'already_checked_in', 'ok']);

    const print = await t.http().post('/api/v1/badges/print-jobs').set(desk.auth).send({ editionId, attendeeIds: [a.id], deskId: 'desk-1' }).expect(202);
    const imported = await t.http().post('/api/v1/exhibitors/imports').set(admin.auth).field('editionId', editionId).attach('file', Buffer.from(EXHIBITORS_CSV), 'exposants.csv').expect(202);
    await eventually(async () => ((await t.http().get(`/api/v1/badges/print-jobs/${print.body.id}`).set(desk.auth)).body.status === 'ready' ? true : undefined), 60000, 'the print job');
    await eventually(async () => ((await t.http().get(`/api/v1/exhibitors/imports/${imported.body.id}`).set(admin.auth)).body.status === 'completed' ? true : undefined), 60000, 'the import');

    const after = await eventually(async () => {
      const m = await scrape();
      // The worker's 'completed' event comes a moment after the job's own writes.
      return metricValue(m, 'fairops_job_duration_seconds', { job: 'exhibitors.import', outcome: 'completed' }) === 1 ? m : undefined;
    }, 10000, 'the import job in the job duration histogram');
    const grew = (name: string, labels: Record<string, string> = {}) => metricValue(after, name, labels)! - (metricValue(before, name, labels) ?? 0);

    expect(metricValue(after, 'fairops_scans_total', { result: 'ok', desk: desk1 })).toBe(2);
    expect(metricValue(after, 'fairops_scans_total', { result: 'already_checked_in', desk: desk1 })).toBe(1);
    expect(grew('fairops_checkins_total', { category: 'visitor' })).toBe(2);
    expect(grew('fairops_registrations_total', { source: 'back_office' })).toBe(2);
    expect(grew('fairops_print_jobs', { status: 'ready', format: 'pdf' })).toBe(1);
    expect(grew('fairops_imports', { kind: 'exhibitors', status: 'completed' })).toBe(1);
    expect(metricValue(after, 'fairops_job_duration_seconds', { queue: 'badges', job: 'badges.render', outcome: 'completed' })).toBe(1);
    // Three scans under the route's template, by status; a print job's id never becomes a label.
    expect(grew('fairops_http_request_duration_seconds', { method: 'POST', route: '/api/v1/checkin/scans', status: '200' })).toBe(3);
    expect(metricValue(after, 'fairops_http_request_duration_seconds', { route: '/api/v1/badges/print-jobs/:id', status: '200' })).toBeGreaterThan(0);
    expect(labelValues(after, 'fairops_http_request_duration_seconds', 'route').some((r) => r.includes(print.body.id))).toBe(false);

    // Queues (from BullMQ on this backend), outbox, pool, readiness and the process itself.
    for (const queue of ['system', 'imports', 'sessions', 'awards', 'badges']) {
      for (const state of ['waiting', 'active', 'delayed', 'failed']) expect(metricValue(after, 'fairops_queue_jobs', { queue, state })).toBe(0);
    }
    expect(metricValue(after, 'fairops_outbox_lag_seconds')).toBe(0);
    expect(metricValue(after, 'fairops_db_pool_connections', { state: 'max' })).toBe(t.config.databasePoolSize);
    expect(metricValue(after, 'fairops_db_pool_connections', { state: 'waiting' })).toBe(0);
    expect(metricValue(after, 'fairops_ready')).toBe(1);
    expect(metricValue(after, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(metricValue(after, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('serves every metric that the Grafana dashboard and the alert rules in deploy/ read', async () => {
    const served = await scrape();
    const deploy = ['grafana-dashboard.json', 'prometheus-alerts.yml'].map((f) => readFileSync(resolve(__dirname, '../deploy', f), 'utf8')).join('\n');
    const used = new Set([...deploy.matchAll(/\b((?:fairops|process|nodejs)_[a-z0-9_]+)/g)].map((m) => m[1].replace(/_(bucket|count|sum)$/, '')));
    expect([...used].filter((name) => !served[name])).toEqual([]);
    expect(used.size).toBeGreaterThan(10);
  });

  it('answers 401 without the token or with a wrong one, and shows no figure', async () => {
    for (const auth of [undefined, 'Bearer not-the-token', `Basic ${TOKEN}`, TOKEN]) {
      const req = t.http().get('/metrics');
      const res = await (auth ? req.set('authorization', auth) : req).expect(401);
      expect(res.body).toMatchObject({ statusCode: 401, error: 'unauthenticated' });
      expect(res.text).not.toContain('fairops_');
    }
    // An admin's access token is not the metrics token.
    expect((await t.http().get('/metrics').set(admin.auth).expect(401)).text).not.toContain('fairops_');
  });

  it('shows the outbox lag growing while a row is held, and back to 0 once it is relayed', async () => {
    const relay = t.get(OutboxRelay);
    await relay.stop();
    const probe = await t.get(JobProbesService).request(admin.actor);
    const holder = new Client({ connectionString: t.databaseUrl });
    await holder.connect();
    try {
      // The relay claims rows FOR UPDATE SKIP LOCKED: a row locked by someone else is not relayed.
      await holder.query('BEGIN');
      const held = await holder.query(`SELECT id FROM outbox WHERE payload->>'probeId' = $1 FOR UPDATE`, [probe.id]);
      expect(held.rowCount).toBe(1);
      relay.start();
      const first = metricValue(await scrape(), 'fairops_outbox_lag_seconds')!;
      await new Promise((r) => setTimeout(r, 1500));
      const later = await scrape();
      expect(metricValue(later, 'fairops_outbox_lag_seconds')!).toBeGreaterThanOrEqual(first + 1.4);
      expect(metricValue(later, 'fairops_outbox_pending')).toBe(1);
    } finally {
      await holder.query('COMMIT');
      await holder.end();
    }
    await eventually(async () => (metricValue(await scrape(), 'fairops_outbox_lag_seconds') === 0 ? true : undefined), 10000, 'the outbox lag back to 0');
    await eventually(async () => ((await t.get(JobProbesService).get(probe.id)).processedAt ? true : undefined), 20000, 'the probe processed');
  });
});

describe('where metrics are served', () => {
  it('without METRICS_TOKEN: /metrics on the API port is not found; METRICS_PORT serves them on the loopback', async () => {
    const port = await freePort();
    const t = await startTestApp({ env: { METRICS_PORT: String(port) } });
    try {
      const res = await t.http().get('/metrics').expect(404);
      expect(res.text).not.toContain('fairops_');
      const scraped = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(scraped.status).toBe(200);
      expect(metricValue(await parseMetrics(await scraped.text()), 'fairops_ready')).toBe(1);
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('with neither: no /metrics anywhere', async () => {
    const t = await startTestApp();
    try {
      expect((await t.http().get('/metrics').expect(404)).body).toMatchObject({ statusCode: 404 });
    } finally {
      await t.close();
    }
  });

  it('refuses a metrics port beyond the loopback without a token, naming both variables', async () => {
    await expect(startTestApp({ env: { METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' } })).rejects.toThrow(
      'Invalid configuration: METRICS_HOST=0.0.0.0 needs METRICS_TOKEN',
    );
  });

  it('a worker process serves its own metrics on METRICS_PORT, with the token, including the jobs it ran', async () => {
    const t = await startTestApp();
    const port = await freePort();
    const worker = startProcess('worker', { ...processEnv(t.config, await freePort()), METRICS_PORT: String(port), METRICS_TOKEN: TOKEN });
    try {
      const url = `http://127.0.0.1:${port}/metrics`;
      await eventually(async () => ((await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } })).status === 200 ? true : undefined), 30000, `the worker's metrics; output:\n${worker.output()}`);
      expect((await fetch(url)).status).toBe(401);
      const probe = await t.get(JobProbesService).request(null);
      await eventually(async () => ((await t.get(JobProbesService).get(probe.id)).processedAt ? true : undefined), 30000, 'the probe');
      const families = await eventually(async () => {
        const m = await parseMetrics(await (await fetch(url, { headers: { authorization: `Bearer ${TOKEN}` } })).text());
        return metricValue(m, 'fairops_job_duration_seconds', { queue: 'system', job: 'system.probe', outcome: 'completed' }) === 1 ? m : undefined;
      }, 10000, 'the probe in the worker metrics');
      expect(metricValue(families, 'fairops_queue_jobs', { queue: 'system', state: 'failed' })).toBe(0);
      expect(metricValue(families, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
      // The worker has no HTTP API: no request is timed there.
      expect(metricValue(families, 'fairops_http_request_duration_seconds')).toBe(0);
    } finally {
      worker.child.kill('SIGTERM');
      await worker.exited;
      await t.close();
    }
  });
});
