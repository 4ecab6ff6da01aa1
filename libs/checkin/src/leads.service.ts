import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, AuditService, Paged, inTransaction } from '@fairops/core';
import { BadgeKeys } from '@fairops/attendees';
import { ExhibitorErrors, STATUSES_NEEDING_REASON } from '@fairops/exhibitors';
import { toCsv } from '@fairops/imports';
import { CheckinErrors } from './checkin.errors';
import { LeadView, LeadsRepository } from './leads.repository';

export type { LeadView } from './leads.repository';

/**
 * An exhibitor scans a visitor's badge to keep their contact: only with the visitor's consent, and
 * only ever readable by that exhibitor.
 */
@Injectable()
export class LeadsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: LeadsRepository,
    private readonly keys: BadgeKeys,
    private readonly audit: AuditService,
  ) {}

  /** Whose leads the actor reads: an exhibitor manager's own, always; an admin's choice, which must be given. */
  scope(actor: Actor, exhibitorId?: string): string {
    if (actor.role === 'exhibitor') return actor.exhibitorId!;
    if (!exhibitorId) throw CheckinErrors.noExhibitor();
    return exhibitorId;
  }

  async capture(code: string, input: { rating?: number; notes?: string }, by: Actor): Promise<{ lead: LeadView; created: boolean }> {
    const exhibitorId = by.exhibitorId!;
    const claims = this.keys.verify(code);
    if (!claims) throw CheckinErrors.invalidBadge('invalid');
    return inTransaction(this.dataSource, async (m) => {
      const { exhibitorStatus, attendee } = await this.repository.captureFacts(m, exhibitorId, claims.attendeeId);
      // A cancelled or withdrawn exhibitor collects no more contacts (its managers are disabled too).
      if (exhibitorStatus && STATUSES_NEEDING_REASON.includes(exhibitorStatus)) throw ExhibitorErrors.closed(exhibitorStatus);
      if (!attendee || !attendee.sameEdition) throw CheckinErrors.invalidBadge('invalid');
      if (attendee.status === 'cancelled') throw CheckinErrors.invalidBadge('cancelled');
      if (claims.version < attendee.badgeVersion) throw CheckinErrors.invalidBadge('revoked');
      if (!attendee.consent) throw CheckinErrors.noConsent();
      const row = await this.repository.upsert(m, { exhibitorId, attendeeId: claims.attendeeId, capturedBy: by.id, rating: input.rating ?? null, notes: input.notes ?? null });
      const lead = await this.repository.view(m, row.id);
      await this.audit.record(m, { actor: by, action: row.created ? 'lead.captured' : 'lead.updated', entityType: 'lead', entityId: row.id });
      return { lead, created: row.created };
    });
  }

  /** The leads the actor may read (see `scope`), newest first. */
  list(actor: Actor, exhibitorId: string | undefined, page: { limit: number; offset: number }): Promise<Paged<LeadView>> {
    return this.repository.page(this.scope(actor, exhibitorId), page);
  }

  /** The same leads as CSV. */
  async exportCsv(actor: Actor, exhibitorId?: string): Promise<string> {
    const leads = await this.repository.all(this.scope(actor, exhibitorId));
    const columns: Array<keyof LeadView> = ['firstName', 'lastName', 'organisation', 'jobTitle', 'country', 'email', 'phone', 'rating', 'notes', 'capturedAt'];
    return toCsv([
      ['first_name', 'last_name', 'organisation', 'job_title', 'country', 'email', 'phone', 'rating', 'notes', 'captured_at'],
      ...leads.map((r) => columns.map((c) => (r[c] instanceof Date ? (r[c] as Date).toISOString() : r[c] === null ? null : String(r[c])))),
    ]);
  }
}
