import { DomainError } from '@fairops/core';

export const CheckinErrors = {
  nonceReused: () =>
    new DomainError('nonce_reused', 'unprocessable', 'this nonce was already used for another badge or desk; send a new nonce for a new scan'),
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
    new DomainError('scanned_outside_fair_days', 'unprocessable', `the scan was made on ${day}, which is not a fair day of this edition`, [
      { field: 'scannedAt', reasons: [`${day} is not a fair day; fair days: ${fairDays.join(', ')}`] },
    ]),
  noConsent: () =>
    new DomainError('no_consent', 'forbidden', 'this visitor did not consent to share their contact details with exhibitors'),
  invalidBadge: (result: string) => new DomainError('badge_not_valid', 'unprocessable', `the badge cannot be used: ${result}`, { result }),
  leadNotFound: (id?: string) => DomainError.notFound('lead', id),
  noExhibitor: () => DomainError.validation('exhibitorId is required', [{ field: 'exhibitorId', reasons: ['is required for an admin'] }]),
};
