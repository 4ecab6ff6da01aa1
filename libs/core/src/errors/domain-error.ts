/**
 * What went wrong, in terms the HTTP adapter maps to a status (apps/api's exception filter) and
 * the worker maps to retry or give up. Libraries throw these, never HttpException.
 */
export type ErrorKind =
  | 'validation' // 400: the request is malformed or a field is invalid
  | 'unauthenticated' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409: the state of the data forbids it (duplicate, illegal transition, locked)
  | 'unsupported_media' // 415: a body of a type or encoding the route does not take
  | 'unprocessable' // 422: well-formed but refused by a business rule
  | 'rate_limited' // 429
  | 'unavailable'; // 503: a dependency is down; try again

export interface FieldIssue {
  field: string;
  reasons: string[];
}

export class DomainError extends Error {
  constructor(
    /** Stable machine-readable code, e.g. `stand_already_assigned`. */
    readonly code: string,
    readonly kind: ErrorKind,
    message: string,
    /** Extra facts for the client: the fields at fault, the allowed transitions, a conflicting id. */
    readonly details?: unknown,
    /** Seconds after which a rate-limited or unavailable request may be retried. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  static validation(message: string, fields: FieldIssue[]): DomainError {
    return new DomainError('validation_failed', 'validation', message, fields);
  }

  /** 400 for these fields, the message saying each field and its reasons: `email must be an email; days is required`. */
  static invalidFields(fields: FieldIssue[]): DomainError {
    return DomainError.validation(fields.map((i) => `${i.field} ${i.reasons.join(', ')}`).join('; '), fields);
  }
}

/**
 * The error constructor of one library, typed by the codes its errors file lists (`as const`):
 *
 *   export const STAND_ERROR_CODES = ['stand_not_found', 'stand_taken'] as const;
 *   const fail = errorsWith(STAND_ERROR_CODES);
 *   fail('stand_taken', 'conflict', 'stand A1 is taken', { code: 'A1' });
 *
 * A code not in the list does not compile; a test checks that no code is listed by two libraries and
 * that the README lists them all. `DomainError` is built directly only in errors files.
 */
export function errorsWith<C extends string>(_codes: readonly C[]) {
  const fail = (code: C, kind: ErrorKind, message: string, details?: unknown, retryAfterSeconds?: number) =>
    new DomainError(code, kind, message, details, retryAfterSeconds);
  return Object.assign(fail, {
    /** 404 for `what` (in words: `print job`), with the id the client asked for. */
    notFound: (code: C, what: string, id?: string) => new DomainError(code, 'not_found', `${what} not found`, id ? { id } : undefined),
  });
}
