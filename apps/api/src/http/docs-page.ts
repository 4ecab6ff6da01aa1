import type { SwaggerCustomOptions } from '@nestjs/swagger';
import { DEMO_LOGINS, DEMO_PASSWORD } from '@fairops/demo';

/** The API's version, in its path (`/api/v1`), its OpenAPI document and its index. */
export const API_VERSION = '1';

/** The example nonce of a scan; the docs page replaces it by a fresh one on each try (see freshScanNonce). */
export const SCAN_NONCE_EXAMPLE = 'new-for-each-scan';

/**
 * The OpenAPI document's description: how to log in, the demo's accounts, and the desk's first steps.
 * The document is the same for every process (the web app's client is generated from it), so the demo
 * accounts are always listed, saying that they exist only where the demo fair was loaded.
 */
export function apiDescription(): string {
  const logins = DEMO_LOGINS.map((l) => `\`${l.email}\` (${l.role})`).join(', ');
  return [
    'Operations backend of a trade fair: organiser back-office, check-in desks and the awards jury.',
    '',
    '**Log in** with `POST /api/v1/auth/login`, then press **Authorize** and paste the `accessToken` (this page keeps it ' +
      'across reloads). Elsewhere, send it as `Authorization: Bearer <token>`.',
    '',
    `**Demo accounts**, only where the demo fair is loaded (\`npm start\` on an empty database; never in a deployed system), ` +
      `all with the password \`${DEMO_PASSWORD}\`: ${logins}.`,
    '',
    '**At a check-in desk**: find the attendee (`GET /api/v1/attendees?q=…&validToday=true&checkedIn=false`), take their badge code ' +
      '(`GET /api/v1/attendees/{id}/credential`), scan it (`POST /api/v1/checkin/scans`), print the badge ' +
      '(`POST /api/v1/badges/print-jobs`, then `GET /api/v1/badges/print-jobs/{id}` until `ready`, and `…/file`).',
    '',
    'Every error answers `{ statusCode, error, message, details?, requestId }`.',
  ].join('\n');
}

/**
 * Runs in the browser: Swagger UI serialises this function into its page (so it may use nothing from
 * outside it). Each "Try it out" of a scan gets a fresh nonce in place of the example's, so that no two
 * tries share one: a nonce is the identity of a scan, and one reused for another badge answers 422.
 */
function freshScanNonce(request: { url: string; method: string; body?: unknown }) {
  if (request.method === 'POST' && /\/checkin\/scans(\?|$)/.test(request.url) && typeof request.body === 'string') {
    const fresh = globalThis.crypto?.randomUUID ? globalThis.crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
    request.body = request.body.replace(/("nonce"\s*:\s*)"new-for-each-scan"/, `$1"${fresh}"`);
  }
  return request;
}

/** The Swagger UI page at /docs: the token is kept across reloads; each scan tried gets a fresh nonce. */
export const DOCS_PAGE_OPTIONS: SwaggerCustomOptions = {
  jsonDocumentUrl: 'docs-json',
  customSiteTitle: 'FairOps API',
  swaggerOptions: { persistAuthorization: true, requestInterceptor: freshScanNonce },
};
