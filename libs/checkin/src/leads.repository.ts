import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Db, Paged, Sql, maybeOne, one, paged, rows, sql } from '@fairops/core';
import { AttendeeView, attendeeRows } from '@fairops/attendees';
import { ExhibitorStatus, exhibitorRows } from '@fairops/exhibitors';

/** A lead: the exhibitor's note on a visitor, with the visitor's contact as the attendees library holds it. */
export interface LeadView extends Pick<AttendeeView, 'firstName' | 'lastName' | 'organisation' | 'jobTitle' | 'country' | 'email' | 'phone'> {
  id: string;
  exhibitorId: string;
  attendeeId: string;
  rating: number | null;
  notes: string | null;
  capturedAt: Date;
}

/** What a lead capture needs to decide: the exhibitor's status and the visitor's badge and consent. */
export interface LeadCaptureFacts {
  exhibitorStatus: ExhibitorStatus | null;
  attendee: { status: string; badgeVersion: number; consent: boolean; sameEdition: boolean } | null;
}

/** The leads with their visitor's contact (the attendees' columns come from their owner). */
function leadSelect(where: Sql): Sql {
  return sql`SELECT l.id, l.exhibitor_id AS "exhibitorId", l.attendee_id AS "attendeeId", a.first_name AS "firstName", a.last_name AS "lastName",
                    a.organisation, a.job_title AS "jobTitle", a.country, a.email::text AS email, a.phone, l.rating, l.notes, l.created_at AS "capturedAt"
               FROM leads l JOIN ${attendeeRows()} a ON a.id = l.attendee_id
              WHERE ${where}`;
}

/** All SQL of `leads`. */
@Injectable()
export class LeadsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async captureFacts(db: Db, exhibitorId: string, attendeeId: string): Promise<LeadCaptureFacts> {
    const exhibitor = await maybeOne<{ status: ExhibitorStatus }>(db, sql`SELECT status FROM ${exhibitorRows()} e WHERE id = ${exhibitorId}`);
    const attendee = await maybeOne<{ status: string; badgeVersion: number; consent: boolean; sameEdition: boolean }>(
      db,
      sql`SELECT a.status, a.badge_version AS "badgeVersion", a.consent_share_contact AS consent, a.edition_id = e.edition_id AS "sameEdition"
            FROM ${attendeeRows()} a, ${exhibitorRows()} e WHERE a.id = ${attendeeId} AND e.id = ${exhibitorId}`,
    );
    return { exhibitorStatus: exhibitor?.status ?? null, attendee: attendee ?? null };
  }

  /** Inserts the lead, or updates the rating and notes given of the one the exhibitor has. */
  upsert(db: Db, lead: { exhibitorId: string; attendeeId: string; capturedBy: string; rating: number | null; notes: string | null }): Promise<{ id: string; created: boolean }> {
    return one(
      db,
      sql`INSERT INTO leads (edition_id, exhibitor_id, attendee_id, captured_by, rating, notes)
          SELECT edition_id, ${lead.exhibitorId}, ${lead.attendeeId}, ${lead.capturedBy}, ${lead.rating}, ${lead.notes} FROM ${exhibitorRows()} e WHERE id = ${lead.exhibitorId}
          ON CONFLICT (exhibitor_id, attendee_id) DO UPDATE
             SET rating = coalesce(excluded.rating, leads.rating), notes = coalesce(excluded.notes, leads.notes), updated_at = now()
          RETURNING id, (xmax = 0) AS created`,
    );
  }

  view(db: Db, id: string): Promise<LeadView> {
    return one<LeadView>(db, leadSelect(sql`l.id = ${id}`));
  }

  page(exhibitorId: string, page: { limit: number; offset: number }): Promise<Paged<LeadView>> {
    return paged<LeadView>(this.dataSource, leadSelect(sql`l.exhibitor_id = ${exhibitorId}`), { orderBy: sql`"capturedAt" DESC, id`, ...page });
  }

  /** Every lead of the exhibitor, in capture order. */
  all(exhibitorId: string): Promise<LeadView[]> {
    return rows<LeadView>(this.dataSource, sql`${leadSelect(sql`l.exhibitor_id = ${exhibitorId}`)} ORDER BY l.created_at`);
  }
}
