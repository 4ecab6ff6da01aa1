export const ROLES = ['admin', 'desk', 'jury', 'exhibitor'] as const;
/** admin: organiser back-office; desk: check-in desk agent or device; jury: jury member; exhibitor: manager of one exhibitor. */
export type Role = (typeof ROLES)[number];

/** Who is calling: what the auth guard puts on the request. */
export interface Actor {
  id: string;
  email: string;
  role: Role;
  /** The exhibitor an `exhibitor` user manages. */
  exhibitorId: string | null;
}

/** The languages a user's messages may be in (the messages library's templates speak these). */
export const USER_LANGUAGES = ['fr', 'en', 'ar'] as const;
export type UserLanguage = (typeof USER_LANGUAGES)[number];
