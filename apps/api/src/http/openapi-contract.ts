import type { OpenAPIObject, OperationObject, ResponseObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';

/** The operation id of a route without an explicit one: its method name (the contract test asks for unique ids). */
export const operationIdOf = (_controllerKey: string, methodKey: string) => methodKey;

const OPTIONAL_TOKEN = 'x-fairops-optional-token';

/** A public route that reads a token when one is sent (an admin sees more, a desk registers on a visitor's behalf). */
export function OptionalTokenRoute() {
  return applyDecorators(ApiBearerAuth(), ApiExtension(OPTIONAL_TOKEN, true));
}

const REQUEST_ID_HEADER = {
  description: 'The request id (the client’s own when it sent a sane one, else generated); errors repeat it as requestId',
  schema: { type: 'string' },
};
const RETRY_AFTER_HEADER = { description: 'Seconds after which the request may be tried again', schema: { type: 'integer', minimum: 1 } };

function addEdgeError(op: OperationObject, status: string, description: string): void {
  op.responses[status] ??= { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } } };
}

/**
 * What the decorators cannot say, applied to every operation of the document:
 * - `security: []` on public routes; routes with an optional token list both (bearer, or none);
 * - every response carries `x-request-id`; 429 and 503 carry `Retry-After`;
 * - 400 on every route and 413, 415 on every route with a body: the edge's refusals;
 * - errors are always `application/json` in the common error body, also on routes whose success is
 *   a file or a stream (CSV, iCalendar, PDF, ZPL, event stream).
 */
export function finishOpenApiDocument(document: OpenAPIObject): OpenAPIObject {
  document.servers = [{ url: '/', description: 'The server that serves this document; paths carry /api/v1' }];
  for (const item of Object.values(document.paths)) {
    for (const op of Object.values(item) as OperationObject[]) {
      if (!op || typeof op !== 'object' || !('responses' in op)) continue;
      const extensions = op as OperationObject & Record<string, unknown>;
      if (extensions[OPTIONAL_TOKEN]) {
        op.security = [{ bearer: [] }, {}];
        delete extensions[OPTIONAL_TOKEN];
      } else if (!op.security || op.security.length === 0) {
        op.security = [];
      }
      // The edge (request-input.ts, the body parser) answers these on any route, before the route's own code.
      addEdgeError(op, '400', 'Malformed request: a field or query parameter at fault is named (NUL or control characters, JSON too deep, malformed JSON)');
      if (op.requestBody) {
        addEdgeError(op, '413', 'Body too large');
        addEdgeError(op, '415', 'A body of a type or encoding the route does not take');
      }
      for (const [status, response] of Object.entries(op.responses) as Array<[string, ResponseObject]>) {
        response.headers = { 'x-request-id': REQUEST_ID_HEADER, ...(status === '429' || status === '503' ? { 'Retry-After': RETRY_AFTER_HEADER } : {}), ...response.headers };
        if (Number(status) >= 400 && response.content) {
          const json = response.content['application/json'] ?? Object.values(response.content)[0];
          response.content = { 'application/json': json };
        }
      }
    }
  }
  return document;
}
