import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService, FieldIssue, PG, formatInZone, inTransaction, localDate, localTime, parseDateTimeInZone, pgCode, pgConstraint, sqlRows } from '@fairops/core';
import { Edition, EditionsService } from '@fairops/editions';
import { Collision, SessionErrors } from './sessions.errors';

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

interface SessionRow extends Omit<SessionView, 'startsAt' | 'endsAt'> {
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
}

const SESSION_SELECT = `
  SELECT s.id, s.edition_id AS "editionId", s.title, s.description, s.language, s.type,
         json_build_object('id', r.id, 'name', r.name, 'capacity', r.capacity) AS room,
         s.starts_at AS "startsAt", s.ends_at AS "endsAt", coalesce(s.capacity, r.capacity) AS capacity,
         s.registration_required AS "registrationRequired", s.status, ed.time_zone AS "timeZone",
         coalesce((SELECT json_agg(json_build_object('id', sp.id, 'name', sp.name, 'function', sp.function, 'organisation', sp.organisation, 'role', ss.role)
                                   ORDER BY ss.role DESC, sp.name)
                     FROM session_speakers ss JOIN speakers sp ON sp.id = ss.speaker_id WHERE ss.session_id = s.id), '[]') AS speakers,
         json_build_object(
           'confirmed', (SELECT count(*) FROM session_registrations sr WHERE sr.session_id = s.id AND sr.status = 'confirmed'),
           'waitlisted', (SELECT count(*) FROM session_registrations sr WHERE sr.session_id = s.id AND sr.status = 'waitlisted'),
           'available', greatest(0, coalesce(s.capacity, r.capacity)
                          - (SELECT count(*) FROM session_registrations sr WHERE sr.session_id = s.id AND sr.status = 'confirmed'))
         ) AS seats,
         (SELECT count(*)::int FROM session_admissions sa WHERE sa.session_id = s.id) AS attendance
    FROM sessions s JOIN rooms r ON r.id = s.room_id JOIN editions ed ON ed.id = s.edition_id`;

export function toSessionView(row: SessionRow): SessionView {
  const { timeZone, ...rest } = row;
  return { ...rest, startsAt: formatInZone(row.startsAt, timeZone), endsAt: formatInZone(row.endsAt, timeZone) };
}

