import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService, JobProducer, PG, formatInZone, inTransaction, pgCode, pgConstraint, sqlRows } from '@fairops/core';
import { BadgeKeys } from '@fairops/attendees';
import { SessionErrors } from './sessions.errors';

export interface RegistrationView {
  id: string;
  sessionId: string;
  attendeeId: string;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  /** Place on the waitlist (1 = next to be promoted); null unless waitlisted. */
  waitlistPosition: number | null;
  registeredAt: Date;
  promotedAt: Date | null;
  cancelledAt: Date | null;
}

export type DoorResult = 'ok' | 'already_admitted' | 'not_registered' | 'full' | 'invalid' | 'revoked' | 'cancelled' | 'not_valid_today' | 'not_allowed' | 'session_cancelled';

export interface DoorAnswer {
  result: DoorResult;
  attendee?: { id: string; firstName: string; lastName: string; category: string };
  firstAdmittedAt?: Date;
  attendance: number;
}

const REGISTRATION_SELECT = `
  SELECT r.id, r.session_id AS "sessionId", r.attendee_id AS "attendeeId", r.status,
         CASE WHEN r.status = 'waitlisted' THEN
           (SELECT count(*)::int FROM session_registrations w WHERE w.session_id = r.session_id AND w.status = 'waitlisted' AND w.position <= r.position)
         END AS "waitlistPosition",
         r.registered_at AS "registeredAt", r.promoted_at AS "promotedAt", r.cancelled_at AS "cancelledAt"
    FROM session_registrations r`;

interface LockedSession {
  id: string;
  edition_id: string;
  status: string;
  registration_required: boolean;
  capacity: number;
  during: string;
  title: string;
}

/**
 * Seats of sessions that need registration: confirmed within capacity, beyond it a first-in first-out
 * waitlist. Registrations of one session are serialised on its row, so capacity holds under any load.
 */
@Injectable()
export class SessionRegistrationsService {
  private readonly logger = new Logger(SessionRegistrationsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: BadgeKeys,
    private readonly producer: JobProducer,
    private readonly audit: AuditService,
  ) {}

  /** The attendee behind a badge code, for the public routes where the code is the credential. */
  async attendeeOfCode(code: string): Promise<string> {
    const claims = this.keys.verify(code);
    if (!claims) throw SessionErrors.badBadge('invalid');
    const [row] = await sqlRows<{ status: string; badge_version: number }>(this.dataSource, `SELECT status, badge_version FROM attendees WHERE id = $1`, [claims.attendeeId]);
    if (!row) throw SessionErrors.badBadge('invalid');
    if (row.status === 'cancelled') throw SessionErrors.badBadge('cancelled');
    if (claims.version < row.badge_version) throw SessionErrors.badBadge('revoked');
    return claims.attendeeId;
  }

  /** Registers an attendee: a confirmed seat while there are seats, else the end of the waitlist. Repeats return the same. */
  async register(sessionId: string, attendeeId: string, by: Actor | null): Promise<RegistrationView> {
    return inTransaction(this.dataSource, async (m) => {
      const session = await this.lockSession(m, sessionId);
      if (session.status !== 'published') throw SessionErrors.notOpenForRegistration('the session is not open for registration');
      if (!session.registration_required) throw SessionErrors.notOpenForRegistration('this session needs no registration: come to the door');
      const [attendee] = await sqlRows<{ edition_id: string; status: string }>(m, `SELECT edition_id, status FROM attendees WHERE id = $1`, [attendeeId]);
      if (!attendee) throw SessionErrors.badBadge('invalid');
      if (attendee.edition_id !== session.edition_id) throw SessionErrors.otherEdition();
      if (attendee.status === 'cancelled') throw SessionErrors.badBadge('cancelled');
      const [existing] = await sqlRows<{ id: string; status: string }>(m, `SELECT id, status FROM session_registrations WHERE session_id = $1 AND attendee_id = $2`, [sessionId, attendeeId]);
      if (existing && existing.status !== 'cancelled') return (await this.find(m, existing.id))!;
      if (existing) await m.query(`DELETE FROM session_registrations WHERE id = $1`, [existing.id]);
      const [{ confirmed }] = await sqlRows<{ confirmed: number }>(m, `SELECT count(*)::int AS confirmed FROM session_registrations WHERE session_id = $1 AND status = 'confirmed'`, [sessionId]);
      const status = confirmed < session.capacity ? 'confirmed' : 'waitlisted';
      let id: string;
      try {
        [{ id }] = await sqlRows<{ id: string }>(
          m,
          `INSERT INTO session_registrations (session_id, attendee_id, status, during) VALUES ($1, $2, $3, $4::tstzrange) RETURNING id`,
          [sessionId, attendeeId, status, session.during],
        );
      } catch (error) {
        if (pgCode(error) === PG.exclusionViolation && pgConstraint(error) === 'session_registrations_no_overlap') throw SessionErrors.overlappingSeat(await this.overlapping(attendeeId, session.during));
        throw error;
      }
      await this.audit.record(m, { editionId: session.edition_id, actor: by, action: `session_registration.${status}`, entityType: 'session_registration', entityId: id, after: { sessionId, attendeeId, status } });
      return (await this.find(m, id))!;
    });
  }

