import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Db, Sql, sql } from '@fairops/core';

/**
 * What a library that builds on attendees (check-in: check-ins, scans, leads) holds on one person. It
 * registers itself here (it imports this library; this library does not import it), so a subject
 * access request and an erasure reach its tables through its own code.
 */
export interface AttendeeDataHolder {
  /** What it holds on the attendee, as keys of the personal-data export. */
  personalData(db: Db, attendeeId: string): Promise<Record<string, unknown>>;
  /** Removes what names the person, in the erasure's transaction; what it removed, counted, for the audit entry. */
  erase(manager: EntityManager, attendeeId: string): Promise<Record<string, number>>;
}

/** SQL giving when the attendee (`attendee.id`, of edition `attendee.editionId`) checked in on today's fair day, or NULL. */
export type CheckedInTodayAt = (attendee: { id: Sql; editionId: Sql }) => Sql;

/** Where the libraries above attendees plug in (see AttendeeDataHolder). Without them: no check-in, nothing held. */
@Injectable()
export class AttendeeExtensions {
  private readonly holders: AttendeeDataHolder[] = [];
  private checkedIn: CheckedInTodayAt = () => sql`NULL::timestamptz`;

  registerDataHolder(holder: AttendeeDataHolder): void {
    this.holders.push(holder);
  }

  registerCheckedInTodayAt(fragment: CheckedInTodayAt): void {
    this.checkedIn = fragment;
  }

  dataHolders(): readonly AttendeeDataHolder[] {
    return this.holders;
  }

  checkedInTodayAt(attendee: { id: Sql; editionId: Sql }): Sql {
    return this.checkedIn(attendee);
  }
}
