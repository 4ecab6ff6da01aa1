import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Db, maybeOne, one, rows, sql } from '@fairops/core';
import { attendeeRows } from '@fairops/attendees';
import { editionRows, isFairDay } from '@fairops/editions';
import type { DoorResult, RegistrationView } from './session-registrations.service';

/** A session locked for a registration or a door scan, with its capacity (its own or its room's). */
export interface LockedSession {
  id: string;
  edition_id: string;
  status: string;
  registration_required: boolean;
  capacity: number;
  during: string;
  title: string;
}

export type BadgeVerdict = 'invalid' | 'cancelled' | 'revoked' | 'not_valid_today' | 'admit';

export interface DoorScanRecord {
  id: string;
  sessionId: string;
  nonce: string;
  deskId: string;
  codeHash: Buffer;
  attendeeId: string | null;
  result: DoorResult;
  firstAdmittedAt: Date | null;
  scannedBy: string;
}

const REGISTRATION_SELECT = sql`
  SELECT r.id, r.session_id AS "sessionId", r.attendee_id AS "attendeeId", r.status,
         CASE WHEN r.status = 'waitlisted' THEN
           (SELECT count(*)::int FROM session_registrations w WHERE w.session_id = r.session_id AND w.status = 'waitlisted' AND w.position <= r.position)
         END AS "waitlistPosition",
         r.registered_at AS "registeredAt", r.promoted_at AS "promotedAt", r.cancelled_at AS "cancelledAt"
    FROM session_registrations r`;

/**
 * All SQL of `session_registrations`, `session_admissions` and `session_scans`, and the locks on a
 * session they need; attendees and editions are read through their owners' pieces.
 */
@Injectable()
export class SessionRegistrationsRepository {
  constructor(private readonly dataSource: DataSource) {}

  lockSession(m: EntityManager, sessionId: string): Promise<LockedSession | undefined> {
    return maybeOne<LockedSession>(
      m,
      sql`SELECT s.id, s.edition_id, s.status, s.registration_required, coalesce(s.capacity, r.capacity) AS capacity, s.during::text AS during, s.title
            FROM sessions s JOIN rooms r ON r.id = s.room_id WHERE s.id = ${sessionId} FOR UPDATE OF s`,
    );
  }

  /** The attendee's status, badge version and edition, or undefined for an unknown one. */
  attendee(db: Db, attendeeId: string): Promise<{ edition_id: string; status: string; badge_version: number } | undefined> {
    return maybeOne(db, sql`SELECT edition_id, status, badge_version FROM ${attendeeRows()} a WHERE id = ${attendeeId}`);
  }

  /** Whom a message about the attendee's seat goes to (no email: no message). */
  recipient(db: Db, attendeeId: string): Promise<{ email: string | null; name: string; language: string | null } | undefined> {
    return maybeOne(db, sql`SELECT email, trim(first_name || ' ' || last_name) AS name, language FROM ${attendeeRows()} a WHERE id = ${attendeeId}`);
  }

  view(db: Db, id: string): Promise<RegistrationView | undefined> {
    return maybeOne<RegistrationView>(db, sql`${REGISTRATION_SELECT} WHERE r.id = ${id}`);
  }

  list(sessionId: string, status?: string): Promise<RegistrationView[]> {
    return rows<RegistrationView>(this.dataSource, sql`${REGISTRATION_SELECT} WHERE ${sql.and([sql`r.session_id = ${sessionId}`, status && sql`r.status = ${status}`])} ORDER BY r.position`);
  }

  of(m: EntityManager, sessionId: string, attendeeId: string): Promise<{ id: string; status: string } | undefined> {
    return maybeOne(m, sql`SELECT id, status FROM session_registrations WHERE session_id = ${sessionId} AND attendee_id = ${attendeeId}`);
  }

  async remove(m: EntityManager, id: string): Promise<void> {
    await rows(m, sql`DELETE FROM session_registrations WHERE id = ${id}`);
  }

  async confirmedCount(m: EntityManager, sessionId: string): Promise<number> {
    return (await one<{ n: number }>(m, sql`SELECT count(*)::int AS n FROM session_registrations WHERE session_id = ${sessionId} AND status = 'confirmed'`)).n;
  }

  async insert(m: EntityManager, r: { sessionId: string; attendeeId: string; status: 'confirmed' | 'waitlisted'; during: string }): Promise<string> {
    const { id } = await one<{ id: string }>(
      m,
      sql`INSERT INTO session_registrations (session_id, attendee_id, status, during) VALUES (${r.sessionId}, ${r.attendeeId}, ${r.status}, ${r.during}::tstzrange) RETURNING id`,
    );
    return id;
  }

  async cancel(m: EntityManager, id: string): Promise<void> {
    await rows(m, sql`UPDATE session_registrations SET status = 'cancelled', cancelled_at = now() WHERE id = ${id}`);
  }

  /** Gives back every seat of a cancelled session. */
  async cancelAllOf(m: EntityManager, sessionId: string): Promise<void> {
    await rows(m, sql`UPDATE session_registrations SET status = 'cancelled', cancelled_at = now() WHERE session_id = ${sessionId} AND status <> 'cancelled'`);
  }

