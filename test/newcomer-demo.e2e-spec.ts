import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { createTestDatabase } from './support/test-database';
import { FairopsProcess, freePort, newcomerEnv, scratchDataDir, startProcess, waitForOutput } from './support/processes';

const BANNER_END = 'Press Ctrl-C to stop.';

type Schema = { $ref?: string; type?: string; format?: string; example?: unknown; properties?: Record<string, Schema>; items?: Schema; enum?: unknown[]; default?: unknown };
interface Media { schema?: Schema; example?: unknown; examples?: Record<string, { value: unknown }> }
interface Operation {
  summary?: string;
  description?: string;
  parameters?: Array<{ name: string; in: string; example?: unknown; schema?: Schema }>;
  requestBody?: { content: Record<string, Media> };
}
interface Doc { info: { description: string }; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } }

/**
 * The body Swagger UI's "Try it out" fills in: the media type's example, else one built from the schema
 * (every property, optional ones too: its example, else a placeholder of its type, as Swagger UI does).
 */
function prefilledBody(doc: Doc, op: Operation): Record<string, unknown> {
  const media = op.requestBody!.content['application/json'];
  if (media.example !== undefined) return media.example as Record<string, unknown>;
  if (media.examples) return Object.values(media.examples)[0].value as Record<string, unknown>;
  const sample = (schema: Schema): unknown => {
    if (schema.$ref) return sample(doc.components.schemas[schema.$ref.split('/').pop()!]);
    if (schema.example !== undefined) return schema.example;
    if (schema.properties) return Object.fromEntries(Object.entries(schema.properties).map(([k, s]) => [k, sample(s)]));
    if (schema.enum) return schema.enum[0];
    if (schema.type === 'array') return [sample(schema.items ?? { type: 'string' })];
    if (schema.format === 'uuid') return '3fa85f64-5717-4562-b3fc-2c963f66afa6';
    if (schema.format === 'date-time') return new Date().toISOString();
    return { string: 'string', integer: 0, number: 0, boolean: true }[schema.type ?? 'string'];
  };
  return sample(media.schema!) as Record<string, unknown>;
}

/** The query Swagger UI fills in: the parameters that have an example. */
function prefilledQuery(op: Operation): URLSearchParams {
  const query = new URLSearchParams();
  for (const p of op.parameters ?? []) {
    const example = p.example ?? p.schema?.example;
    if (p.in === 'query' && example !== undefined) query.set(p.name, String(example));
  }
  return query;
}

/** Addresses the process listens on for `port`, from the kernel's socket tables. */
function listeningAddresses(port: number): string[] {
  const found: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    if (!existsSync(table)) continue;
    for (const line of readFileSync(table, 'utf8').trim().split('\n').slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [hexAddress, hexPort] = local.split(':');
      if (state !== '0A' || parseInt(hexPort, 16) !== port) continue;
      if (hexAddress.length === 8) found.push(Buffer.from(hexAddress, 'hex').reverse().join('.'));
      else found.push(hexAddress === '0'.repeat(32) ? '::' : hexAddress);
    }
  }
  return found;
}

/** Sends raw bytes as one HTTP request and returns the status line, headers and body. */
function rawRequest(port: number, request: Buffer): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolvePromise, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    let data = '';
    socket.on('data', (d) => (data += d));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...rest] = data.split('\r\n\r\n');
      const [statusLine, ...headerLines] = head.split('\r\n');
      const headers = Object.fromEntries(headerLines.map((h) => [h.slice(0, h.indexOf(':')).toLowerCase(), h.slice(h.indexOf(':') + 1).trim()]));
      let body = rest.join('\r\n\r\n');
      if (headers['transfer-encoding'] === 'chunked') body = body.replace(/^[0-9a-f]+\r\n/i, '').replace(/\r\n0\r\n\r\n$/, '');
      resolvePromise({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
  });
}

