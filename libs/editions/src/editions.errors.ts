import { DomainError } from '@fairops/core';

export const EditionErrors = {
  notFound: (id?: string) => DomainError.notFound('edition', id),
  noEdition: () => new DomainError('no_edition', 'not_found', 'no edition has been set up yet'),
  slugTaken: () => new DomainError('edition_slug_taken', 'conflict', 'an edition with this slug, or this name and number, already exists'),
  invalidTimeZone: (tz: string) =>
    DomainError.validation('timeZone is not a known IANA time zone', [{ field: 'timeZone', reasons: [`"${tz}" is not an IANA time zone such as Africa/Casablanca`] }]),
  invalidRegistrationWindow: () =>
    DomainError.validation('registrationClosesAt must be after registrationOpensAt', [{ field: 'registrationClosesAt', reasons: ['must be after registrationOpensAt'] }]),
  registrationNotOpen: (window: { opensAt: string | null; closesAt: string }, notYet: boolean) =>
    new DomainError(
      'registration_not_open',
      'conflict',
      notYet ? `public registration for this edition opens at ${window.opensAt}` : `public registration for this edition closed at ${window.closesAt}`,
      window,
    ),
  invalidDays: (reason: string) => DomainError.validation(`days: ${reason}`, [{ field: 'days', reasons: [reason] }]),
};
