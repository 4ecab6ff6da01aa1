import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Actor, Paged } from '@fairops/core';
import { ExhibitorBasics, ExhibitorErrors, exhibitorBasics, isClosedStatus } from '@fairops/exhibitors';
import { AttendeeInput, AttendeeView } from './attendee-fields';
import { AttendeeErrors } from './attendees.errors';
import { AttendeesRepository } from './attendees.repository';
import { AttendeesService } from './attendees.service';

/** A page of an exhibitor's staff badges, with the quota they count against and how much of it is used. */
export interface StaffPage extends Paged<AttendeeView> {
  quota: number;
  used: number;
}

/** An exhibitor's staff badges, managed by its manager (their own exhibitor only) or an admin. */
@Injectable()
export class StaffService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly attendees: AttendeesService,
    private readonly repository: AttendeesRepository,
  ) {}

  async list(exhibitorId: string, by: Actor, page: { limit: number; offset: number }): Promise<StaffPage> {
    const exhibitor = await this.exhibitorOf(exhibitorId, by);
    const used = (await this.repository.staffUsed(this.dataSource, [exhibitorId])).get(exhibitorId) ?? 0;
    const { items, total } = await this.attendees.list({ editionId: exhibitor.editionId, exhibitorId, category: 'exhibitor_staff', ...page });
    return { items, total, quota: exhibitor.staffQuota, used };
  }

  /** Adds a staff member; the database refuses one over the quota (409), however many arrive at once. */
  async add(exhibitorId: string, input: Omit<AttendeeInput, 'category' | 'exhibitorId'>, by: Actor): Promise<AttendeeView> {
    const exhibitor = await this.exhibitorOf(exhibitorId, by);
    if (isClosedStatus(exhibitor.status)) throw ExhibitorErrors.closed(exhibitor.status);
    return this.attendees.create(exhibitor.editionId, { ...input, category: 'exhibitor_staff', exhibitorId }, by, by.role === 'exhibitor' ? 'exhibitor' : 'back_office');
  }

  /** Removes a staff member: their badge is cancelled and the quota place freed. */
  async remove(exhibitorId: string, attendeeId: string, by: Actor): Promise<AttendeeView> {
    await this.exhibitorOf(exhibitorId, by);
    const attendee = await this.attendees.get(attendeeId);
    if (attendee.exhibitorId !== exhibitorId) throw AttendeeErrors.notStaffOf();
    return this.attendees.cancel(attendeeId, by, 'removed from exhibitor staff');
  }

  /** The exhibitor; an exhibitor manager reaches only their own exhibitor (others: 404). */
  private async exhibitorOf(exhibitorId: string, by: Actor): Promise<ExhibitorBasics> {
    if (by.role === 'exhibitor' && by.exhibitorId !== exhibitorId) throw ExhibitorErrors.notFound(exhibitorId);
    const exhibitor = await exhibitorBasics(this.dataSource, exhibitorId);
    if (!exhibitor) throw ExhibitorErrors.notFound(exhibitorId);
    return exhibitor;
  }
}
