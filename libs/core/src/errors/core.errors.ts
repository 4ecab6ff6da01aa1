import { errorsWith } from './domain-error';

/**
 * Every code core answers with: authentication and users, jobs, and the HTTP edge (apps/api/src/http,
 * whose filter also names the framework's and the database's refusals). Unique across the project
 * (apps/api/src/http/error-codes.spec.ts); listed in the README.
 */
export const CORE_ERROR_CODES = [
  // auth and users
  'unauthenticated',
  'invalid_token',
  'invalid_credentials',
  'too_many_login_failures',
  'too_many_password_resets',
  'forbidden',
  'cannot_disable_self',
  'user_not_found',
  'email_taken',
  // jobs
  'job_not_failed',
  'job_active',
  'queue_not_found',
  'job_not_found',
  'job_probe_not_found',
  // the HTTP edge and the exception filter
  'validation_failed',
  'unsupported_media_type',
  'too_deeply_nested',
  'malformed_json',
  'malformed_body',
  'payload_too_large',
  'database_unavailable',
  'invalid_value',
  'internal_error',
  'bad_request',
  'not_found',
  'method_not_allowed',
  'conflict',
  'unprocessable',
  'rate_limited',
  'unavailable',
] as const;
export type CoreErrorCode = (typeof CORE_ERROR_CODES)[number];

/** Core's error constructor (its errors files only). */
export const coreFail = errorsWith(CORE_ERROR_CODES);