describe('the first ten minutes: npm start with the demo, as a newcomer runs it', () => {
  let demo: FairopsProcess;
  let base: string;
  let dataDir: string;

  const login = async (email = 'desk1@siccam.demo') => {
    const res = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: 'siccam2027' }) });
    return { Authorization: `Bearer ${((await res.json()) as { accessToken: string }).accessToken}` };
  };

  beforeAll(async () => {
    dataDir = scratchDataDir();
    // No HOST, no LOG_LEVEL: the defaults a newcomer gets. A database of its own instead of the embedded one.
    demo = startProcess('standalone', newcomerEnv(await freePort(), dataDir, { DATABASE_URL: await createTestDatabase(), SEED_DEMO: 'true' }));
    await waitForOutput(demo, BANNER_END, 150000);
    base = `http://127.0.0.1:${demo.port}`;
  }, 180000);

  afterAll(async () => {
    if (demo.child.exitCode === null) demo.child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts quietly and prints the banner last', async () => {
    await new Promise((r) => setTimeout(r, 1500));
    const out = demo.output().trimEnd().split('\n');
    expect(out.at(-1)).toBe(BANNER_END);
    expect(out.filter((l) => l.startsWith('{'))).toEqual([]);
    expect(out.length).toBeLessThan(30);
  });

  it('listens on 127.0.0.1 only, and the banner says how to open it to the network and not to expose the demo accounts', async () => {
    expect(listeningAddresses(demo.port)).toEqual(['127.0.0.1']);
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      const refused = await new Promise<boolean>((r) => connect(demo.port, external.address).on('connect', () => r(false)).on('error', () => r(true)));
      expect(refused).toBe(true);
    }
    expect(demo.output()).toContain(`http://localhost:${demo.port}/docs`);
    expect(demo.output()).toMatch(/127\.0\.0\.1/);
    expect(demo.output()).toContain('HOST=0.0.0.0');
    expect(demo.output()).toMatch(/demo accounts.*must not be exposed/);
  });

  it('runs a local mailbox and says where to read it', async () => {
    expect(demo.output()).toContain(`Mailbox:  http://localhost:${demo.port}/mailbox`);
    const page = await fetch(`${base}/mailbox`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await page.text()).toContain('<h1>Local mailbox</h1>');
  });

  it('answers /api/v1 with a small index and / with the web app', async () => {
    const index = await fetch(`${base}/api/v1`);
    expect(index.status).toBe(200);
    expect(await index.json()).toEqual({ name: 'FairOps API', version: expect.any(String), docs: '/docs', openApi: '/docs-json', health: '/health/ready' });
    const root = await fetch(`${base}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect(await root.text()).toContain('<div id="root"></div>');
  });

  it("replays the docs page's own examples for log-in, attendee search, credential and scan, and gets 2xx", async () => {
    const doc = (await (await fetch(`${base}/docs-json`)).json()) as Doc;
    const loginOp = doc.paths['/api/v1/auth/login'].post;
    const searchOp = doc.paths['/api/v1/attendees'].get;
    const credentialOp = doc.paths['/api/v1/attendees/{id}/credential'].get;
    const scanOp = doc.paths['/api/v1/checkin/scans'].post;
    const printOp = doc.paths['/api/v1/badges/print-jobs'].post;
    for (const op of [loginOp, searchOp, credentialOp, scanOp, printOp]) expect({ op: op.summary, described: (op.description ?? '').length > 40 }).toEqual({ op: op.summary, described: true });
    expect(doc.info.description).toContain('desk1@siccam.demo');
    expect(doc.info.description).toContain('siccam2027');

    const loggedIn = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(prefilledBody(doc, loginOp)) });
    expect(loggedIn.status).toBe(200);
    const auth = { Authorization: `Bearer ${((await loggedIn.json()) as { accessToken: string }).accessToken}` };

    const search = await fetch(`${base}/api/v1/attendees?${prefilledQuery(searchOp)}`, { headers: auth });
    expect(search.status).toBe(200);
    const found = ((await search.json()) as { items: Array<{ id: string }> }).items;
    expect(found.length).toBeGreaterThan(0);

    const credential = await fetch(`${base}/api/v1/attendees/${found[0].id}/credential`, { headers: auth });
    expect(credential.status).toBe(200);
    const { code } = (await credential.json()) as { code: string };

    const prefilled = prefilledBody(doc, scanOp);
    expect(String(prefilled.code)).toContain('GET /api/v1/attendees/{id}/credential');
    expect(prefilled.editionId).toBeUndefined();
    // The docs page gives each try a fresh nonce (see its request interceptor); the test does the same.
    const scan = async (body: Record<string, unknown>) => {
      const res = await fetch(`${base}/api/v1/checkin/scans`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ ...body, nonce: randomUUID() }) });
      return { status: res.status, body: (await res.json()) as { result?: string } };
    };
    expect(await scan(prefilled)).toEqual({ status: 200, body: { result: 'invalid' } });
    // The search's example finds people a scan admits today who are not in yet: the first scan is ok.
    const real = await scan({ ...prefilled, code });
    expect({ status: real.status, result: real.body.result }).toEqual({ status: 200, result: 'ok' });

    // The authorization survives a reload of the page, and the page makes the nonce of each try.
    const init = await (await fetch(`${base}/docs/swagger-ui-init.js`)).text();
    expect(init).toMatch(/"persistAuthorization": true/);
    expect(init).toContain('requestInterceptor');
  });

  it('runs the README\'s "Try the desk" block, copied as it is: ok, then already_checked_in, then a PDF', async () => {
    const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
    const section = readme.split(/^## /m).find((s) => s.startsWith('Try the desk'));
    expect(section).toBeDefined();
    const block = /```sh\n([\s\S]*?)```/.exec(section!)![1];
    const cwd = scratchDataDir();
    try {
      const { stdout, stderr } = await promisify(execFile)('bash', ['-c', block], { cwd, env: { PATH: process.env.PATH, HOME: cwd, PORT: String(demo.port) }, timeout: 60000 });
      const answers = stdout.split('\n').filter((l) => ['ok', 'already_checked_in', 'ready'].includes(l.trim()));
      expect({ answers, stderr }).toEqual({ answers: ['ok', 'already_checked_in', 'ready'], stderr: '' });
      expect(stdout.trimEnd().split('\n').at(-1)).toMatch(/^%PDF-/);
      expect(readFileSync(join(cwd, 'badge.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  });

  it("the README's log-in one-liner: a token, or a readable message and a non-zero exit on a wrong password or when nothing answers", async () => {
    const readme = readFileSync(resolve(__dirname, '../README.md'), 'utf8');
    const trying = readme.split(/^## /m).find((s) => s.startsWith('Trying it'))!;
    const block = [...trying.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes('TOKEN=$('))!;
    const run = (script: string, port: number) =>
      promisify(execFile)('bash', ['-e', '-c', script], { env: { PATH: process.env.PATH, PORT: String(port) }, timeout: 30000 }).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );
    const fine = await run(block, demo.port);
    expect(fine.code).toBe(0);
    expect(fine.stdout).toContain('desk1@siccam.demo');
    const wrong = await run(block.replace('siccam2027', 'not-the-password'), demo.port);
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/log-in failed: .*email or password is incorrect/);
    expect(wrong.stdout).toBe('');
    const nobody = await run(block, await freePort());
    expect(nobody.code).not.toBe(0);
    expect(nobody.stderr).toMatch(/log-in failed: no answer from the server/);
  });

  it('answers raw non-ASCII in a query string decoded, or as a 400 in the common error shape with its request id', async () => {
    const auth = await login();
    const res = await rawRequest(demo.port, Buffer.from(`GET /api/v1/attendees?q=hélène HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${auth.Authorization}\r\nConnection: close\r\n\r\n`, 'utf8'));
    if (res.status === 200) {
      expect(JSON.parse(res.body).items.length).toBeGreaterThan(0);
    } else {
      const body = JSON.parse(res.body);
      expect(res.status).toBe(400);
      expect(body).toEqual({ statusCode: 400, error: expect.any(String), message: expect.stringMatching(/percent-encoded/), requestId: expect.any(String) });
      expect(res.headers['x-request-id']).toBe(body.requestId);
    }
  });

  it('says which attendees are checked in today, and the list filters on it', async () => {
    const auth = await login();
    const page = async (checkedIn: string) => (await (await fetch(`${base}/api/v1/attendees?checkedIn=${checkedIn}&limit=100`, { headers: auth })).json()) as { total: number; items: Array<{ checkedInToday: boolean; checkedInTodayAt: string | null }> };
    const all = (await (await fetch(`${base}/api/v1/attendees?limit=1`, { headers: auth })).json()) as { total: number };
    const [yes, no] = [await page('true'), await page('false')];
    expect(yes.total + no.total).toBe(all.total);
    expect(yes.items.every((a) => a.checkedInToday && a.checkedInTodayAt !== null)).toBe(true);
    expect(no.items.every((a) => !a.checkedInToday && a.checkedInTodayAt === null)).toBe(true);
  });

  it('stops on Ctrl-C and says "Stopped."', async () => {
    demo.child.kill('SIGINT');
    expect(await demo.exited).toBe(0);
    expect(demo.output().trimEnd().split('\n').at(-1)).toBe('Stopped.');
  });
});
