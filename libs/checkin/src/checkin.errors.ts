import { DomainError, errorsWith } from '@fairops/core';

/** Every error code the check-in library answers (the session doors answer nonce_reused and badge_not_valid too, from here). */
export const CHECKIN_ERROR_CODES = ['nonce_reused', 'scanned_outside_fair_days', 'no_consent', 'badge_not_valid', 'lead_not_found'] as const;
export type CheckinErrorCode = (typeof CHECKIN_ERROR_CODES)[number];

const fail = errorsWith(CHECKIN_ERROR_CODES);

/** A desk's id: letters, digits, dots, dashes, colons or underscores, 1 to 64 of them. */
export const DESK_ID = /^[A-Za-z0-9._:-]{1,64}$/;
export const DESK_ID_RULE = 'must be 1 to 64 letters, digits, dots, dashes, colons or underscores';

export const CheckinErrors = {
  nonceReused: () => fail('nonce_reused', 'unprocessable', 'this nonce was already used for another badge or desk; send a new nonce for a new scan'),
  scannedInFuture: () =>
    DomainError.validation('scannedAt is in the future', [{ field: 'scannedAt', reasons: ['is later than the server clock allows (5 minutes of drift)'] }]),
  onlineScanNotNow: () =>
    DomainError.validation('scannedAt is too far from the server clock for an online scan', [
      {
        field: 'scannedAt',
        reasons: ['must be within 2 minutes of the server clock: an online scan is recorded now; leave scannedAt out, or upload scans made earlier to /checkin/scans/batch'],
      },
    ]),
  scannedOutsideFairDays: (day: string, fairDays: string[]) =>
    fail('scanned_outside_fair_days', 'unprocessable', `the scan was made on ${day}, which is not a fair day of this edition`, [
      { field: 'scannedAt', reasons: [`${day} is not a fair day; fair days: ${fairDays.join(', ')}`] },
    ]),
  noConsent: () => fail('no_consent', 'forbidden', 'this visitor did not consent to share their contact details with exhibitors'),
  invalidBadge: (result: string) => fail('badge_not_valid', 'unprocessable', `the badge cannot be used: ${result}`, { result }),
  leadNotFound: (id?: string) => fail.notFound('lead_not_found', 'lead', id),
  noExhibitor: () => DomainError.validation('exhibitorId is required', [{ field: 'exhibitorId', reasons: ['is required for an admin'] }]),
  deskIdMalformed: () => DomainError.validation('deskId is malformed', [{ field: 'deskId', reasons: [DESK_ID_RULE] }]),
};
