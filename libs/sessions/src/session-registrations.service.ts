import { createHash, randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuthErrors, AuditService, JobProducer, PG, formatInZone, inTransaction, pgCode, pgConstraint } from '@fairops/core';
import { BadgeKeys } from '@fairops/attendees';
import { Collision, SessionErrors } from './sessions.errors';
import { SessionMessages } from './session-messages';
import { BadgeVerdict as BadgeVerdictOf, LockedSession, SessionRegistrationsRepository } from './session-registrations.repository';

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

/**
 * Seats of sessions that need registration: confirmed within capacity, beyond it a first-in first-out
 * waitlist. Registrations of one session are serialised on its row, so capacity holds under any load.
 */
@Injectable()
export class SessionRegistrationsService {
  private readonly logger = new Logger(SessionRegistrationsService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: SessionRegistrationsRepository,
    private readonly keys: BadgeKeys,
    private readonly producer: JobProducer,
    private readonly audit: AuditService,
    private readonly messages: SessionMessages,
  ) {}

  /** The attendee behind a badge code, for the public routes where the code is the credential. */
  async attendeeOfCode(code: string): Promise<string> {
    const claims = this.keys.verify(code);
    if (!claims) throw SessionErrors.badBadge('invalid');
    const row = await this.repository.attendee(this.dataSource, claims.attendeeId);
    if (!row) throw SessionErrors.badBadge('invalid');
    if (row.status === 'cancelled') throw SessionErrors.badBadge('cancelled');
    if (claims.version < row.badge_version) throw SessionErrors.badBadge('revoked');
    return claims.attendeeId;
  }

  /**
   * Who a registration is for: the badge code is the credential of a public registration; naming an
   * attendee by id is an admin's (a missing token answers 401, another role 403).
   */
  async whoFor(request: { code?: string; attendeeId?: string }, actor: Actor | null): Promise<string> {
    if (request.code && request.attendeeId) throw SessionErrors.codeOrId();
    if (request.attendeeId) {
      if (!actor) throw AuthErrors.missingToken();
      if (actor.role !== 'admin') throw AuthErrors.forbiddenRole(['admin']);
      return request.attendeeId;
    }
    if (!request.code) throw SessionErrors.codeRequired();
    return this.attendeeOfCode(request.code);
  }

  /** Registers an attendee: a confirmed seat while there are seats, else the end of the waitlist. Repeats return the same. */
  async register(sessionId: string, attendeeId: string, by: Actor | null): Promise<RegistrationView> {
    return inTransaction(this.dataSource, async (m) => {
      const session = await this.lockSession(m, sessionId);
      if (session.status !== 'published') throw SessionErrors.notOpenForRegistration('the session is not open for registration');
      if (!session.registration_required) throw SessionErrors.notOpenForRegistration('this session needs no registration: come to the door');
      const attendee = await this.repository.attendee(m, attendeeId);
      if (!attendee) throw SessionErrors.badBadge('invalid');
      if (attendee.edition_id !== session.edition_id) throw SessionErrors.otherEdition();
      if (attendee.status === 'cancelled') throw SessionErrors.badBadge('cancelled');
      const existing = await this.repository.of(m, sessionId, attendeeId);
      if (existing && existing.status !== 'cancelled') return (await this.find(m, existing.id))!;
      if (existing) await this.repository.remove(m, existing.id);
      const status = (await this.repository.confirmedCount(m, sessionId)) < session.capacity ? 'confirmed' : 'waitlisted';
      let id: string;
      try {
        id = await this.repository.insert(m, { sessionId, attendeeId, status, during: session.during });
      } catch (error) {
        if (pgCode(error) === PG.exclusionViolation && pgConstraint(error) === 'session_registrations_no_overlap') throw SessionErrors.overlappingSeat(await this.overlapping(attendeeId, session.during));
        throw error;
      }
      await this.audit.record(m, { editionId: session.edition_id, actor: by, action: `session_registration.${status}`, entityType: 'session_registration', entityId: id, after: { sessionId, attendeeId, status } });
      await this.messages.seat(m, `session_${status}`, { registrationId: id, sessionId, attendeeId, editionId: session.edition_id });
      return (await this.find(m, id))!;
    });
  }

  /** Cancels a registration; a freed seat goes to the first on the waitlist, through a job. */
  async cancel(sessionId: string, attendeeId: string, by: Actor | null): Promise<RegistrationView> {
    return inTransaction(this.dataSource, async (m) => {
      const session = await this.lockSession(m, sessionId);
      const reg = await this.repository.of(m, sessionId, attendeeId);
      if (!reg) throw SessionErrors.registrationNotFound();
      if (reg.status === 'cancelled') return (await this.find(m, reg.id))!;
      await this.repository.cancel(m, reg.id);
      if (reg.status === 'confirmed') await this.producer.enqueue(m, 'sessions.promote-waitlist', { sessionId });
      await this.audit.record(m, { editionId: session.edition_id, actor: by, action: 'session_registration.cancelled', entityType: 'session_registration', entityId: reg.id, before: { status: reg.status } });
      return (await this.find(m, reg.id))!;
    });
  }

  /**
   * After a change of the session's capacity (its own, or its room's by a move), in the change's
   * transaction: a capacity below the seats already confirmed is refused (409 naming both); seats it
   * frees go to the waitlist through the same job as a cancellation's.
   */
  async capacityChanged(m: EntityManager, sessionId: string): Promise<void> {
    const session = await this.lockSession(m, sessionId);
    const confirmed = await this.repository.confirmedCount(m, sessionId);
    if (confirmed > session.capacity) throw SessionErrors.capacityBelowConfirmed(session.capacity, confirmed);
    if (confirmed < session.capacity) await this.producer.enqueue(m, 'sessions.promote-waitlist', { sessionId });
  }

