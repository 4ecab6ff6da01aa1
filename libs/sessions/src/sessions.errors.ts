import { DomainError, FieldIssue, errorsWith } from '@fairops/core';
import { CheckinErrors } from '@fairops/checkin';

export interface Collision {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
}

/**
 * Every error code the sessions library answers. The door scan also answers `badge_not_valid` and
 * `nonce_reused`, the check-in's codes (CHECKIN_ERROR_CODES): the same rule, the same code.
 */
export const SESSIONS_ERROR_CODES = [
  'session_not_found',
  'room_not_found',
  'speaker_not_found',
  'session_registration_not_found',
  'room_double_booked',
  'speaker_double_booked',
  'room_name_taken',
  'registration_closed',
  'overlapping_registration',
  'registrations_would_overlap',
  'session_capacity_below_confirmed',
] as const;
export type SessionsErrorCode = (typeof SESSIONS_ERROR_CODES)[number];

const fail = errorsWith(SESSIONS_ERROR_CODES);

export const SessionErrors = {
  notFound: (id?: string) => fail.notFound('session_not_found', 'session', id),
  roomNotFound: (id?: string) => fail.notFound('room_not_found', 'room', id),
  speakerNotFound: (id?: string) => fail.notFound('speaker_not_found', 'speaker', id),
  registrationNotFound: () => fail.notFound('session_registration_not_found', 'session registration'),
  invalid: (issues: FieldIssue[]) => DomainError.invalidFields(issues),
  roomTaken: (room: string, other: Collision | undefined) =>
    fail('room_double_booked', 'conflict', `${room} is already booked${other ? ` by "${other.title}" (${other.startsAt} – ${other.endsAt})` : ''}`, { collidesWith: other }),
  speakerTaken: (speaker: string, other: Collision | undefined) =>
    fail('speaker_double_booked', 'conflict', `${speaker} already speaks${other ? ` in "${other.title}" (${other.startsAt} – ${other.endsAt})` : ''} at that time`, { collidesWith: other }),
  roomNameTaken: (name: string) => fail('room_name_taken', 'conflict', `a room named ${name} already exists`),
  notOpenForRegistration: (why: string) => fail('registration_closed', 'conflict', why),
  overlappingSeat: (other: Collision | undefined) =>
    fail('overlapping_registration', 'conflict', `the attendee already holds a seat in an overlapping session${other ? `: "${other.title}"` : ''}`, { collidesWith: other }),
  badBadge: (result: string) => CheckinErrors.invalidBadge(result),
  nonceReused: () => CheckinErrors.nonceReused(),
  attendeesWouldOverlap: () => fail('registrations_would_overlap', 'conflict', 'this change would give registered attendees seats in two overlapping sessions'),
  capacityBelowConfirmed: (capacity: number, confirmed: number) =>
    fail(
      'session_capacity_below_confirmed',
      'conflict',
      `${confirmed} seats are confirmed, more than the ${capacity} the session would have; choose a larger room or capacity, or cancel registrations first`,
      { capacity, confirmed },
    ),
  otherEdition: () => DomainError.validation('belongs to another edition', [{ field: 'attendeeId', reasons: ['belongs to another edition'] }]),
  codeOrId: () => DomainError.validation('give code or attendeeId, not both', [{ field: 'attendeeId', reasons: ['cannot be given with code'] }]),
  codeRequired: () => DomainError.validation('code is required', [{ field: 'code', reasons: ['is required (the badge code)'] }]),
};
