import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Middleware } from 'openapi-fetch';
import { createFairOpsClient, type FairOpsClient } from '@fairops/api-client';

const API_CLIENT_DIR = resolve(__dirname, '../libs/api-client');
import { TestApp, startTestApp } from './support/test-app';
import { LoggedIn, makeEdition, makeUser } from './support/factories';
import { contractChecker } from './support/contract-check';

interface Schema {
  type?: string;
  $ref?: string;
  default?: unknown;
  required?: string[];
  properties?: Record<string, Schema>;
  additionalProperties?: unknown;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
}

/** The generated client (libs/api-client), as the web apps use it, against a real app on a port. */
describe('the generated API client', () => {
  let t: TestApp;
  let baseUrl: string;
  let admin: LoggedIn;
  let juror: LoggedIn;
  let editionId: string;

  /** The client, with every response it receives checked against the document like the harness's. */
  const client = (token?: string): FairOpsClient => {
    const api = createFairOpsClient(baseUrl, token);
    const checker = contractChecker(t.document);
    const check: Middleware = {
      async onResponse({ request, response }) {
        const text = await response.clone().text();
        const type = response.headers.get('content-type') ?? '';
        checker.check({
          req: { method: request.method, path: new URL(request.url).pathname },
          status: response.status,
          headers: { ...Object.fromEntries(response.headers), 'content-length': String(Buffer.byteLength(text)) },
          body: type.includes('json') && text ? JSON.parse(text) : text,
        } as never);
        return undefined;
      },
    };
    api.use(check);
    return api;
  };

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    admin = await makeUser(t, 'admin');
    juror = await makeUser(t, 'jury');
    editionId = (await makeEdition(t)).id;
  });
  afterAll(() => t.close());

  it('is current: regenerating the document and the client from the app changes nothing (needs npm run build)', () => {
    // `npm run client:generate`'s own code (openapi-typescript is ESM inside: it runs in node, not in jest), into a scratch directory.
    const out = mkdtempSync(join(tmpdir(), 'fairops-client-'));
    execFileSync(process.execPath, [resolve(__dirname, '../dist/libs/api-client/generate.js'), '--out', out], { stdio: 'pipe' });
    const document = readFileSync(join(out, 'openapi.json'), 'utf8');
    // The document the running app serves, built the same way, and the one committed.
    expect(JSON.parse(document)).toEqual(t.document);
    expect(document).toBe(readFileSync(resolve(API_CLIENT_DIR, 'openapi.json'), 'utf8'));
    expect(readFileSync(join(out, 'schema.ts'), 'utf8')).toBe(readFileSync(resolve(API_CLIENT_DIR, 'src/schema.ts'), 'utf8'));
  });

  it('compiles under strict, and types every JSON body a client reads (no Record<string, never>)', () => {
    execFileSync(resolve('node_modules/.bin/tsc'), ['--noEmit', '-p', resolve(API_CLIENT_DIR, 'tsconfig.json')], { stdio: 'pipe' });
    const types = readFileSync(resolve(API_CLIENT_DIR, 'src/schema.ts'), 'utf8');
    // openapi-typescript's own empty placeholders for webhooks and $defs are the only ones.
    expect(types.split('\n').filter((l) => l.includes('Record<string, never>')).map((l) => l.trim())).toEqual([
      'export type webhooks = Record<string, never>;',
      'export type $defs = Record<string, never>;',
    ]);
    // And in the document: no object without properties unless it says it is a free-form map.
    const bare: string[] = [];
    const visit = (schema: Schema | undefined, where: string) => {
      if (!schema || schema.$ref) return;
      if (schema.type === 'object' && !schema.properties && !schema.allOf && !schema.oneOf && schema.additionalProperties === undefined) bare.push(where);
      Object.entries(schema.properties ?? {}).forEach(([k, v]) => visit(v, `${where}.${k}`));
      visit(schema.items, `${where}[]`);
      [...(schema.allOf ?? []), ...(schema.oneOf ?? [])].forEach((s, i) => visit(s, `${where}|${i}`));
    };
    const doc = t.document as unknown as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: Schema }> }> }>>; components: { schemas: Record<string, Schema> } };
    for (const [name, schema] of Object.entries(doc.components.schemas)) visit(schema, name);
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [status, r] of Object.entries(op.responses)) visit(r.content?.['application/json']?.schema, `${method} ${path} ${status}`);
      }
    }
    expect(bare).toEqual([]);
  });

  it('requires no optional request field: no request property carries a default', () => {
    const doc = t.document as unknown as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> } }>>; components: { schemas: Record<string, Schema> } };
    const seen = new Set<string>();
    const withDefault: string[] = [];
    const visit = (schema: Schema | undefined, where: string) => {
      if (!schema) return;
      if (schema.$ref) {
        const name = schema.$ref.split('/').pop()!;
        if (seen.has(name)) return;
        seen.add(name);
        visit(doc.components.schemas[name], name);
        return;
      }
      for (const [k, v] of Object.entries(schema.properties ?? {})) {
        if (v.default !== undefined) withDefault.push(`${where}.${k}`);
        visit(v, `${where}.${k}`);
      }
      visit(schema.items, `${where}[]`);
    };
    for (const ops of Object.values(doc.paths)) for (const op of Object.values(ops)) for (const c of Object.values(op.requestBody?.content ?? {})) visit(c.schema, 'body');
    expect(seen.size).toBeGreaterThan(30);
    expect(withDefault).toEqual([]);
  });

  it('keeps consent on a PATCH that leaves it out', async () => {
    const api = client(admin.token);
    const created = await api.POST('/api/v1/attendees', { body: { editionId, firstName: 'Salma', lastName: 'Idrissi', email: 'salma.idrissi@example.ma', category: 'visitor', consentShareContact: true } });
    expect(created.response.status).toBe(201);
    const id = created.data!.id;
    // Only the job title: a client need not (and does not) send consentShareContact.
    const patched = await api.PATCH('/api/v1/attendees/{id}', { params: { path: { id } }, body: { jobTitle: 'Acheteuse' } });
    expect(patched.data).toMatchObject({ jobTitle: 'Acheteuse', consentShareContact: true });
    const read = await api.GET('/api/v1/attendees/{id}', { params: { path: { id } } });
    expect(read.data?.consentShareContact).toBe(true);
  });

  it('drives the jury flow: list my prizes, read criteria and nominees, score, submit', async () => {
    const hour = 3600_000;
    const office = client(admin.token);
    const prize = await office.POST('/api/v1/awards/prizes', {
      body: {
        editionId,
        name: 'Prix de l’accueil',
        scoringOpensAt: new Date(Date.now() - hour).toISOString(),
        scoringClosesAt: new Date(Date.now() + hour).toISOString(),
        criteria: [
          { name: 'Accueil', weight: 70 },
          { name: 'Signalétique', weight: 30 },
        ],
      },
    });
    expect(prize.response.status).toBe(201);
    const prizeId = prize.data!.id;
    for (const name of ['Stand Atlas', 'Stand Rif']) {
      expect((await office.POST('/api/v1/awards/prizes/{id}/nominees', { params: { path: { id: prizeId } }, body: { name } })).response.status).toBe(201);
    }
    expect((await office.PUT('/api/v1/awards/prizes/{id}/jurors', { params: { path: { id: prizeId } }, body: { jurorIds: [juror.actor.id] } })).response.status).toBe(200);

    const jury = client(juror.token);
    const mine = await jury.GET('/api/v1/jury/prizes');
    const listed = mine.data!.items.find((p) => p.id === prizeId)!;
    expect(listed.ballot.locked).toBe(false);
    const opened = await jury.GET('/api/v1/jury/prizes/{id}', { params: { path: { id: prizeId } } });
    const { criteria, nominees, scale } = opened.data!;
    expect(criteria.map((c) => c.name)).toEqual(['Accueil', 'Signalétique']);
    expect(nominees.map((n) => n.name).sort()).toEqual(['Stand Atlas', 'Stand Rif']);
    for (const nominee of nominees) {
      const scored = await jury.PUT('/api/v1/jury/prizes/{id}/nominees/{nomineeId}/scores', {
        params: { path: { id: prizeId, nomineeId: nominee.id } },
        body: { scores: criteria.map((c) => ({ criterionId: c.id, value: scale.max })), comment: 'Très bon accueil' },
      });
      expect(scored.data?.scores).toHaveLength(criteria.length);
    }
    const submitted = await jury.POST('/api/v1/jury/prizes/{id}/ballot/submit', { params: { path: { id: prizeId } } });
    expect(submitted.data?.ballot.locked).toBe(true);
    expect(submitted.data?.nominees.every((n) => n.scoredCriteria === criteria.length)).toBe(true);
    // After submitting, a score is refused in the common error body, typed as such.
    const late = await jury.PUT('/api/v1/jury/prizes/{id}/nominees/{nomineeId}/scores', {
      params: { path: { id: prizeId, nomineeId: nominees[0].id } },
      body: { scores: [{ criterionId: criteria[0].id, value: scale.min }] },
    });
    expect(late.response.status).toBe(409);
    expect(late.error?.error).toBe('ballot_locked');
  });
});