  /**
   * The job after a cancellation or a larger capacity: fills free seats from the waitlist in arrival order. Idempotent: it
   * only ever fills seats that are free, so a repeated job promotes nobody more.
   */
  async promoteWaitlist(sessionId: string): Promise<string[]> {
    return inTransaction(this.dataSource, async (m) => {
      const session = await this.lockSession(m, sessionId);
      if (session.status === 'cancelled') return [];
      let free = session.capacity - (await this.repository.confirmedCount(m, sessionId));
      const promoted: string[] = [];
      if (free <= 0) return promoted;
      for (const w of await this.repository.waiting(m, sessionId)) {
        if (free <= 0) break;
        // One who meanwhile took a seat in an overlapping session stays on the waitlist; the next goes.
        try {
          await this.repository.inSavepoint(m, 'promote', () => this.repository.promote(m, w.id));
        } catch (error) {
          if (pgCode(error) === PG.exclusionViolation) continue;
          throw error;
        }
        await this.audit.record(m, { editionId: session.edition_id, actor: null, action: 'session_registration.promoted', entityType: 'session_registration', entityId: w.id, after: { sessionId, attendeeId: w.attendee_id, status: 'confirmed' } });
        await this.messages.seat(m, 'session_promoted', { registrationId: w.id, sessionId, attendeeId: w.attendee_id, editionId: session.edition_id });
        promoted.push(w.id);
        free--;
      }
      if (promoted.length) this.logger.log({ sessionId, promoted: promoted.length }, 'waitlist promoted');
      return promoted;
    });
  }

  list(sessionId: string, status?: string): Promise<RegistrationView[]> {
    return this.repository.list(sessionId, status);
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
      const prior = await this.repository.priorScan(m, sessionId, input.nonce);
      if (prior) {
        if (!prior.code_hash.equals(codeHash) || prior.desk_id !== input.deskId) throw SessionErrors.nonceReused();
        return this.answer(m, sessionId, prior.result, prior.attendee_id, prior.first_admitted_at);
      }
      const attendee = claims ? await this.repository.verdict(m, claims.attendeeId, claims.version, sessionId) : undefined;
      const judged = await this.judge(m, session, claims ? attendee : undefined);
      const scanId = randomUUID();
      if (judged.result === 'ok') {
        judged.firstAdmittedAt = new Date();
        await this.repository.admit(m, { sessionId, attendeeId: judged.attendeeId!, at: judged.firstAdmittedAt, scanId });
      }
      await this.repository.recordScan(m, { id: scanId, sessionId, nonce: input.nonce, deskId: input.deskId, codeHash, ...judged, scannedBy: by.id });
      return this.answer(m, sessionId, judged.result, judged.attendeeId, judged.firstAdmittedAt);
    });
  }

  /** The door's verdict on a badge (undefined: an invalid code or an unknown attendee) for a locked session. */
  private async judge(
    m: EntityManager,
    session: LockedSession,
    attendee: { id: string; edition_id: string; verdict: BadgeVerdictOf } | undefined,
  ): Promise<{ result: DoorResult; attendeeId: string | null; firstAdmittedAt: Date | null }> {
    const verdict = (result: DoorResult, attendeeId: string | null = null) => ({ result, attendeeId, firstAdmittedAt: null });
    if (session.status === 'cancelled') return verdict('session_cancelled');
    if (!attendee) return verdict('invalid');
    if (attendee.edition_id !== session.edition_id) return verdict('not_allowed');
    if (attendee.verdict !== 'admit') return verdict(attendee.verdict, attendee.id);
    const admittedAt = await this.repository.admittedAt(m, session.id, attendee.id);
    if (admittedAt) return { result: 'already_admitted', attendeeId: attendee.id, firstAdmittedAt: admittedAt };
    if (session.registration_required) return verdict((await this.repository.hasConfirmedSeat(m, session.id, attendee.id)) ? 'ok' : 'not_registered', attendee.id);
    return verdict((await this.repository.attendance(m, session.id)) < session.capacity ? 'ok' : 'full', attendee.id);
  }

  private async answer(m: EntityManager, sessionId: string, result: DoorResult, attendeeId: string | null, firstAdmittedAt: Date | null): Promise<DoorAnswer> {
    const answer: DoorAnswer = { result, attendance: await this.repository.attendance(m, sessionId) };
    if (attendeeId && !['invalid', 'not_allowed'].includes(result)) {
      const card = await this.repository.doorCard(m, attendeeId);
      if (card) answer.attendee = card;
    }
    if (firstAdmittedAt) answer.firstAdmittedAt = firstAdmittedAt;
    return answer;
  }

  private async lockSession(m: EntityManager, sessionId: string): Promise<LockedSession> {
    const session = await this.repository.lockSession(m, sessionId);
    if (!session) throw SessionErrors.notFound(sessionId);
    return session;
  }

  private async overlapping(attendeeId: string, during: string): Promise<Collision | undefined> {
    const other = await this.repository.overlapping(attendeeId, during);
    return other ? { id: other.id, title: other.title, startsAt: formatInZone(other.starts_at, other.time_zone), endsAt: formatInZone(other.ends_at, other.time_zone) } : undefined;
  }

  private async find(m: EntityManager, id: string): Promise<RegistrationView | null> {
    return (await this.repository.view(m, id)) ?? null;
  }
}