  waiting(m: EntityManager, sessionId: string): Promise<Array<{ id: string; attendee_id: string }>> {
    return rows(m, sql`SELECT id, attendee_id FROM session_registrations WHERE session_id = ${sessionId} AND status = 'waitlisted' ORDER BY position`);
  }

  async promote(m: EntityManager, id: string): Promise<void> {
    await rows(m, sql`UPDATE session_registrations SET status = 'confirmed', promoted_at = now() WHERE id = ${id}`);
  }

  /** Runs `work` in a savepoint: an error rolls back to it (and is thrown), leaving the transaction usable. */
  async inSavepoint(m: EntityManager, name: string, work: () => Promise<void>): Promise<void> {
    const savepoint = sql.identifier(name);
    await rows(m, sql`SAVEPOINT ${savepoint}`);
    try {
      await work();
      await rows(m, sql`RELEASE SAVEPOINT ${savepoint}`);
    } catch (error) {
      await rows(m, sql`ROLLBACK TO SAVEPOINT ${savepoint}`);
      throw error;
    }
  }

  /** A confirmed seat of the attendee's that overlaps `during`, with its edition's zone. */
  overlapping(attendeeId: string, during: string): Promise<{ id: string; title: string; starts_at: Date; ends_at: Date; time_zone: string } | undefined> {
    return maybeOne(
      this.dataSource,
      sql`SELECT s.id, s.title, s.starts_at, s.ends_at, ed.time_zone FROM session_registrations r
            JOIN sessions s ON s.id = r.session_id JOIN ${editionRows()} ed ON ed.id = s.edition_id
           WHERE r.attendee_id = ${attendeeId} AND r.status = 'confirmed' AND s.status <> 'cancelled' AND r.during && ${during}::tstzrange LIMIT 1`,
    );
  }

  priorScan(m: EntityManager, sessionId: string, nonce: string): Promise<{ code_hash: Buffer; desk_id: string; result: DoorResult; attendee_id: string | null; first_admitted_at: Date | null } | undefined> {
    return maybeOne(m, sql`SELECT code_hash, desk_id, result, attendee_id, first_admitted_at FROM session_scans WHERE session_id = ${sessionId} AND nonce = ${nonce}`);
  }

  /** The badge judged by badge_verdict(), the check-in desk's own verdict, on the session's local day. */
  verdict(m: EntityManager, attendeeId: string, version: number, sessionId: string): Promise<{ id: string; edition_id: string; verdict: BadgeVerdict } | undefined> {
    return maybeOne(
      m,
      sql`SELECT a.id, a.edition_id,
                 badge_verdict(a.status, a.badge_version, a.days, ${version}::int, d.day, ${isFairDay(sql`s.edition_id`, sql`d.day`)}) AS verdict
            FROM ${attendeeRows()} a, sessions s JOIN ${editionRows()} e ON e.id = s.edition_id,
                 LATERAL (SELECT (s.starts_at AT TIME ZONE e.time_zone)::date AS day) d
           WHERE a.id = ${attendeeId} AND s.id = ${sessionId}`,
    );
  }

  async admittedAt(m: EntityManager, sessionId: string, attendeeId: string): Promise<Date | undefined> {
    return (await maybeOne<{ admitted_at: Date }>(m, sql`SELECT admitted_at FROM session_admissions WHERE session_id = ${sessionId} AND attendee_id = ${attendeeId}`))?.admitted_at;
  }

  async hasConfirmedSeat(m: EntityManager, sessionId: string, attendeeId: string): Promise<boolean> {
    return (await rows(m, sql`SELECT 1 FROM session_registrations WHERE session_id = ${sessionId} AND attendee_id = ${attendeeId} AND status = 'confirmed'`)).length > 0;
  }

  async attendance(m: EntityManager, sessionId: string): Promise<number> {
    return (await one<{ n: number }>(m, sql`SELECT count(*)::int AS n FROM session_admissions WHERE session_id = ${sessionId}`)).n;
  }

  async admit(m: EntityManager, a: { sessionId: string; attendeeId: string; at: Date; scanId: string }): Promise<void> {
    await rows(m, sql`INSERT INTO session_admissions (session_id, attendee_id, admitted_at, scan_id) VALUES (${a.sessionId}, ${a.attendeeId}, ${a.at}, ${a.scanId})`);
  }

  async recordScan(m: EntityManager, s: DoorScanRecord): Promise<void> {
    await rows(
      m,
      sql`INSERT INTO session_scans (id, session_id, nonce, desk_id, code_hash, attendee_id, result, first_admitted_at, scanned_by)
          VALUES (${s.id}, ${s.sessionId}, ${s.nonce}, ${s.deskId}, ${s.codeHash}, ${s.attendeeId}, ${s.result}, ${s.firstAdmittedAt}, ${s.scannedBy})`,
    );
  }

  /** The card a door shows for an admitted (or refused) attendee. */
  doorCard(m: EntityManager, attendeeId: string): Promise<{ id: string; firstName: string; lastName: string; category: string } | undefined> {
    return maybeOne(m, sql`SELECT id, first_name AS "firstName", last_name AS "lastName", category FROM ${attendeeRows()} a WHERE id = ${attendeeId}`);
  }
}