  /** Cancels a registration; a freed seat goes to the first on the waitlist, through a job. */
  async cancel(sessionId: string, attendeeId: string, by: Actor | null): Promise<RegistrationView> {
    return inTransaction(this.dataSource, async (m) => {
      const session = await this.lockSession(m, sessionId);
      const [reg] = await sqlRows<{ id: string; status: string }>(m, `SELECT id, status FROM session_registrations WHERE session_id = $1 AND attendee_id = $2`, [sessionId, attendeeId]);
      if (!reg) throw SessionErrors.registrationNotFound();
      if (reg.status === 'cancelled') return (await this.find(m, reg.id))!;
      await m.query(`UPDATE session_registrations SET status = 'cancelled', cancelled_at = now() WHERE id = $1`, [reg.id]);
      if (reg.status === 'confirmed') await this.producer.enqueue(m, 'sessions.promote-waitlist', { sessionId });
      await this.audit.record(m, { editionId: session.edition_id, actor: by, action: 'session_registration.cancelled', entityType: 'session_registration', entityId: reg.id, before: { status: reg.status } });
      return (await this.find(m, reg.id))!;
    });
  }

  /**
   * The job after a cancellation: fills free seats from the waitlist in arrival order. Idempotent: it
   * only ever fills seats that are free, so a repeated job promotes nobody more.
   */
  async promoteWaitlist(sessionId: string): Promise<string[]> {
    return inTransaction(this.dataSource, async (m) => {
      const session = await this.lockSession(m, sessionId);
      if (session.status === 'cancelled') return [];
      const [{ confirmed }] = await sqlRows<{ confirmed: number }>(m, `SELECT count(*)::int AS confirmed FROM session_registrations WHERE session_id = $1 AND status = 'confirmed'`, [sessionId]);
      let free = session.capacity - confirmed;
      const promoted: string[] = [];
      if (free <= 0) return promoted;
      const waiting = await sqlRows<{ id: string; attendee_id: string }>(
        m,
        `SELECT id, attendee_id FROM session_registrations WHERE session_id = $1 AND status = 'waitlisted' ORDER BY position`,
        [sessionId],
      );
      for (const w of waiting) {
        if (free <= 0) break;
        // One who meanwhile took a seat in an overlapping session stays on the waitlist; the next goes.
        await m.query('SAVEPOINT promote');
        try {
          await m.query(`UPDATE session_registrations SET status = 'confirmed', promoted_at = now() WHERE id = $1`, [w.id]);
          await m.query('RELEASE SAVEPOINT promote');
        } catch (error) {
          await m.query('ROLLBACK TO SAVEPOINT promote');
          if (pgCode(error) === PG.exclusionViolation) continue;
          throw error;
        }
        await this.audit.record(m, { editionId: session.edition_id, actor: null, action: 'session_registration.promoted', entityType: 'session_registration', entityId: w.id, after: { sessionId, attendeeId: w.attendee_id, status: 'confirmed' } });
        promoted.push(w.id);
        free--;
      }
      if (promoted.length) this.logger.log({ sessionId, promoted: promoted.length }, 'waitlist promoted');
      return promoted;
    });
  }

  async list(sessionId: string, status?: string): Promise<RegistrationView[]> {
    const params: unknown[] = [sessionId];
    const filter = status ? ` AND r.status = $${params.push(status)}` : '';
    return sqlRows<RegistrationView>(this.dataSource, `${REGISTRATION_SELECT} WHERE r.session_id = $1${filter} ORDER BY r.position`, params);
  }

