import { applyDecorators, Type } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiProperty, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { Public, Role, Roles } from '@fairops/core';
import { ErrorBody, FieldIssueDto } from './error-body.dto';

const ERROR_TEXT: Record<number, string> = {
  400: 'Malformed request: the body names each field at fault',
  401: 'No token, or a token that is invalid, expired or revoked',
  403: 'The caller’s role may not do this',
  404: 'Not found, or not the caller’s to see',
  409: 'Conflicts with the current state of the data',
  413: 'Body too large',
  422: 'Refused by a business rule',
  429: 'Too many requests; see Retry-After',
  503: 'A dependency is unavailable; try again',
};

/** Documents the error answers of a route, all in the common error body. */
export function ApiErrors(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ErrorBody, FieldIssueDto),
    ...statuses.map((status) => ApiResponse({ status, description: ERROR_TEXT[status] ?? 'Error', type: ErrorBody })),
  );
}

/** A route for the given roles: bearer token required, 401 and 403 documented. */
export function Auth(...roles: Role[]) {
  return applyDecorators(Roles(...roles), ApiBearerAuth(), ApiErrors(401, 403, 503));
}

/** A route anyone may call without logging in. */
export function PublicRoute() {
  return applyDecorators(Public(), ApiErrors(503));
}

/** `{ items, total, limit, offset }`, the shape of every list. */
export function ApiPage<T extends Type<unknown>>(item: T, description = 'A page of results') {
  return applyDecorators(
    ApiExtraModels(item),
    ApiResponse({
      status: 200,
      description,
      schema: {
        type: 'object',
        required: ['items', 'total', 'limit', 'offset'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(item) } },
          total: { type: 'integer' },
          limit: { type: 'integer' },
          offset: { type: 'integer' },
        },
      },
    }),
  );
}

export class PageMeta {
  @ApiProperty() total: number;
  @ApiProperty() limit: number;
  @ApiProperty() offset: number;
}
