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

  static notFound(entity: string, id?: string): DomainError {
    return new DomainError(`${entity}_not_found`, 'not_found', `${entity.replace(/_/g, ' ')} not found`, id ? { id } : undefined);
  }
}
