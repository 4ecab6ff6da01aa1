import { ExhibitorErrors } from './exhibitors.errors';

/**
 * An exhibitor's life: applied → approved → confirmed, and from any of these to cancelled or
 * withdrawn, with a reason. Cancelled and withdrawn are final and close the exhibitor (its stands are
 * freed; its profile, staff and leads are closed). Pure rules: the service applies them under a lock.
 */
export const EXHIBITOR_STATUSES = ['applied', 'approved', 'confirmed', 'cancelled', 'withdrawn'] as const;
export type ExhibitorStatus = (typeof EXHIBITOR_STATUSES)[number];

/** Allowed status transitions. Cancelled and withdrawn are final; both need a reason. */
export const STATUS_TRANSITIONS: Readonly<Record<ExhibitorStatus, readonly ExhibitorStatus[]>> = {
  applied: ['approved', 'cancelled', 'withdrawn'],
  approved: ['confirmed', 'cancelled', 'withdrawn'],
  confirmed: ['cancelled', 'withdrawn'],
  cancelled: [],
  withdrawn: [],
};

/** The statuses that need a reason: the final ones, which close the exhibitor. */
export const STATUSES_NEEDING_REASON: readonly ExhibitorStatus[] = ['cancelled', 'withdrawn'];

/** Cancelled or withdrawn: final; the exhibitor can hold no stand and its manager has no say. */
export function isClosedStatus(status: string): status is 'cancelled' | 'withdrawn' {
  return (STATUSES_NEEDING_REASON as readonly string[]).includes(status);
}

/**
 * The reason given for a move to `to`, trimmed (null when blank); a final status refuses a missing
 * reason (400). Checked before any lock. The exhibitor keeps it (`statusReason`) only for a final
 * status; the audit entry keeps it whatever the status.
 */
export function statusChangeReason(to: ExhibitorStatus, reason: string | null | undefined): string | null {
  const why = reason?.trim() || null;
  if (isClosedStatus(to) && !why) throw ExhibitorErrors.reasonRequired(to);
  return why;
}

/** Refuses (409 illegal_status_transition, with the allowed ones) a move the machine does not have. */
export function assertTransition(from: ExhibitorStatus, to: ExhibitorStatus): void {
  const allowed = STATUS_TRANSITIONS[from];
  if (!allowed.includes(to)) throw ExhibitorErrors.illegalTransition(from, to, [...allowed]);
}
