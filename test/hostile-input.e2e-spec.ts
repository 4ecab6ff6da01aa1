import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, makeEdition, makeExhibitor, makeUser } from './support/factories';

interface Operation {
  parameters?: Array<{ name: string; in: 'path' | 'query'; schema?: { type?: string; format?: string } }>;
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, unknown>;
}
interface Schema {
  type?: string;
  enum?: unknown[];
  $ref?: string;
  allOf?: Schema[];
  items?: Schema;
  properties?: Record<string, Schema>;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** One request: who sends it, and what the edge must answer when that is certain. */
interface Case {
  method: string;
  url: string;
  who: Caller;
  body?: string;
  headers?: Record<string, string>;
  /** What the edge answers whatever the route and the caller: status, error code, and the fields named. */
  expect?: { status: number; error: string; fields?: string[]; inSlot?: boolean };
  what: string;
}

type Caller = 'admin' | 'desk' | 'jury' | 'exhibitor' | 'no token';

/** How many requests run at once: enough to keep the API busy, few enough for a 2-core machine. */
const CONCURRENCY = 8;
/** `HOSTILE_INPUT_REPORT=<file>`: where the fault suite reads how many requests were sent and how they ended. */
const REPORT = process.env.HOSTILE_INPUT_REPORT;
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

/** Values of the wrong kind for a property of the given type. */
function wrongFor(type: string | undefined): unknown[] {
  switch (type) {
    case 'string':
      return [42, true, { nested: 'object' }, ['a'], 'x'.repeat(100_000), '', '\u0000\u202e<script>'];
    case 'number':
    case 'integer':
      return ['forty-two', -1e308, 1e308, 3.7, null, [1]];
    case 'boolean':
      return ['yes', 2, null];
    case 'array':
      return ['not-an-array', [null, 42, { a: 1 }], Array.from({ length: 10_001 }, () => 'x')];
    default:
      return [42, 'text', null, [], {}];
  }
}

/** `{"a":[[[ … ]]]}`, `depth` arrays deep. */
const nested = (depth: number) => `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;

/** Sets `value` at a path such as `days.0.date`, making arrays for numeric parts. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node: Record<string, unknown> = target;
  parts.forEach((part, i) => {
    if (i === parts.length - 1) node[part] = value;
    else node = (node[part] ??= /^\d+$/.test(parts[i + 1]) ? [] : {}) as Record<string, unknown>;
  });
}

/**
 * Every route of the OpenAPI document, called with generated hostile input: as every role and with no
 * token, NUL and control characters in every string field and query parameter, JSON nested 2,000 deep,
 * compressed bodies that do not decompress, bodies of the wrong type; as an admin and as each caller,
 * malformed JSON, wrong types, huge strings, unknown fields, bad ids, random ids. Nothing may answer 5xx,
 * every error answers in the common shape, and what the edge refuses it refuses whoever asks.
 */
describe('hostile input on every documented route', () => {
  let t: TestApp;
  let base: string;
  let callers: Record<Caller, Record<string, string>>;
  let doc: Doc;
  const sent = { requests: 0, serverErrors: 0, notInShape: 0, unexpected: 0, noAnswer: 0 };

  beforeAll(async () => {
    t = await startTestApp();
    const edition = await makeEdition(t);
    const exhibitor = await makeExhibitor(t, edition.id);
    const auth = (u: LoggedIn) => u.auth;
    callers = {
      admin: auth(await makeUser(t, 'admin')),
      desk: auth(await makeUser(t, 'desk')),
      jury: auth(await makeUser(t, 'jury')),
      exhibitor: auth(await makeUser(t, 'exhibitor', { exhibitorId: exhibitor.id })),
      'no token': {},
    };
    const server = t.app.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    doc = (await t.http().get('/docs-json').expect(200)).body;
  });
  afterAll(async () => {
    if (REPORT) writeFileSync(REPORT, JSON.stringify(sent));
    agent.destroy();
    await t.close();
  });

  const resolveSchema = (s: Schema | undefined): Schema | undefined =>
    s?.$ref ? doc.components.schemas[s.$ref.split('/').pop()!] : s?.allOf?.length ? resolveSchema(s.allOf[0]) : s;

  function bodySchema(op: Operation): Schema | undefined {
    return resolveSchema(op.requestBody && Object.values(op.requestBody.content)[0]?.schema);
  }

  /** Paths of every string field of a body schema, into nested objects and arrays (`days.0.date`). */
  function stringFields(schema: Schema | undefined, prefix = '', depth = 0): string[] {
    if (!schema?.properties || depth > 4) return [];
    return Object.entries(schema.properties).flatMap(([name, raw]) => {
      const path = prefix ? `${prefix}.${name}` : name;
      const prop = resolveSchema(raw) ?? {};
      if (prop.type === 'string' || typeof prop.enum?.[0] === 'string') return [path];
      if (prop.type === 'array') {
        const items = resolveSchema(prop.items) ?? {};
        return items.type === 'string' ? [`${path}.0`] : stringFields(items, `${path}.0`, depth + 1);
      }
      return stringFields(prop, path, depth + 1);
    });
  }

  /** node:http rather than fetch, which will not send a body with a GET. */
  function request(c: Case): Promise<{ status: number; text: string }> {
    const body = c.body === undefined ? undefined : Buffer.from(c.body);
    return new Promise((resolve, reject) => {
      const req = httpRequest(
        base + c.url,
        { method: c.method.toUpperCase(), agent, timeout: 20_000, headers: { ...callers[c.who], ...c.headers, ...(body && { 'Content-Length': String(body.length) }) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Sends one case and returns what is wrong with the answer, if anything. */
  async function send(c: Case): Promise<string | undefined> {
    sent.requests++;
    const where = `${c.what}: ${c.method.toUpperCase()} ${c.url.slice(0, 100)} as ${c.who}`;
    let status: number;
    let text: string;
    try {
      ({ status, text } = await request(c));
    } catch (error) {
      sent.noAnswer++;
      return `${where} → no answer (${(error as Error).message})`;
    }
    if (status >= 500) {
      sent.serverErrors++;
      return `${where} → ${status} ${text.slice(0, 200)}`;
    }
    if (c.expect?.inSlot && status === 200) {
      // The offline batch answers a scan's bad field in that scan's slot (the batch is 200), by the scan's field name.
      const slot = (JSON.parse(text) as { results: Array<{ error?: string; details?: Array<{ field: string }> }> }).results[0];
      const fields = (slot.details ?? []).map((d) => d.field).sort();
      const expected = c.expect.fields!.map((f) => f.replace(/^scans\.0\./, '')).sort();
      if (slot.error === c.expect.error && JSON.stringify(fields) === JSON.stringify(expected)) return undefined;
      sent.unexpected++;
      return `${where} → 200 ${text.slice(0, 300)}, expected ${JSON.stringify(expected)} in slot 0`;
    }
    if (status < 400) return c.expect ? (sent.unexpected++, `${where} → ${status}, expected ${c.expect.status}`) : undefined;
    let body: { statusCode?: unknown; error?: unknown; message?: unknown; requestId?: unknown; details?: Array<{ field: string }> };
    try {
      body = JSON.parse(text);
    } catch {
      body = {};
    }
    if (body.statusCode !== status || typeof body.error !== 'string' || typeof body.message !== 'string' || typeof body.requestId !== 'string') {
      sent.notInShape++;
      return `${where} → ${status} not in the common shape: ${text.slice(0, 160)}`;
    }
    const e = c.expect;
    // A scan's field is checked in its slot, after the route's guard: a caller without the role gets 401/403 first.
    if (e?.inSlot && (status === 401 || status === 403)) return undefined;
    if (e && (status !== e.status || body.error !== e.error || (e.fields && JSON.stringify((body.details ?? []).map((d) => d.field).sort()) !== JSON.stringify([...e.fields].sort())))) {
      sent.unexpected++;
      return `${where} → ${status} ${text.slice(0, 300)}, expected ${JSON.stringify(e)}`;
    }
    return undefined;
  }

  /** Runs the cases CONCURRENCY at a time; the failures, in no particular order. */
  async function sendAll(cases: Case[]): Promise<string[]> {
    const failures: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < cases.length) {
          const failure = await send(cases[next++]);
          if (failure) failures.push(failure);
        }
      }),
    );
    return failures;
  }

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ path, method, op, takesMultipart: !!op.requestBody?.content['multipart/form-data'] })),
    );
  const withIds = (path: string, id: string) => path.replace(/\{[^}]+\}/g, id);
  const json = { 'Content-Type': 'application/json' };

  it('refuses NUL, control characters, deep nesting, broken compression and wrong content types on every route, for every caller', async () => {
    const cases: Case[] = [];
    const who = Object.keys(callers) as Caller[];
    for (const { path, method, op, takesMultipart } of operations()) {
      const url = withIds(path, randomUUID());
      const fields = stringFields(bodySchema(op));
      const query = (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
      const queryWith = (value: string) => `${url}?${query.map((q) => `${q}=${encodeURIComponent(value)}`).join('&')}`;
      const bodyWith = (paths: string[], value: string) => {
        const body: Record<string, unknown> = {};
        for (const f of paths) setPath(body, f, value);
        return JSON.stringify(body);
      };
      for (const caller of who) {
        const add = (what: string, c: Omit<Case, 'method' | 'url' | 'who' | 'what'> & { url?: string }) => cases.push({ method, url, who: caller, what, ...c });
        // Every string field on its own, then all of them at once; each named by its path. The offline batch's
        // scans are the exception: each scan's strings are refused in its own slot (request-input.ts).
        const inSlot = method === 'post' && path === '/api/v1/checkin/scans/batch';
        for (const f of fields) {
          add(`NUL in ${f}`, { body: bodyWith([f], `a\u0000b`), headers: json, expect: { status: 400, error: 'validation_failed', fields: [f], inSlot } });
        }
        if (fields.length) {
          add('ESC in every string field', { body: bodyWith(fields, 'Aïcha\u001b[31m'), headers: json, expect: { status: 400, error: 'validation_failed', fields, inSlot } });
          add('BEL and C1 controls in every string field', { body: bodyWith(fields, 'x\u0007\u0085'), headers: json, expect: { status: 400, error: 'validation_failed', fields, inSlot } });
        }
        for (const q of query) {
          add(`NUL in ?${q}`, { url: `${url}?${q}=a%00b`, expect: { status: 400, error: 'validation_failed', fields: [q] } });
        }
        if (query.length) add('ESC in every query parameter', { url: queryWith('x\u001b'), expect: { status: 400, error: 'validation_failed', fields: query } });
        if (path.includes('{')) add('NUL in the path', { url: withIds(path, '%00'), expect: { status: 400, error: 'validation_failed', fields: ['path'] } });
        add('JSON nested 2,000 deep', { body: nested(2000), headers: json, expect: { status: 400, error: 'too_deeply_nested' } });
        add('gzip that is not gzip', { body: '{"a":1}', headers: { ...json, 'Content-Encoding': 'gzip' }, expect: { status: 400, error: 'malformed_body' } });
        add('br that is not brotli', { body: '{}', headers: { ...json, 'Content-Encoding': 'br' }, expect: { status: 400, error: 'malformed_body' } });
        add('an encoding the API does not take', { body: '{}', headers: { ...json, 'Content-Encoding': 'compress' }, expect: { status: 415, error: 'unsupported_media_type' } });
        add('text/plain', { body: '{"a":1}', headers: { 'Content-Type': 'text/plain' }, expect: { status: 415, error: 'unsupported_media_type' } });
        add('a form', { body: 'a=1&b=2', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, expect: { status: 415, error: 'unsupported_media_type' } });
        add('no content type', { body: '{"a":1}', expect: { status: 415, error: 'unsupported_media_type' } });
        const multipart = `--b\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\nContent-Type: text/csv\r\n\r\nname,country,sector\r\nA\u0000,MA,x\r\n--b--\r\n`;
        const mp = { 'Content-Type': 'multipart/form-data; boundary=b' };
        // A CSV upload route takes multipart (and answers whatever its rules say); any other route refuses it.
        if (takesMultipart) add('multipart with a NUL in the file', { body: multipart, headers: mp });
        else add('multipart', { body: multipart, headers: mp, expect: { status: 415, error: 'unsupported_media_type' } });
      }
    }
    const failures = await sendAll(cases);
    expect(cases.length).toBeGreaterThan(3000);
    expect(failures).toEqual([]);
  });

  it('never answers 5xx to wrong types, huge strings, unknown fields or bad ids, and answers every error in the common shape', async () => {
    const cases: Case[] = [];
    for (const { path, method, op } of operations()) {
      if (path.endsWith('/stream')) continue; // a valid request opens a stream that never ends
      const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path');
      const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
      const idVariants = pathParams.length ? ['not-a-uuid', randomUUID(), "1' OR '1'='1", '..%2F..%2Fetc', '%E0%A4%A'] : [''];
      const hostileQuery = new URLSearchParams(queryParams.map((q): [string, string] => [q.name, q.schema?.type === 'integer' ? '-5' : 'x'.repeat(5000)])).toString();
      const schema = bodySchema(op);
      const bodies: Array<string | undefined> = method === 'get' ? [undefined] : ['{}', '[]', '"just a string"', '12', 'null', '{"unknownField":"x","__proto__":{"polluted":true}}'];
      if (method !== 'get') {
        for (const [name, prop] of Object.entries(schema?.properties ?? {})) {
          for (const wrong of wrongFor(resolveSchema(prop)?.type)) bodies.push(JSON.stringify({ [name]: wrong, extra: 1 }));
        }
      }
      const body = (b: string | undefined) => (b === undefined ? {} : { body: b, headers: json });
      // Additive rather than every combination: each caller with each bad id; each hostile body and
      // query as an admin (who passes the role check and reaches the validation and the service).
      for (const id of idVariants) {
        for (const who of Object.keys(callers) as Caller[]) cases.push({ method, url: withIds(path, id), who, ...body(bodies[bodies.length - 1]), what: 'bad id' });
      }
      for (const b of bodies) cases.push({ method, url: withIds(path, randomUUID()), who: 'admin', ...body(b), what: 'hostile body' });
      cases.push({ method, url: `${withIds(path, randomUUID())}?${hostileQuery}`, who: 'admin', ...body(bodies[0]), what: 'hostile query' });
      cases.push({ method, url: `${withIds(path, randomUUID())}?${hostileQuery}&unknownQuery=1`, who: 'exhibitor', ...body(bodies[0]), what: 'hostile query' });
    }
    const failures = await sendAll(cases);
    expect(cases.length).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  });

  it('answers malformed JSON with 400 on every route that takes a body', async () => {
    const cases: Case[] = operations()
      .filter(({ op }) => op.requestBody?.content['application/json'])
      .map(({ path, method }) => ({
        method,
        url: withIds(path, randomUUID()),
        who: 'admin' as const,
        body: '{"broken": ',
        headers: json,
        expect: { status: 400, error: 'malformed_json' },
        what: 'malformed JSON',
      }));
    expect(await sendAll(cases)).toEqual([]);
  });
});
