import { DomainError, FieldIssue, errorsWith } from '@fairops/core';

/** Every error code the attendees library answers with (besides `validation_failed` for a 400). */
export const ATTENDEES_ERROR_CODES = [
  'attendee_not_found',
  'registration_refused',
  'staff_quota_reached',
  'attendee_cancelled',
  'attendee_erased',
  'too_many_registrations',
  'staff_member_not_found',
  'desk_visitors_only',
  'desk_fair_day_only',
] as const;
export type AttendeesErrorCode = (typeof ATTENDEES_ERROR_CODES)[number];

const fail = errorsWith(ATTENDEES_ERROR_CODES);

export const AttendeeErrors = {
  notFound: (id?: string) => fail.notFound('attendee_not_found', 'attendee', id),
  invalid: (issues: FieldIssue[]) => DomainError.invalidFields(issues),
  /** Says nothing about who holds the email. */
  emailTaken: () => fail('registration_refused', 'conflict', 'this email address cannot be registered for this edition'),
  quotaReached: (quota: number) => fail('staff_quota_reached', 'conflict', `the exhibitor's staff badge quota (${quota}) is reached`, { quota }),
  cancelled: () => fail('attendee_cancelled', 'conflict', 'the attendee is cancelled'),
  erased: () => fail('attendee_erased', 'conflict', 'the attendee’s personal data has been erased'),
  tooManyRegistrations: (retryAfterSeconds: number) =>
    fail('too_many_registrations', 'rate_limited', 'too many registrations from this address; try again later', undefined, retryAfterSeconds),
  notStaffOf: () => fail.notFound('staff_member_not_found', 'staff member'),
  deskVisitorsOnly: (category: string) =>
    fail('desk_visitors_only', 'forbidden', `a desk registers walk-in visitors only; a ${category} is registered by the back-office`, { category }),
  deskFairDayOnly: (today: string) =>
    fail('desk_fair_day_only', 'forbidden', `a desk registers walk-ins only on a fair day of the edition; ${today} is not one`, { today }),
};
