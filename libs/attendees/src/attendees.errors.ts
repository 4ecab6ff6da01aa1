import { DomainError, FieldIssue } from '@fairops/core';

export const AttendeeErrors = {
  notFound: (id?: string) => DomainError.notFound('attendee', id),
  invalid: (issues: FieldIssue[]) => DomainError.validation(issues.map((i) => `${i.field} ${i.reasons.join(', ')}`).join('; '), issues),
  /** Says nothing about who holds the email. */
  emailTaken: () => new DomainError('registration_refused', 'conflict', 'this email address cannot be registered for this edition'),
  quotaReached: (quota: number) =>
    new DomainError('staff_quota_reached', 'conflict', `the exhibitor's staff badge quota (${quota}) is reached`, { quota }),
  cancelled: () => new DomainError('attendee_cancelled', 'conflict', 'the attendee is cancelled'),
  erased: () => new DomainError('attendee_erased', 'conflict', 'the attendee’s personal data has been erased'),
  tooManyRegistrations: (retryAfterSeconds: number) =>
    new DomainError('too_many_registrations', 'rate_limited', 'too many registrations from this address; try again later', undefined, retryAfterSeconds),
  notStaffOf: () => DomainError.notFound('staff_member'),
  importNotFound: (id?: string) => DomainError.notFound('attendee_import', id),
};
