import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Db, Sql, rows, sql } from '@fairops/core';
import { AttendeeExtensions, HeldPersonalData, PersonalCheckin, PersonalScan } from '@fairops/attendees';
import { editionTimeZone } from '@fairops/editions';
import { exhibitorNames } from '@fairops/exhibitors';

/** When the attendee checked in today (the edition's local date now), or NULL. One primary-key lookup. */
export function checkedInTodayAtSql(attendee: { id: Sql; editionId: Sql }): Sql {
  return sql`(SELECT c.checked_in_at FROM checkins c WHERE c.attendee_id = ${attendee.id} AND c.day = (now() AT TIME ZONE ${editionTimeZone(attendee.editionId)})::date)`;
}

/** What check-in holds on one attendee: check-ins, scans and the leads exhibitors captured. */
export async function attendeeCheckinData(db: Db, attendeeId: string): Promise<HeldPersonalData> {
  const [checkins, scans, leads] = await Promise.all([
    rows<PersonalCheckin>(db, sql`SELECT day, checked_in_at AS "checkedInAt", desk_id AS "deskId" FROM checkins WHERE attendee_id = ${attendeeId} ORDER BY day`),
    rows<PersonalScan>(db, sql`SELECT scanned_at AS "scannedAt", desk_id AS "deskId", gate, result FROM scans WHERE attendee_id = ${attendeeId} ORDER BY scanned_at`),
    rows<{ capturedAt: Date; exhibitorId: string; rating: number | null; notes: string | null }>(
      db,
      sql`SELECT created_at AS "capturedAt", exhibitor_id AS "exhibitorId", rating, notes FROM leads WHERE attendee_id = ${attendeeId}`,
    ),
  ]);
  const names = new Map((await exhibitorNames(db, [...new Set(leads.map((l) => l.exhibitorId))])).map((e) => [e.id, e.name]));
  return { checkins, scans, leads: leads.map(({ capturedAt, exhibitorId, rating, notes }) => ({ capturedAt, exhibitor: names.get(exhibitorId) ?? '', rating, notes })) };
}

/** An erasure: the leads about the person go (check-ins and scans stay, anonymous once the person is). */
export async function eraseAttendeeLeads(m: EntityManager, attendeeId: string): Promise<{ leadsDeleted: number }> {
  const deleted = await rows(m, sql`DELETE FROM leads WHERE attendee_id = ${attendeeId} RETURNING id`);
  return { leadsDeleted: deleted.length };
}

/**
 * Plugs check-in into the attendees library, which does not import this one: the attendee view's
 * "checked in today", and the check-in data of a subject access request and of an erasure.
 */
@Injectable()
export class CheckinAttendeeData implements OnModuleInit {
  constructor(private readonly extensions: AttendeeExtensions) {}

  onModuleInit(): void {
    this.extensions.registerCheckedInTodayAt(checkedInTodayAtSql);
    this.extensions.registerDataHolder({ personalData: attendeeCheckinData, erase: eraseAttendeeLeads });
  }
}
