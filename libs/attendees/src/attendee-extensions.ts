import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Db, Sql, sql } from '@fairops/core';
import { AttendeeView } from './attendee-fields';

/** A check-in of the person, in their personal-data export. */
export interface PersonalCheckin {
  /** The fair day, YYYY-MM-DD. */
  day: string;
  checkedInAt: Date;
  deskId: string | null;
}

export interface PersonalScan {
  scannedAt: Date;
  deskId: string | null;
  gate: string | null;
  result: string;
}

/** A lead an exhibitor captured by scanning the person's badge. */
export interface PersonalLead {
  capturedAt: Date;
  /** The exhibitor's name. */
  exhibitor: string;
  rating: number | null;
  notes: string | null;
}

/** What was done to the record, when and why (not the values). */
export interface PersonalHistoryEntry {
  action: string;
  at: Date;
  reason: string | null;
}

/** Everything held on one attendee: the answer to a subject access request. */
export interface PersonalData {
  attendee: AttendeeView;
  checkins: PersonalCheckin[];
  scans: PersonalScan[];
  leads: PersonalLead[];
  history: PersonalHistoryEntry[];
}

/** The parts of the export that other libraries hold. */
export type HeldPersonalData = Partial<Pick<PersonalData, 'checkins' | 'scans' | 'leads'>>;

/**
 * What a library that builds on attendees (check-in: check-ins, scans, leads) holds on one person. It
 * registers itself here (it imports this library; this library does not import it), so a subject
 * access request and an erasure reach its tables through its own code.
 */
export interface AttendeeDataHolder {
  /** What it holds on the attendee, as parts of the personal-data export. */
  personalData(db: Db, attendeeId: string): Promise<HeldPersonalData>;
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