  /**
   * The door scan, with the check-in's idempotency: a nonce gives one answer, recorded once. Admits a
   * confirmed attendee of a registration session, or anyone to an open session while seats remain.
   */
  async doorScan(sessionId: string, input: { code: string; nonce: string; deskId: string }, by: Actor): Promise<DoorAnswer> {
    const codeHash = createHash('sha256').update(input.code).digest();
    const claims = this.keys.verify(input.code);
    return inTransaction(this.dataSource, async (m) => {
      const session = await this.lockSession(m, sessionId);
      const [prior] = await sqlRows<{ code_hash: Buffer; desk_id: string; result: DoorResult; attendee_id: string | null; first_admitted_at: Date | null }>(
        m,
        `SELECT code_hash, desk_id, result, attendee_id, first_admitted_at FROM session_scans WHERE session_id = $1 AND nonce = $2`,
        [sessionId, input.nonce],
      );
      if (prior) {
        if (!prior.code_hash.equals(codeHash) || prior.desk_id !== input.deskId) throw SessionErrors.nonceReused();
        return this.answer(m, sessionId, prior.result, prior.attendee_id, prior.first_admitted_at);
      }
      let result: DoorResult;
      let attendeeId: string | null = null;
      let firstAdmittedAt: Date | null = null;
      // The badge is judged by badge_verdict(), the check-in desk's own verdict, on the session's local day.
      const [attendee] = claims
        ? await sqlRows<{ id: string; edition_id: string; verdict: 'invalid' | 'cancelled' | 'revoked' | 'not_valid_today' | 'admit' }>(
            m,
            `SELECT a.id, a.edition_id,
                    badge_verdict(a.status, a.badge_version, a.days, $2::int, d.day,
                                  EXISTS (SELECT 1 FROM edition_days f WHERE f.edition_id = s.edition_id AND f.day = d.day)) AS verdict
               FROM attendees a, sessions s JOIN editions e ON e.id = s.edition_id,
                    LATERAL (SELECT (s.starts_at AT TIME ZONE e.time_zone)::date AS day) d
              WHERE a.id = $1 AND s.id = $3`,
            [claims.attendeeId, claims.version, sessionId],
          )
        : [];
      if (session.status === 'cancelled') result = 'session_cancelled';
      else if (!claims || !attendee) result = 'invalid';
      else if (attendee.edition_id !== session.edition_id) result = 'not_allowed';
      else if (attendee.verdict !== 'admit') {
        result = attendee.verdict;
        attendeeId = attendee.id;
      } else {
        attendeeId = attendee.id;
        const [admitted] = await sqlRows<{ admitted_at: Date }>(m, `SELECT admitted_at FROM session_admissions WHERE session_id = $1 AND attendee_id = $2`, [sessionId, attendee.id]);
        if (admitted) {
          result = 'already_admitted';
          firstAdmittedAt = admitted.admitted_at;
        } else if (session.registration_required) {
          const [reg] = await sqlRows(m, `SELECT 1 FROM session_registrations WHERE session_id = $1 AND attendee_id = $2 AND status = 'confirmed'`, [sessionId, attendee.id]);
          result = reg ? 'ok' : 'not_registered';
        } else {
          const [{ n }] = await sqlRows<{ n: number }>(m, `SELECT count(*)::int AS n FROM session_admissions WHERE session_id = $1`, [sessionId]);
          result = n < session.capacity ? 'ok' : 'full';
        }
      }
      const scanId = randomUUID();
      if (result === 'ok') {
        firstAdmittedAt = new Date();
        await m.query(`INSERT INTO session_admissions (session_id, attendee_id, admitted_at, scan_id) VALUES ($1, $2, $3, $4)`, [sessionId, attendeeId, firstAdmittedAt, scanId]);
      }
      await m.query(
        `INSERT INTO session_scans (id, session_id, nonce, desk_id, code_hash, attendee_id, result, first_admitted_at, scanned_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [scanId, sessionId, input.nonce, input.deskId, codeHash, attendeeId, result, firstAdmittedAt, by.id],
      );
      return this.answer(m, sessionId, result, attendeeId, firstAdmittedAt);
    });
  }

  private async answer(m: EntityManager, sessionId: string, result: DoorResult, attendeeId: string | null, firstAdmittedAt: Date | null): Promise<DoorAnswer> {
    const [{ attendance }] = await sqlRows<{ attendance: number }>(m, `SELECT count(*)::int AS attendance FROM session_admissions WHERE session_id = $1`, [sessionId]);
    const answer: DoorAnswer = { result, attendance };
    if (attendeeId && !['invalid', 'not_allowed'].includes(result)) {
      const [a] = await sqlRows<{ id: string; firstName: string; lastName: string; category: string }>(
        m,
        `SELECT id, first_name AS "firstName", last_name AS "lastName", category FROM attendees WHERE id = $1`,
        [attendeeId],
      );
      if (a) answer.attendee = a;
    }
    if (firstAdmittedAt) answer.firstAdmittedAt = firstAdmittedAt;
    return answer;
  }

  private async lockSession(m: EntityManager, sessionId: string): Promise<LockedSession> {
    const [session] = await sqlRows<LockedSession>(
      m,
      `SELECT s.id, s.edition_id, s.status, s.registration_required, coalesce(s.capacity, r.capacity) AS capacity, s.during::text AS during, s.title
         FROM sessions s JOIN rooms r ON r.id = s.room_id WHERE s.id = $1 FOR UPDATE OF s`,
      [sessionId],
    );
    if (!session) throw SessionErrors.notFound(sessionId);
    return session;
  }

  private async overlapping(attendeeId: string, during: string) {
    const [other] = await sqlRows<{ id: string; title: string; starts_at: Date; ends_at: Date; time_zone: string }>(
      this.dataSource,
      `SELECT s.id, s.title, s.starts_at, s.ends_at, ed.time_zone FROM session_registrations r
         JOIN sessions s ON s.id = r.session_id JOIN editions ed ON ed.id = s.edition_id
        WHERE r.attendee_id = $1 AND r.status = 'confirmed' AND s.status <> 'cancelled' AND r.during && $2::tstzrange LIMIT 1`,
      [attendeeId, during],
    );
    return other ? { id: other.id, title: other.title, startsAt: formatInZone(other.starts_at, other.time_zone), endsAt: formatInZone(other.ends_at, other.time_zone) } : undefined;
  }

  private async find(m: EntityManager, id: string): Promise<RegistrationView | null> {
    const [row] = await sqlRows<RegistrationView>(m, `${REGISTRATION_SELECT} WHERE r.id = $1`, [id]);
    return row ?? null;
  }
}
