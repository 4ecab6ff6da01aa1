import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService, FieldIssue, PG, formatInZone, inTransaction, localDate, localTime, parseDateTimeInZone, pgCode, pgConstraint, withTransaction } from '@fairops/core';
import { Edition, EditionsService } from '@fairops/editions';
import { RoomView, RoomsRepository } from './rooms.repository';
import { Collision, SessionErrors } from './sessions.errors';
import { SessionRegistrationsRepository } from './session-registrations.repository';
import { SessionRegistrationsService } from './session-registrations.service';
import { SessionListFilter, SessionRow, SessionsRepository, Slot } from './sessions.repository';
import { SpeakerInput, SpeakerView, SpeakersRepository } from './speakers.repository';

export const SESSION_TYPES = ['ceremony', 'keynote', 'panel', 'workshop', 'job_dating', 'talk', 'other'] as const;
export const SESSION_LANGUAGES = ['fr', 'ar', 'en'] as const;
export const SESSION_STATUSES = ['draft', 'published', 'cancelled'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

export interface SessionSpeakerInput {
  speakerId: string;
  role: 'speaker' | 'moderator';
}

export interface SessionInput {
  title: string;
  description?: string | null;
  language: (typeof SESSION_LANGUAGES)[number];
  type: (typeof SESSION_TYPES)[number];
  roomId: string;
  /** Local time without offset (read in the edition's zone) or ISO 8601 with an offset. */
  startsAt: string;
  endsAt: string;
  capacity?: number | null;
  registrationRequired?: boolean;
  speakers?: SessionSpeakerInput[];
}

export interface SessionView {
  id: string;
  editionId: string;
  title: string;
  description: string | null;
  language: string;
  type: string;
  room: { id: string; name: string; capacity: number };
  /** Local time with the zone's offset on that day. */
  startsAt: string;
  endsAt: string;
  /** The session's own capacity, or its room's. */
  capacity: number;
  registrationRequired: boolean;
  status: SessionStatus;
  speakers: Array<{ id: string; name: string; function: string | null; organisation: string | null; role: string }>;
  seats: { confirmed: number; waitlisted: number; available: number };
  attendance: number;
}

export function toSessionView(row: SessionRow): SessionView {
  const { timeZone, ...rest } = row;
  return { ...rest, startsAt: formatInZone(row.startsAt, timeZone), endsAt: formatInZone(row.endsAt, timeZone) };
}

export interface SessionCheck {
  ok: boolean;
  startsAt: string;
  endsAt: string;
  conflicts: Array<{ kind: 'room' | 'speaker'; speakerId?: string; session: Collision }>;
}

@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: SessionsRepository,
    private readonly rooms: RoomsRepository,
    private readonly speakers: SpeakersRepository,
    private readonly registrations: SessionRegistrationsRepository,
    private readonly seats: SessionRegistrationsService,
    private readonly editions: EditionsService,
    private readonly audit: AuditService,
  ) {}

  async createRoom(editionId: string | undefined, input: { name: string; capacity: number }, by: Actor | null, manager?: EntityManager): Promise<RoomView> {
    const edition = await this.editions.resolveId(editionId, manager);
    return withTransaction(this.dataSource, manager, async (m) => {
      try {
        const room = await this.rooms.insert(m, edition, { name: input.name.trim(), capacity: input.capacity });
        await this.audit.record(m, { editionId: edition, actor: by, action: 'room.created', entityType: 'room', entityId: room.id, after: room });
        return room;
      } catch (error) {
        if (pgCode(error) === PG.uniqueViolation) throw SessionErrors.roomNameTaken(input.name);
        throw error;
      }
    });
  }

  async listRooms(editionId?: string): Promise<RoomView[]> {
    return this.rooms.list(await this.editions.resolveId(editionId));
  }

  async createSpeaker(editionId: string | undefined, input: SpeakerInput, by: Actor | null, manager?: EntityManager): Promise<SpeakerView> {
    const edition = await this.editions.resolveId(editionId, manager);
    return withTransaction(this.dataSource, manager, async (m) => {
      const speaker = await this.speakers.insert(m, edition, { ...input, name: input.name.trim() });
      await this.audit.record(m, { editionId: edition, actor: by, action: 'speaker.created', entityType: 'speaker', entityId: speaker.id, after: speaker });
      return speaker;
    });
  }

  async listSpeakers(editionId?: string): Promise<SpeakerView[]> {
    return this.speakers.list(await this.editions.resolveId(editionId));
  }

  async create(editionId: string | undefined, input: SessionInput, by: Actor | null, manager?: EntityManager): Promise<SessionView> {
    const edition = await this.editions.load(await this.editions.resolveId(editionId, manager), manager);
    const times = this.times(edition, input.startsAt, input.endsAt);
    return withTransaction(this.dataSource, manager, async (m) => {
      try {
        const id = await this.repository.insert(m, edition.id, input, times);
        await this.setSpeakers(m, id, input.speakers ?? []);
        const view = (await this.find(m, id))!;
        await this.audit.record(m, { editionId: edition.id, actor: by, action: 'session.created', entityType: 'session', entityId: id, after: view });
        return view;
      } catch (error) {
        throw await this.mapWriteError(error, { editionId: edition.id, roomId: input.roomId, ...times, speakers: input.speakers ?? [] });
      }
    });
  }

  async update(id: string, patch: Partial<SessionInput>, by: Actor): Promise<SessionView> {
    return inTransaction(this.dataSource, async (m) => {
      const before = await this.locked(m, id);
      const edition = await this.editions.load(before.editionId, m);
      const current = await this.repository.bounds(m, id);
      const times = this.times(
        edition,
        patch.startsAt ?? formatInZone(current.starts_at, edition.timeZone),
        patch.endsAt ?? formatInZone(current.ends_at, edition.timeZone),
      );
      try {
        await this.repository.update(m, id, { ...patch, ...times });
        if (patch.speakers) await this.setSpeakers(m, id, patch.speakers);
        if (patch.capacity !== undefined || patch.roomId !== undefined) await this.seats.capacityChanged(m, id);
      } catch (error) {
        throw await this.mapWriteError(error, { editionId: edition.id, roomId: patch.roomId ?? before.room.id, ...times, speakers: patch.speakers ?? speakersOf(before), exceptId: id });
      }
      const after = (await this.find(m, id))!;
      await this.audit.record(m, { editionId: edition.id, actor: by, action: 'session.updated', entityType: 'session', entityId: id, before, after });
      return after;
    });
  }

  /** Publishes, un-publishes or cancels a session. A cancelled session frees its room and speakers. */
  async setStatus(id: string, status: SessionStatus, by: Actor): Promise<SessionView> {
    return inTransaction(this.dataSource, async (m) => {
      const before = await this.locked(m, id);
      const bounds = await this.repository.bounds(m, id);
      try {
        await this.repository.setStatus(m, id, status);
        // A cancelled session gives its seats back: they must not block the attendees' other sessions.
        if (status === 'cancelled') await this.registrations.cancelAllOf(m, id);
      } catch (error) {
        const slot = { editionId: before.editionId, roomId: before.room.id, startsAt: bounds.starts_at, endsAt: bounds.ends_at, speakers: speakersOf(before), exceptId: id };
        throw await this.mapWriteError(error, slot);
      }
      const after = (await this.find(m, id))!;
      await this.audit.record(m, { editionId: after.editionId, actor: by, action: 'session.status_changed', entityType: 'session', entityId: id, before: { status: before.status }, after: { status } });
      return after;
    });
  }

  /** The conflicts a draft would have, without saving it. */
  async check(editionId: string | undefined, input: SessionInput & { exceptId?: string }): Promise<SessionCheck> {
    const edition = await this.editions.load(await this.editions.resolveId(editionId));
    const times = this.times(edition, input.startsAt, input.endsAt);
    const conflicts = await this.collisions({ editionId: edition.id, roomId: input.roomId, ...times, speakers: input.speakers ?? [], exceptId: input.exceptId });
    return { ok: conflicts.length === 0, startsAt: formatInZone(times.startsAt, edition.timeZone), endsAt: formatInZone(times.endsAt, edition.timeZone), conflicts };
  }

  async get(id: string): Promise<SessionView> {
    const view = await this.find(this.dataSource, id);
    if (!view) throw SessionErrors.notFound(id);
    return view;
  }

  async list(filter: Omit<SessionListFilter, 'editionId'> & { editionId?: string }): Promise<SessionView[]> {
    const edition = await this.editions.resolveId(filter.editionId);
    return (await this.repository.list({ ...filter, editionId: edition })).map(toSessionView);
  }

  /** Start and end as instants; both on one fair day, within its opening hours. */
  private times(edition: Edition, startsAtText: string, endsAtText: string): { startsAt: Date; endsAt: Date } {
    const issues: FieldIssue[] = [];
    const startsAt = parseDateTimeInZone(startsAtText, edition.timeZone);
    const endsAt = parseDateTimeInZone(endsAtText, edition.timeZone);
    const format = 'must be a local time such as 2027-04-16T10:00, or an ISO 8601 time with an offset';
    if (!startsAt) issues.push({ field: 'startsAt', reasons: [format] });
    if (!endsAt) issues.push({ field: 'endsAt', reasons: [format] });
    if (issues.length) throw SessionErrors.invalid(issues);
    if (endsAt!.getTime() <= startsAt!.getTime()) throw SessionErrors.invalid([{ field: 'endsAt', reasons: ['must be after startsAt'] }]);
    const day = edition.days.find((d) => d.day === localDate(startsAt!, edition.timeZone));
    if (!day) {
      throw SessionErrors.invalid([{ field: 'startsAt', reasons: [`${localDate(startsAt!, edition.timeZone)} is not a fair day (${edition.days.map((d) => d.day).sort().join(', ')})`] }]);
    }
    const startLocal = localTime(startsAt!, edition.timeZone);
    const endLocal = localTime(endsAt!, edition.timeZone);
    if (localDate(endsAt!, edition.timeZone) !== day.day || startLocal < day.opensAt || endLocal > day.closesAt) {
      throw SessionErrors.invalid([
        { field: 'startsAt', reasons: [`the session must lie within the opening hours of ${day.day}, ${day.opensAt.slice(0, 5)}–${day.closesAt.slice(0, 5)} local time`] },
      ]);
    }
    return { startsAt: startsAt!, endsAt: endsAt! };
  }

  private async setSpeakers(m: EntityManager, sessionId: string, speakers: SessionSpeakerInput[]): Promise<void> {
    const n = await this.repository.setSpeakers(m, sessionId, speakers);
    if (n !== new Set(speakers.map((s) => s.speakerId)).size) throw SessionErrors.speakerNotFound();
  }

  /** Sessions a slot would collide with: the same room, or one of its speakers, at an overlapping time. */
  private async collisions(slot: Slot): Promise<SessionCheck['conflicts']> {
    const rows = await this.repository.collisions(this.dataSource, slot);
    return rows.map((r) => ({
      kind: r.kind,
      ...(r.speaker_id ? { speakerId: r.speaker_id } : {}),
      session: { id: r.id, title: r.title, startsAt: formatInZone(r.starts_at, r.time_zone), endsAt: formatInZone(r.ends_at, r.time_zone) },
    }));
  }

  /** Exclusion and foreign-key violations become 409 / 404 naming what collides. */
  private async mapWriteError(error: unknown, slot: Slot): Promise<unknown> {
    const constraint = pgConstraint(error);
    if (pgCode(error) === PG.exclusionViolation && constraint === 'session_registrations_no_overlap') return SessionErrors.attendeesWouldOverlap();
    if (pgCode(error) === PG.exclusionViolation) {
      const found = await this.collisions(slot);
      if (constraint === 'sessions_no_room_overlap') {
        const room = await this.rooms.find(slot.roomId);
        return SessionErrors.roomTaken(room?.name ?? 'the room', found.find((c) => c.kind === 'room')?.session);
      }
      const clash = found.find((c) => c.kind === 'speaker');
      const speaker = clash?.speakerId ? await this.speakers.find(clash.speakerId) : undefined;
      return SessionErrors.speakerTaken(speaker?.name ?? 'a speaker', clash?.session);
    }
    if (pgCode(error) === PG.foreignKeyViolation) {
      if (constraint?.includes('room')) return SessionErrors.roomNotFound(slot.roomId);
      return SessionErrors.speakerNotFound();
    }
    return error;
  }

  private async find(db: DataSource | EntityManager, id: string): Promise<SessionView | null> {
    const row = await this.repository.view(db, id);
    return row ? toSessionView(row) : null;
  }

  private async locked(m: EntityManager, id: string): Promise<SessionView> {
    if (!(await this.repository.lock(m, id))) throw SessionErrors.notFound(id);
    return (await this.find(m, id))!;
  }
}

function speakersOf(view: SessionView): SessionSpeakerInput[] {
  return view.speakers.map((s) => ({ speakerId: s.id, role: s.role as SessionSpeakerInput['role'] }));
}
