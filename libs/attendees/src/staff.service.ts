import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, sqlRows } from '@fairops/core';
import { ExhibitorErrors, ExhibitorStatus, STATUSES_NEEDING_REASON as CLOSED_EXHIBITOR_STATUSES } from '@fairops/exhibitors';
import { AttendeeErrors } from './attendees.errors';
import { AttendeeInput, AttendeeView, AttendeesService } from './attendees.service';

export interface StaffList {
  quota: number;
  used: number;
  items: AttendeeView[];
}

/** An exhibitor's staff badges, managed by its manager (their own exhibitor only) or an admin. */
@Injectable()
export class StaffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly attendees: AttendeesService,
  ) {}

  async list(exhibitorId: string, by: Actor): Promise<StaffList> {
    const editionId = await this.editionOf(exhibitorId, by);
    const [{ quota, used }] = await sqlRows<{ quota: number; used: number }>(
      this.dataSource,
      `SELECT exhibitor_staff_quota($1) AS quota,
              (SELECT count(*)::int FROM attendees WHERE exhibitor_id = $1 AND category = 'exhibitor_staff' AND status = 'registered') AS used`,
      [exhibitorId],
    );
    const { items } = await this.attendees.list({ editionId, exhibitorId, category: 'exhibitor_staff', limit: 1000, offset: 0 });
    return { quota, used, items };
  }

  /** Adds a staff member; the database refuses one over the quota (409), however many arrive at once. */
  async add(exhibitorId: string, input: Omit<AttendeeInput, 'category' | 'exhibitorId'>, by: Actor): Promise<AttendeeView> {
    const editionId = await this.editionOf(exhibitorId, by);
    const [{ status }] = await sqlRows<{ status: string }>(this.dataSource, `SELECT status FROM exhibitors WHERE id = $1`, [exhibitorId]);
    if (CLOSED_EXHIBITOR_STATUSES.includes(status as ExhibitorStatus)) throw ExhibitorErrors.closed(status);
    return this.attendees.create(editionId, { ...input, category: 'exhibitor_staff', exhibitorId }, by, by.role === 'exhibitor' ? 'exhibitor' : 'back_office');
  }

  /** Removes a staff member: their badge is cancelled and the quota place freed. */
  async remove(exhibitorId: string, attendeeId: string, by: Actor): Promise<AttendeeView> {
    await this.editionOf(exhibitorId, by);
    const attendee = await this.attendees.get(attendeeId);
    if (attendee.exhibitorId !== exhibitorId) throw AttendeeErrors.notStaffOf();
    return this.attendees.cancel(attendeeId, by, 'removed from exhibitor staff');
  }

  /** The exhibitor's edition; an exhibitor manager reaches only their own exhibitor (others: 404). */
  private async editionOf(exhibitorId: string, by: Actor): Promise<string> {
    if (by.role === 'exhibitor' && by.exhibitorId !== exhibitorId) throw ExhibitorErrors.notFound(exhibitorId);
    const [row] = await sqlRows<{ edition_id: string }>(this.dataSource, `SELECT edition_id FROM exhibitors WHERE id = $1`, [exhibitorId]);
    if (!row) throw ExhibitorErrors.notFound(exhibitorId);
    return row.edition_id;
  }
}
