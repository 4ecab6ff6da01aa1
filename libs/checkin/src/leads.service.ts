import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, AuditService, inTransaction, sqlRows } from '@fairops/core';
import { BadgeKeys } from '@fairops/attendees';
import { ExhibitorErrors, ExhibitorStatus, STATUSES_NEEDING_REASON } from '@fairops/exhibitors';
import { toCsv } from '@fairops/imports';
import { CheckinErrors } from './checkin.errors';

export interface LeadView {
  id: string;
  exhibitorId: string;
  attendeeId: string;
  firstName: string;
  lastName: string;
  organisation: string | null;
  jobTitle: string | null;
  country: string | null;
  email: string | null;
  phone: string | null;
  rating: number | null;
  notes: string | null;
  capturedAt: Date;
}

const LEAD_SELECT = `
  SELECT l.id, l.exhibitor_id AS "exhibitorId", l.attendee_id AS "attendeeId", a.first_name AS "firstName", a.last_name AS "lastName",
         a.organisation, a.job_title AS "jobTitle", a.country, a.email::text AS email, a.phone, l.rating, l.notes, l.created_at AS "capturedAt"
    FROM leads l JOIN attendees a ON a.id = l.attendee_id`;

/**
 * An exhibitor scans a visitor's badge to keep their contact: only with the visitor's consent, and
 * only ever readable by that exhibitor.
 */
@Injectable()
export class LeadsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: BadgeKeys,
    private readonly audit: AuditService,
  ) {}

  async capture(code: string, input: { rating?: number; notes?: string }, by: Actor): Promise<{ lead: LeadView; created: boolean }> {
    const exhibitorId = by.exhibitorId!;
    const claims = this.keys.verify(code);
    if (!claims) throw CheckinErrors.invalidBadge('invalid');
    return inTransaction(this.dataSource, async (m) => {
      const [exhibitor] = await sqlRows<{ status: ExhibitorStatus }>(m, `SELECT status FROM exhibitors WHERE id = $1`, [exhibitorId]);
      // A cancelled or withdrawn exhibitor collects no more contacts (its managers are disabled too).
      if (exhibitor && STATUSES_NEEDING_REASON.includes(exhibitor.status)) throw ExhibitorErrors.closed(exhibitor.status);
      const [attendee] = await sqlRows<{ status: string; badge_version: number; consent: boolean; same_edition: boolean }>(
        m,
        `SELECT a.status, a.badge_version, a.consent_share_contact AS consent, a.edition_id = e.edition_id AS same_edition
           FROM attendees a, exhibitors e WHERE a.id = $1 AND e.id = $2`,
        [claims.attendeeId, exhibitorId],
      );
      if (!attendee || !attendee.same_edition) throw CheckinErrors.invalidBadge('invalid');
      if (attendee.status === 'cancelled') throw CheckinErrors.invalidBadge('cancelled');
      if (claims.version < attendee.badge_version) throw CheckinErrors.invalidBadge('revoked');
      if (!attendee.consent) throw CheckinErrors.noConsent();
      const [row] = await sqlRows<{ id: string; created: boolean }>(
        m,
        `INSERT INTO leads (edition_id, exhibitor_id, attendee_id, captured_by, rating, notes)
         SELECT edition_id, $1, $2, $3, $4, $5 FROM exhibitors WHERE id = $1
         ON CONFLICT (exhibitor_id, attendee_id) DO UPDATE
            SET rating = coalesce(excluded.rating, leads.rating), notes = coalesce(excluded.notes, leads.notes), updated_at = now()
         RETURNING id, (xmax = 0) AS created`,
        [exhibitorId, claims.attendeeId, by.id, input.rating ?? null, input.notes ?? null],
      );
      const [lead] = await sqlRows<LeadView>(m, `${LEAD_SELECT} WHERE l.id = $1`, [row.id]);
      await this.audit.record(m, { actor: by, action: row.created ? 'lead.captured' : 'lead.updated', entityType: 'lead', entityId: row.id });
      return { lead, created: row.created };
    });
  }

  /** The leads of one exhibitor; the caller's scope is decided by the controller from the actor. */
  async list(exhibitorId: string, limit: number, offset: number): Promise<{ items: LeadView[]; total: number }> {
    const rows = await sqlRows<LeadView & { total: string }>(
      this.dataSource,
      `SELECT v.*, count(*) OVER () AS total FROM (${LEAD_SELECT} WHERE l.exhibitor_id = $1) v ORDER BY v."capturedAt" DESC, v.id LIMIT $2 OFFSET $3`,
      [exhibitorId, limit, offset],
    );
    return { items: rows.map(({ total: _t, ...l }) => l), total: rows.length ? Number(rows[0].total) : 0 };
  }

  async exportCsv(exhibitorId: string): Promise<string> {
    const rows = await sqlRows<LeadView>(this.dataSource, `${LEAD_SELECT} WHERE l.exhibitor_id = $1 ORDER BY l.created_at`, [exhibitorId]);
    const columns: Array<keyof LeadView> = ['firstName', 'lastName', 'organisation', 'jobTitle', 'country', 'email', 'phone', 'rating', 'notes', 'capturedAt'];
    return toCsv([
      ['first_name', 'last_name', 'organisation', 'job_title', 'country', 'email', 'phone', 'rating', 'notes', 'captured_at'],
      ...rows.map((r) => columns.map((c) => (r[c] instanceof Date ? (r[c] as Date).toISOString() : r[c] === null ? null : String(r[c])))),
    ]);
  }
}