@Injectable()
export class SessionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
    private readonly audit: AuditService,
  ) {}

  async createRoom(editionId: string | undefined, input: { name: string; capacity: number }, by: Actor | null, manager?: EntityManager) {
    const edition = await this.editions.resolveId(editionId, manager);
    const work = async (m: EntityManager) => {
      try {
        const [room] = await sqlRows<{ id: string; editionId: string; name: string; capacity: number }>(
          m,
          `INSERT INTO rooms (edition_id, name, capacity) VALUES ($1, $2, $3) RETURNING id, edition_id AS "editionId", name, capacity`,
          [edition, input.name.trim(), input.capacity],
        );
        await this.audit.record(m, { editionId: edition, actor: by, action: 'room.created', entityType: 'room', entityId: room.id, after: room });
        return room;
      } catch (error) {
        if (pgCode(error) === PG.uniqueViolation) throw SessionErrors.roomNameTaken(input.name);
        throw error;
      }
    };
    return manager ? work(manager) : inTransaction(this.dataSource, work);
  }

  async listRooms(editionId?: string) {
    const edition = await this.editions.resolveId(editionId);
    return sqlRows(this.dataSource, `SELECT id, edition_id AS "editionId", name, capacity FROM rooms WHERE edition_id = $1 ORDER BY name`, [edition]);
  }

  async createSpeaker(editionId: string | undefined, input: { name: string; function?: string | null; organisation?: string | null; bio?: string | null }, by: Actor | null, manager?: EntityManager) {
    const edition = await this.editions.resolveId(editionId, manager);
    const work = async (m: EntityManager) => {
      const [speaker] = await sqlRows<{ id: string }>(
        m,
        `INSERT INTO speakers (edition_id, name, function, organisation, bio) VALUES ($1, $2, $3, $4, $5)
         RETURNING id, edition_id AS "editionId", name, function, organisation, bio`,
        [edition, input.name.trim(), input.function ?? null, input.organisation ?? null, input.bio ?? null],
      );
      await this.audit.record(m, { editionId: edition, actor: by, action: 'speaker.created', entityType: 'speaker', entityId: speaker.id, after: speaker });
      return speaker;
    };
    return manager ? work(manager) : inTransaction(this.dataSource, work);
  }

  async listSpeakers(editionId?: string) {
    const edition = await this.editions.resolveId(editionId);
    return sqlRows(this.dataSource, `SELECT id, edition_id AS "editionId", name, function, organisation, bio FROM speakers WHERE edition_id = $1 ORDER BY name`, [edition]);
  }

  async create(editionId: string | undefined, input: SessionInput, by: Actor | null, manager?: EntityManager): Promise<SessionView> {
    const edition = await this.editions.load(await this.editions.resolveId(editionId, manager), manager);
    const times = this.times(edition, input.startsAt, input.endsAt);
    const work = async (m: EntityManager) => {
      try {
        const [{ id }] = await sqlRows<{ id: string }>(
          m,
          `INSERT INTO sessions (edition_id, title, description, language, type, room_id, starts_at, ends_at, capacity, registration_required)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
          [edition.id, input.title.trim(), input.description ?? null, input.language, input.type, input.roomId, times.startsAt, times.endsAt, input.capacity ?? null, input.registrationRequired ?? false],
        );
        await this.setSpeakers(m, id, input.speakers ?? []);
        const view = (await this.find(m, id))!;
        await this.audit.record(m, { editionId: edition.id, actor: by, action: 'session.created', entityType: 'session', entityId: id, after: view });
        return view;
      } catch (error) {
        throw await this.mapWriteError(error, { editionId: edition.id, roomId: input.roomId, ...times, speakers: input.speakers ?? [] });
      }
    };
    return manager ? work(manager) : inTransaction(this.dataSource, work);
  }

  async update(id: string, patch: Partial<SessionInput>, by: Actor): Promise<SessionView> {
    return inTransaction(this.dataSource, async (m) => {
      const before = await this.locked(m, id);
      const edition = await this.editions.load(before.editionId, m);
      const [current] = await sqlRows<{ starts_at: Date; ends_at: Date }>(m, `SELECT starts_at, ends_at FROM sessions WHERE id = $1`, [id]);
      const times = this.times(
        edition,
        patch.startsAt ?? formatInZone(current.starts_at, edition.timeZone),
        patch.endsAt ?? formatInZone(current.ends_at, edition.timeZone),
      );
      const sets: string[] = ['starts_at = $2', 'ends_at = $3'];
      const params: unknown[] = [id, times.startsAt, times.endsAt];
      const columns: Record<string, string> = { title: 'title', description: 'description', language: 'language', type: 'type', roomId: 'room_id', capacity: 'capacity', registrationRequired: 'registration_required' };
      for (const [key, column] of Object.entries(columns)) {
        const value = patch[key as keyof SessionInput];
        if (value !== undefined) sets.push(`${column} = $${params.push(value)}`);
      }
      try {
        await m.query(`UPDATE sessions SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
        if (patch.speakers) await this.setSpeakers(m, id, patch.speakers);
      } catch (error) {
        throw await this.mapWriteError(error, { editionId: edition.id, roomId: patch.roomId ?? before.room.id, ...times, speakers: patch.speakers ?? before.speakers.map((s) => ({ speakerId: s.id, role: s.role as 'speaker' })), exceptId: id });
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
      const [row] = await sqlRows<{ starts_at: Date; ends_at: Date }>(m, `SELECT starts_at, ends_at FROM sessions WHERE id = $1`, [id]);
      try {
        await m.query(`UPDATE sessions SET status = $2, updated_at = now() WHERE id = $1`, [id, status]);
        // A cancelled session gives its seats back: they must not block the attendees' other sessions.
        if (status === 'cancelled') {
          await m.query(`UPDATE session_registrations SET status = 'cancelled', cancelled_at = now() WHERE session_id = $1 AND status <> 'cancelled'`, [id]);
        }
      } catch (error) {
        throw await this.mapWriteError(error, {
          editionId: before.editionId,
          roomId: before.room.id,
          startsAt: row.starts_at,
          endsAt: row.ends_at,
          speakers: before.speakers.map((s) => ({ speakerId: s.id, role: s.role as 'speaker' })),
          exceptId: id,
        });
      }
      const after = (await this.find(m, id))!;
      await this.audit.record(m, { editionId: after.editionId, actor: by, action: 'session.status_changed', entityType: 'session', entityId: id, before: { status: before.status }, after: { status } });
      return after;
    });
  }

  /** The conflicts a draft would have, without saving it. */
  async check(editionId: string | undefined, input: SessionInput & { exceptId?: string }): Promise<{ ok: boolean; startsAt: string; endsAt: string; conflicts: Array<{ kind: 'room' | 'speaker'; speakerId?: string; session: Collision }> }> {
    const edition = await this.editions.load(await this.editions.resolveId(editionId));
    const times = this.times(edition, input.startsAt, input.endsAt);
    const conflicts = await this.collisions(this.dataSource.manager, { editionId: edition.id, roomId: input.roomId, ...times, speakers: input.speakers ?? [], exceptId: input.exceptId });
    return { ok: conflicts.length === 0, startsAt: formatInZone(times.startsAt, edition.timeZone), endsAt: formatInZone(times.endsAt, edition.timeZone), conflicts };
  }

  async get(id: string): Promise<SessionView> {
    const view = await this.find(this.dataSource, id);
    if (!view) throw SessionErrors.notFound(id);
    return view;
  }

  async list(filter: { editionId?: string; status?: SessionStatus; roomId?: string; speakerId?: string; day?: string }): Promise<SessionView[]> {
    const edition = await this.editions.load(await this.editions.resolveId(filter.editionId));
    const where = ['s.edition_id = $1'];
    const params: unknown[] = [edition.id];
    if (filter.status) where.push(`s.status = $${params.push(filter.status)}`);
    if (filter.roomId) where.push(`s.room_id = $${params.push(filter.roomId)}`);
    if (filter.speakerId) where.push(`EXISTS (SELECT 1 FROM session_speakers x WHERE x.session_id = s.id AND x.speaker_id = $${params.push(filter.speakerId)})`);
    if (filter.day) where.push(`(s.starts_at AT TIME ZONE ed.time_zone)::date = $${params.push(filter.day)}`);
    const rows = await sqlRows<SessionRow>(this.dataSource, `${SESSION_SELECT} WHERE ${where.join(' AND ')} ORDER BY s.starts_at, r.name`, params);
    return rows.map(toSessionView);
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
    await m.query(`DELETE FROM session_speakers WHERE session_id = $1`, [sessionId]);
    if (!speakers.length) return;
    await m.query(
      `INSERT INTO session_speakers (session_id, speaker_id, role, during, session_status)
       SELECT s.id, sp.id, x.role, s.during, s.status
         FROM sessions s
         JOIN unnest($2::uuid[], $3::text[]) AS x(speaker_id, role) ON true
         JOIN speakers sp ON sp.id = x.speaker_id AND sp.edition_id = s.edition_id
        WHERE s.id = $1`,
      [sessionId, speakers.map((s) => s.speakerId), speakers.map((s) => s.role)],
    );
    const [{ n }] = await sqlRows<{ n: number }>(m, `SELECT count(*)::int AS n FROM session_speakers WHERE session_id = $1`, [sessionId]);
    if (n !== new Set(speakers.map((s) => s.speakerId)).size) throw SessionErrors.speakerNotFound();
  }

  /** Sessions a slot would collide with: the same room, or one of its speakers, at an overlapping time. */
  private async collisions(
    db: EntityManager,
    slot: { editionId: string; roomId: string; startsAt: Date; endsAt: Date; speakers: SessionSpeakerInput[]; exceptId?: string },
  ): Promise<Array<{ kind: 'room' | 'speaker'; speakerId?: string; session: Collision }>> {
    const rows = await sqlRows<{ kind: 'room' | 'speaker'; speaker_id: string | null; id: string; title: string; starts_at: Date; ends_at: Date; time_zone: string }>(
      db,
      `SELECT 'room' AS kind, NULL::uuid AS speaker_id, s.id, s.title, s.starts_at, s.ends_at, ed.time_zone
         FROM sessions s JOIN editions ed ON ed.id = s.edition_id
        WHERE s.room_id = $1 AND s.status <> 'cancelled' AND s.during && tstzrange($2, $3, '[)') AND s.id IS DISTINCT FROM $4
       UNION ALL
       SELECT 'speaker', ss.speaker_id, s.id, s.title, s.starts_at, s.ends_at, ed.time_zone
         FROM session_speakers ss JOIN sessions s ON s.id = ss.session_id JOIN editions ed ON ed.id = s.edition_id
        WHERE ss.speaker_id = ANY($5::uuid[]) AND s.status <> 'cancelled' AND s.during && tstzrange($2, $3, '[)') AND s.id IS DISTINCT FROM $4
        ORDER BY 1, 5`,
      [slot.roomId, slot.startsAt, slot.endsAt, slot.exceptId ?? null, slot.speakers.map((s) => s.speakerId)],
    );
    return rows.map((r) => ({
      kind: r.kind,
      ...(r.speaker_id ? { speakerId: r.speaker_id } : {}),
      session: { id: r.id, title: r.title, startsAt: formatInZone(r.starts_at, r.time_zone), endsAt: formatInZone(r.ends_at, r.time_zone) },
    }));
  }

  /** Exclusion and foreign-key violations become 409 / 404 naming what collides. */
  private async mapWriteError(error: unknown, slot: { editionId: string; roomId: string; startsAt: Date; endsAt: Date; speakers: SessionSpeakerInput[]; exceptId?: string }): Promise<unknown> {
    const constraint = pgConstraint(error);
    if (pgCode(error) === PG.exclusionViolation && constraint === 'session_registrations_no_overlap') return SessionErrors.attendeesWouldOverlap();
    if (pgCode(error) === PG.exclusionViolation) {
      const found = await this.collisions(this.dataSource.manager, slot);
      if (constraint === 'sessions_no_room_overlap') {
        const [room] = await sqlRows<{ name: string }>(this.dataSource, `SELECT name FROM rooms WHERE id = $1`, [slot.roomId]);
        return SessionErrors.roomTaken(room?.name ?? 'the room', found.find((c) => c.kind === 'room')?.session);
      }
      const clash = found.find((c) => c.kind === 'speaker');
      const [speaker] = clash ? await sqlRows<{ name: string }>(this.dataSource, `SELECT name FROM speakers WHERE id = $1`, [clash.speakerId]) : [];
      return SessionErrors.speakerTaken(speaker?.name ?? 'a speaker', clash?.session);
    }
    if (pgCode(error) === PG.foreignKeyViolation) {
      if (constraint?.includes('room')) return SessionErrors.roomNotFound(slot.roomId);
      return SessionErrors.speakerNotFound();
    }
    return error;
  }

  private async find(db: DataSource | EntityManager, id: string): Promise<SessionView | null> {
    const [row] = await sqlRows<SessionRow>(db, `${SESSION_SELECT} WHERE s.id = $1`, [id]);
    return row ? toSessionView(row) : null;
  }

  private async locked(m: EntityManager, id: string): Promise<SessionView> {
    const rows = await sqlRows(m, `SELECT id FROM sessions WHERE id = $1 FOR UPDATE`, [id]);
    if (!rows[0]) throw SessionErrors.notFound(id);
    return (await this.find(m, id))!;
  }
}
