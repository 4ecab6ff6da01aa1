import { Actor, FieldIssue } from '@fairops/core';
import { COUNTRY_CODES, E164, normalisePhone } from '@fairops/imports';
import { CATEGORIES, Category } from './badge-code';

/** The languages messages are written in; an attendee without one gets the edition's. */
export const ATTENDEE_LANGUAGES = ['fr', 'en', 'ar'] as const;
export type AttendeeLanguage = (typeof ATTENDEE_LANGUAGES)[number];

export type AttendeeSource = 'self_registration' | 'back_office' | 'exhibitor' | 'import' | 'demo';

export interface AttendeeInput {
  category: Category;
  firstName: string;
  lastName: string;
  organisation?: string | null;
  jobTitle?: string | null;
  country?: string | null;
  email?: string | null;
  phone?: string | null;
  exhibitorId?: string | null;
  /** Local fair days; default every day of the edition. */
  days?: string[];
  consentShareContact?: boolean;
  /** The language of their messages (ticket); null or left out: the edition's. */
  language?: AttendeeLanguage | null;
}

export interface AttendeeView {
  id: string;
  editionId: string;
  category: Category;
  firstName: string;
  lastName: string;
  organisation: string | null;
  jobTitle: string | null;
  country: string | null;
  email: string | null;
  phone: string | null;
  exhibitorId: string | null;
  days: string[];
  status: 'registered' | 'cancelled';
  consentShareContact: boolean;
  /** The language of their messages; null: the edition's default. */
  language: AttendeeLanguage | null;
  badgeVersion: number;
  source: AttendeeSource;
  erased: boolean;
  /** Checked in on today's fair day (today in the edition's time zone), and when. */
  checkedInToday: boolean;
  checkedInTodayAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Credential {
  code: string;
  version: number;
}

/**
 * What a visitor's own registration answers: the same for a new and a known email address, so the
 * answer never tells a stranger who is registered. The badge goes by mail (the ticket, or "already
 * registered" with the ticket again).
 */
export interface RegistrationReceipt {
  status: 'accepted';
  message: string;
}

export const REGISTRATION_RECEIPT: RegistrationReceipt = {
  status: 'accepted',
  message: 'Thank you. Check your mailbox: your badge is on its way to the address you gave.',
};

/** The fields that say who a person is: what an erasure removes, from the row and from the audit log. */
export const PERSONAL_FIELDS = ['firstName', 'lastName', 'organisation', 'jobTitle', 'country', 'email', 'phone'];

/** What an erasure leaves of a person: placeholders for the names, nothing else personal. */
export const ERASED_FIELDS: Partial<AttendeeInput> = { firstName: 'Erased', lastName: 'Attendee', organisation: null, jobTitle: null, email: null, phone: null, country: null, consentShareContact: false };

/** Who makes a change, as the audit records it (a job acts for the user who asked). */
export type AuditActor = Pick<Actor, 'id' | 'role'>;

/** Any white space but a single space: what collapsing runs of white space into one space changes. */
const NOT_ONE_SPACE = /[^\S ]| {2}/;

/** Trimmed, each run of white space one space (the replacement skipped when it would change nothing). */
function collapseSpaces(v: string): string {
  const trimmed = v.trim();
  return NOT_ONE_SPACE.test(trimmed) ? trimmed.replace(/\s+/g, ' ') : trimmed;
}

/** Trims, blanks to null, upper-cases the country and writes the phone in E.164. */
export function normaliseAttendee<T extends Partial<AttendeeInput>>(input: T): T {
  const out: Record<string, unknown> = { ...input };
  for (const key of ['firstName', 'lastName', 'organisation', 'jobTitle', 'country', 'email', 'phone']) {
    const v = out[key];
    if (typeof v === 'string') out[key] = collapseSpaces(v) || null;
  }
  if (typeof out.country === 'string') out.country = out.country.toUpperCase();
  if (typeof out.phone === 'string') out.phone = normalisePhone(out.phone);
  if (typeof out.email === 'string') out.email = out.email.toLowerCase();
  if (Array.isArray(out.days)) out.days = [...new Set(out.days as string[])].sort();
  return out as T;
}

/** Every problem of an attendee's fields, for the API and the CSV import alike. */
export function checkAttendee(input: Partial<AttendeeInput>, editionDays: string[]): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (input.category !== undefined && !(CATEGORIES as readonly string[]).includes(input.category)) issues.push({ field: 'category', reasons: [`must be one of ${CATEGORIES.join(', ')}`] });
  if (input.firstName === null) issues.push({ field: 'firstName', reasons: ['is required'] });
  if (input.lastName === null) issues.push({ field: 'lastName', reasons: ['is required'] });
  if (input.country && !COUNTRY_CODES.has(input.country)) issues.push({ field: 'country', reasons: [`"${input.country}" is not an ISO 3166-1 alpha-2 country code`] });
  if (input.phone && !E164.test(input.phone)) issues.push({ field: 'phone', reasons: ['must be a phone number in E.164 form, such as +212612345678'] });
  if (input.days) {
    const outside = input.days.filter((d) => !editionDays.includes(d));
    if (input.days.length === 0) issues.push({ field: 'days', reasons: ['must name at least one fair day'] });
    if (outside.length) issues.push({ field: 'days', reasons: [`${outside.join(', ')} ${outside.length > 1 ? 'are not fair days' : 'is not a fair day'}; fair days: ${editionDays.join(', ')}`] });
  }
  if (input.language !== undefined && input.language !== null && !(ATTENDEE_LANGUAGES as readonly string[]).includes(input.language)) {
    issues.push({ field: 'language', reasons: [`must be one of ${ATTENDEE_LANGUAGES.join(', ')}`] });
  }
  if (input.category === 'exhibitor_staff' && !input.exhibitorId) issues.push({ field: 'exhibitorId', reasons: ['is required for exhibitor staff'] });
  if (input.category && input.category !== 'exhibitor_staff' && input.exhibitorId) issues.push({ field: 'exhibitorId', reasons: ['is only for exhibitor staff'] });
  return issues;
}
