import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { DomainError, ErrorKind, PG, isDatabaseUnavailable, pgCode } from '@fairops/core';
import { ErrorBody } from './error-body.dto';

const STATUS_OF_KIND: Record<ErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unsupported_media: 415,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
};

const CODE_OF_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'unprocessable',
  429: 'rate_limited',
  503: 'unavailable',
};

interface Mapped {
  status: number;
  body: Omit<ErrorBody, 'requestId'>;
  retryAfter?: number;
}

/**
 * Maps every error to the common body `{ statusCode, error, message, details? }`: domain errors by
 * their kind, framework and parser errors by status, constraint violations to 409, an unreachable
 * PostgreSQL to 503. Anything else is a bug: 500 with no internals, logged with the request id.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    const mapped = this.map(exception);
    if (mapped.status >= 500 && mapped.status !== 503) {
      // Name, code, message and stack only: a driver error also carries the statement's parameters,
      // which can hold names and emails, and those never go to the logs.
      const e = exception as { name?: string; code?: string; message?: string; stack?: string };
      this.logger.error({ err: { name: e?.name, code: e?.code, message: e?.message, stack: e?.stack }, requestId: req.id, path: req.path }, 'unhandled error');
    } else if (mapped.status === 503) {
      this.logger.warn({ requestId: req.id, reason: (exception as Error)?.message }, 'dependency unavailable');
    }
    if (res.headersSent) return;
    if (mapped.retryAfter) res.setHeader('Retry-After', String(mapped.retryAfter));
    res.status(mapped.status).json({ ...mapped.body, requestId: req.id });
  }

  private map(exception: unknown): Mapped {
    if (exception instanceof DomainError) {
      const status = STATUS_OF_KIND[exception.kind];
      return {
        status,
        body: { statusCode: status, error: exception.code, message: exception.message, ...(exception.details !== undefined && { details: exception.details as ErrorBody['details'] }) },
        retryAfter: exception.retryAfterSeconds ?? (status === 503 ? 5 : undefined),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'string' ? response : Array.isArray((response as { message?: unknown }).message) ? ((response as { message: string[] }).message.join('; ')) : String((response as { message?: unknown }).message ?? exception.message);
      // The framework turns the JSON parser's SyntaxError into a bare 400; our own code never throws HttpException.
      if (status === 400 && /JSON/.test(message)) {
        return { status, body: { statusCode: 400, error: 'malformed_json', message: `the request body is not valid JSON: ${message}` } };
      }
      return { status, body: { statusCode: status, error: CODE_OF_STATUS[status] ?? `http_${status}`, message } };
    }
    const parserError = exception as { type?: string; status?: number; statusCode?: number; message?: string };
    if (parserError?.type === 'entity.parse.failed') {
      return { status: 400, body: { statusCode: 400, error: 'malformed_json', message: 'the request body is not valid JSON' } };
    }
    if (parserError?.type === 'entity.too.large') {
      return { status: 413, body: { statusCode: 413, error: 'payload_too_large', message: 'the request body is too large' } };
    }
    if (typeof parserError?.type === 'string' && parserError.type.startsWith('encoding.') || parserError?.type === 'charset.unsupported') {
      return { status: 415, body: { statusCode: 415, error: 'unsupported_media_type', message: parserError.message ?? 'unsupported encoding' } };
    }
    // The body parser's own 400s: a compressed body that does not decompress (zlib or brotli), a body
    // shorter or longer than its Content-Length, a request aborted mid-body.
    if (parserError?.status === 400 && (exception as { expose?: unknown }).expose === true) {
      return { status: 400, body: { statusCode: 400, error: 'malformed_body', message: 'the request body could not be read: it does not match its Content-Encoding or Content-Length' } };
    }
    if (isDatabaseUnavailable(exception)) {
      return { status: 503, body: { statusCode: 503, error: 'database_unavailable', message: 'the database is unavailable; try again shortly' }, retryAfter: 5 };
    }
    switch (pgCode(exception)) {
      case PG.uniqueViolation:
      case PG.exclusionViolation:
      case PG.foreignKeyViolation:
        return { status: 409, body: { statusCode: 409, error: 'conflict', message: 'the change conflicts with existing data' } };
      case PG.checkViolation:
      case PG.notNullViolation:
      case PG.invalidTextRepresentation:
      case PG.numericOutOfRange:
      case PG.stringTooLong:
      case PG.invalidDatetime:
      case PG.datetimeOverflow:
        return { status: 400, body: { statusCode: 400, error: 'invalid_value', message: 'a value is out of range or malformed' } };
    }
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { statusCode: 500, error: 'internal_error', message: 'an unexpected error occurred' } };
  }
}
