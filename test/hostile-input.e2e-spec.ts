import { randomUUID } from 'node:crypto';
import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, makeEdition, makeExhibitor, makeUser } from './support/factories';

interface Operation {
  parameters?: Array<{ name: string; in: 'path' | 'query'; schema?: { type?: string; format?: string } }>;
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, unknown>;
}
interface Schema {
  properties?: Record<string, { type?: string; format?: string; items?: unknown; $ref?: string }>;
}

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

/**
 * Every route of the OpenAPI document, called with generated hostile input: malformed JSON, wrong types,
 * huge strings, unknown fields, bad ids, random ids. Nothing may answer 5xx, and every error answers in
 * the common shape.
 */
describe('hostile input on every documented route', () => {
  let t: TestApp;
  let callers: Record<string, LoggedIn>;
  let doc: { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

  beforeAll(async () => {
    t = await startTestApp();
    const edition = await makeEdition(t);
    const exhibitor = await makeExhibitor(t, edition.id);
    callers = {
      admin: await makeUser(t, 'admin'),
      desk: await makeUser(t, 'desk'),
      jury: await makeUser(t, 'jury'),
      exhibitor: await makeUser(t, 'exhibitor', { exhibitorId: exhibitor.id }),
    };
    doc = (await t.http().get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  function bodiesFor(op: Operation): unknown[] {
    const ref = op.requestBody && Object.values(op.requestBody.content)[0]?.schema?.$ref;
    const schema = ref ? doc.components.schemas[ref.split('/').pop()!] : undefined;
    const bodies: unknown[] = [{}, [], '"just a string"', '12', 'null', { unknownField: 'x', ['__proto__']: { polluted: true } }];
    for (const [name, prop] of Object.entries(schema?.properties ?? {})) {
      for (const wrong of wrongFor(prop.type)) bodies.push({ [name]: wrong, extra: 1 });
    }
    return bodies;
  }

  it('never answers 5xx, and answers every error in the common shape', async () => {
    const failures: string[] = [];
    let calls = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (path.endsWith('/stream')) continue; // server-sent events never end
        const pathParams = (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query');
        const idVariants = pathParams.length ? ['not-a-uuid', randomUUID(), '%00', "1' OR '1'='1", '..%2F..%2Fetc'] : [''];
        const withId = (id: string) => pathParams.reduce((p, name) => p.replace(`{${name}}`, id), path);
        const hostileQuery = Object.fromEntries(queryParams.map((q) => [q.name, q.schema?.type === 'integer' ? '-5' : 'x'.repeat(5000)]));
        const bodies = method === 'get' ? [undefined] : bodiesFor(op);
        // Additive rather than every combination: each caller with each bad id; each hostile body and
        // query as an admin (who passes the role check and reaches the validation and the service).
        const cases: Array<{ url: string; who: string; query: Record<string, string>; body: unknown }> = [
          ...idVariants.flatMap((id) => Object.keys(callers).map((who) => ({ url: withId(id), who, query: {}, body: bodies[bodies.length - 1] }))),
          ...bodies.map((body) => ({ url: withId(randomUUID()), who: 'admin', query: {}, body })),
          { url: withId(randomUUID()), who: 'admin', query: hostileQuery, body: bodies[0] },
          { url: withId(randomUUID()), who: 'exhibitor', query: { ...hostileQuery, unknownQuery: '1' }, body: bodies[0] },
        ];
        for (const { url, who, query, body } of cases) {
          let req = (t.http() as unknown as Record<string, (u: string) => import('supertest').Test>)[method](url).query(query).set(callers[who].auth);
          if (body !== undefined) req = typeof body === 'string' ? req.set('Content-Type', 'application/json').send(body) : req.send(body as object);
          const res = await req;
          calls++;
          const where = `${method.toUpperCase()} ${url.slice(0, 80)} as ${who} ${JSON.stringify(query).slice(0, 60)} ${JSON.stringify(body)?.slice(0, 60)}`;
          if (res.status >= 500) failures.push(`${where} → ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
          else if (res.status >= 400 && !(typeof res.body?.statusCode === 'number' && typeof res.body?.error === 'string' && typeof res.body?.message === 'string')) {
            failures.push(`${where} → ${res.status} not in the error shape: ${String(res.text).slice(0, 120)}`);
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(1000);
    expect(failures).toEqual([]);
  });

  it('answers malformed JSON with 400 on every route that takes a body', async () => {
    const failures: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!op.requestBody || !op.requestBody.content['application/json']) continue;
        const url = path.replace(/\{[^}]+\}/g, randomUUID());
        const res = await (t.http() as unknown as Record<string, (u: string) => import('supertest').Test>)[method](url)
          .set(callers.admin.auth)
          .set('Content-Type', 'application/json')
          .send('{"broken": ');
        if (res.status !== 400 || res.body.error !== 'malformed_json') failures.push(`${method.toUpperCase()} ${path} → ${res.status} ${res.body.error}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
