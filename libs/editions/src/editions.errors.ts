import { DomainError, errorsWith } from '@fairops/core';

/** Every code the editions library sends. */
export const EDITIONS_ERROR_CODES = ['edition_not_found', 'no_edition', 'edition_slug_taken', 'registration_not_open'] as const;
export type EditionsErrorCode = (typeof EDITIONS_ERROR_CODES)[number];

const fail = errorsWith(EDITIONS_ERROR_CODES);

export const EditionErrors = {
  notFound: (id?: string) => fail.notFound('edition_not_found', 'edition', id),
  noEdition: () => fail('no_edition', 'not_found', 'no edition has been set up yet'),
  slugTaken: () => fail('edition_slug_taken', 'conflict', 'an edition with this slug, or this name and number, already exists'),
  invalidTimeZone: (tz: string) =>
    DomainError.validation('timeZone is not a known IANA time zone', [{ field: 'timeZone', reasons: [`"${tz}" is not an IANA time zone such as Africa/Casablanca`] }]),
  invalidRegistrationWindow: () =>
    DomainError.validation('registrationClosesAt must be after registrationOpensAt', [{ field: 'registrationClosesAt', reasons: ['must be after registrationOpensAt'] }]),
  registrationNotOpen: (window: { opensAt: string | null; closesAt: string }, notYet: boolean) =>
    fail(
      'registration_not_open',
      'conflict',
      notYet ? `public registration for this edition opens at ${window.opensAt}` : `public registration for this edition closed at ${window.closesAt}`,
      window,
    ),
  invalidDays: (reason: string) => DomainError.validation(`days: ${reason}`, [{ field: 'days', reasons: [reason] }]),
};
