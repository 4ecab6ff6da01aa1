import { appendFileSync } from 'node:fs';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { Response } from 'supertest';

/**
 * Checks a response against the OpenAPI document the app serves: the status is documented for the
 * operation, the content type is one documented for that status, a JSON body matches its schema with
 * no undocumented fields (objects are closed unless the document says otherwise), and the headers that
 * carry meaning (Retry-After, x-request-id) are documented. The e2e harness runs it on every response.
 */

type Schema = Record<string, unknown>;
interface MediaType { schema?: Schema }
interface ResponseObject { content?: Record<string, MediaType>; headers?: Record<string, unknown> }
interface Operation { operationId?: string; responses: Record<string, ResponseObject> }
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/**
 * OpenAPI 3.0 schema → JSON Schema for ajv: `nullable` becomes a union with null, objects with
 * properties are closed (additionalProperties false) unless they say otherwise, refs point into the
 * registered document.
 */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, example: _example, ...rest } = schema as Schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === '$ref' && typeof value === 'string') out.$ref = value.replace(/^#\//, 'doc#/');
    else if (key === 'properties') out.properties = Object.fromEntries(Object.entries(value as Schema).map(([k, v]) => [k, toJsonSchema(v)]));
    else out[key] = toJsonSchema(value);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return nullable === true ? { anyOf: [out, { type: 'null' }] } : out;
}

interface Route { method: string; pattern: RegExp; params: number; template: string; op: Operation }

export interface ContractChecker {
  /** Throws an Error naming method, path, status and what does not match. */
  check(res: Response): void;
}

/** Counts over this test file, written to CONTRACT_REPORT (a file, one JSON line per test file) if set. */
export const contractStats = { validated: 0, mismatches: 0, undocumentedRoutes: 0 };

const checkers = new Map<string, ContractChecker>();

/**
 * The checker of a document (built once per document). `deliberate`: for the test that shows mismatches
 * are caught: its mismatches always throw and are not counted in the suite's figures.
 */
export function contractChecker(document: OpenApiDocument, options: { deliberate?: boolean } = {}): ContractChecker {
  const key = `${options.deliberate ? 'deliberate:' : ''}${JSON.stringify(document)}`;
  let checker = checkers.get(key);
  if (!checker) checkers.set(key, (checker = buildChecker(document, options.deliberate ?? false)));
  return checker;
}

function buildChecker(document: OpenApiDocument, deliberate: boolean): ContractChecker {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addFormat('binary', true);
  ajv.addSchema({ $id: 'doc', components: { schemas: toJsonSchema(document.components?.schemas ?? {}) } });
  const routes: Route[] = [];
  for (const [template, ops] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+');
      routes.push({ method: method.toUpperCase(), pattern: new RegExp(`^${source}$`), params: (template.match(/\{/g) ?? []).length, template, op });
    }
  }
  // A literal segment wins over a parameter: /program.ics before /program/{id}, …/cancel before …/{id}.
  routes.sort((a, b) => a.params - b.params);
  const validators = new Map<string, ValidateFunction>();
  const validatorFor = (cacheKey: string, schema: Schema) => {
    let validate = validators.get(cacheKey);
    if (!validate) validators.set(cacheKey, (validate = ajv.compile(toJsonSchema(schema) as Schema)));
    return validate;
  };
  const errorBody = document.components?.schemas?.ErrorBody ? { $ref: '#/components/schemas/ErrorBody' } : undefined;

  return {
    check(res: Response) {
      const req = (res as unknown as { req: { method: string; path: string } }).req;
      const method = req.method.toUpperCase();
      const path = decodeURI(req.path.split('?')[0]);
      const where = `${method} ${path} → ${res.status}`;
      // The docs themselves, the root redirect and the Prometheus scrape (text exposition format, its own
      // contract) are not API operations.
      if (path === '/' || path === '/docs' || path.startsWith('/docs/') || path.startsWith('/docs-') || path === '/metrics') return;
      const route = routes.find((r) => r.method === method && r.pattern.test(path));
      const problems: string[] = [];
      const contentType = String(res.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      let response: ResponseObject | undefined;
      let label: string;
      if (!route) {
        // No such operation: the framework's 404 (or 405), still in the common error body.
        if (!deliberate) contractStats.undocumentedRoutes++;
        label = 'no documented operation';
        if (res.status !== 404 && res.status !== 405) problems.push(`status ${res.status} from a route the document does not describe`);
        response = errorBody && { content: { 'application/json': { schema: errorBody } } };
      } else {
        label = `${route.op.operationId ?? '?'} (${route.method} ${route.template})`;
        response = route.op.responses[String(res.status)] ?? route.op.responses.default;
        if (!response) problems.push(`status ${res.status} is not documented (documented: ${Object.keys(route.op.responses).join(', ')})`);
      }
      if (response) {
        const media = response.content ?? {};
        const hasBody = Number(res.headers['content-length'] ?? 1) > 0 && res.status !== 204 && method !== 'HEAD' && contentType !== '';
        if (Object.keys(media).length === 0) {
          if (hasBody) problems.push(`a body (${contentType}) where the document says none`);
        } else if (!hasBody) {
          problems.push(`no body where the document says ${Object.keys(media).join(' or ')}`);
        } else if (!media[contentType]) {
          problems.push(`content type ${contentType} is not documented (documented: ${Object.keys(media).join(', ')})`);
        } else if (contentType === 'application/json' && media[contentType].schema) {
          const raw = res.body as unknown;
          // A test that reads a route's body as bytes (.parse(binary)) gets a Buffer, even for a JSON error.
          const body = Buffer.isBuffer(raw) ? JSON.parse(raw.toString('utf8')) : raw;
          const validate = validatorFor(`${route?.method} ${route?.template} ${res.status} ${contentType}`, media[contentType].schema!);
          if (!validate(body)) {
            problems.push(...(validate.errors ?? []).slice(0, 8).map((e) => `body${e.instancePath} ${e.message}${e.params && 'additionalProperty' in e.params ? ` '${String(e.params.additionalProperty)}'` : ''}`));
          }
        }
        const documentedHeaders = Object.keys(response.headers ?? {}).map((h) => h.toLowerCase());
        for (const header of ['retry-after', 'x-request-id']) {
          if (res.headers[header] !== undefined && route && !documentedHeaders.includes(header)) problems.push(`header ${header} is not documented`);
        }
      }
      if (!deliberate) contractStats.validated++;
      if (problems.length > 0) {
        if (!deliberate) contractStats.mismatches++;
        const message = `response does not match the OpenAPI document: ${where} [${label}]\n  - ${problems.join('\n  - ')}`;
        // CONTRACT_COLLECT=<file>: note every mismatch of a run instead of failing at the first (to survey a change).
        if (process.env.CONTRACT_COLLECT && !deliberate) appendFileSync(process.env.CONTRACT_COLLECT, `${message}\n`);
        else throw new Error(message);
      }
    },
  };
}

/** Per test file: how many responses were checked, for the report of the whole suite. */
export function reportContractStats(testFile: string): void {
  const file = process.env.CONTRACT_REPORT;
  if (file && contractStats.validated > 0) appendFileSync(file, `${JSON.stringify({ testFile, ...contractStats })}\n`);
}
