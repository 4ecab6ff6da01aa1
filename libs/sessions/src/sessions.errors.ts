import { DomainError, FieldIssue } from '@fairops/core';

export interface Collision {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
}

export const SessionErrors = {
  notFound: (id?: string) => DomainError.notFound('session', id),
  roomNotFound: (id?: string) => DomainError.notFound('room', id),
  speakerNotFound: (id?: string) => DomainError.notFound('speaker', id),
  registrationNotFound: () => DomainError.notFound('session_registration'),
  invalid: (issues: FieldIssue[]) => DomainError.validation(issues.map((i) => `${i.field} ${i.reasons.join(', ')}`).join('; '), issues),
  roomTaken: (room: string, other: Collision | undefined) =>
    new DomainError('room_double_booked', 'conflict', `${room} is already booked${other ? ` by "${other.title}" (${other.startsAt} – ${other.endsAt})` : ''}`, { collidesWith: other }),
  speakerTaken: (speaker: string, other: Collision | undefined) =>
    new DomainError('speaker_double_booked', 'conflict', `${speaker} already speaks${other ? ` in "${other.title}" (${other.startsAt} – ${other.endsAt})` : ''} at that time`, { collidesWith: other }),
  roomNameTaken: (name: string) => new DomainError('room_name_taken', 'conflict', `a room named ${name} already exists`),
  notOpenForRegistration: (why: string) => new DomainError('registration_closed', 'conflict', why),
  overlappingSeat: (other: Collision | undefined) =>
    new DomainError('overlapping_registration', 'conflict', `the attendee already holds a seat in an overlapping session${other ? `: "${other.title}"` : ''}`, { collidesWith: other }),
  badBadge: (result: string) => new DomainError('badge_not_valid', 'unprocessable', `the badge cannot be used: ${result}`, { result }),
  nonceReused: () => new DomainError('nonce_reused', 'unprocessable', 'this nonce was already used for another badge or desk; send a new nonce for a new scan'),
  attendeesWouldOverlap: () =>
    new DomainError('registrations_would_overlap', 'conflict', 'this change would give registered attendees seats in two overlapping sessions'),
  otherEdition: () => DomainError.validation('belongs to another edition', [{ field: 'attendeeId', reasons: ['belongs to another edition'] }]),
};
