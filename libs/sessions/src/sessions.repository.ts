import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Db, maybeOne, one, rows, sql } from '@fairops/core';
import { editionRows } from '@fairops/editions';
import type { SessionInput, SessionSpeakerInput, SessionStatus, SessionView } from './sessions.service';

/** A session as read, before its times are written in the edition's zone. */
export interface SessionRow extends Omit<SessionView, 'startsAt' | 'endsAt'> {
  startsAt: Date;
  endsAt: Date;
  timeZone: string;
}

/** A slot to check for collisions: its room and speakers at its time, `exceptId` being the session itself. */
export interface Slot {
  editionId: string;
  roomId: string;
  startsAt: Date;
  endsAt: Date;
  speakers: SessionSpeakerInput[];
  exceptId?: string;
}

export interface CollisionRow {
  kind: 'room' | 'speaker';
  speaker_id: string | null;
  id: string;
  title: string;
  starts_at: Date;
  ends_at: Date;
  time_zone: string;
}

export interface SessionListFilter {
  editionId: string;
  status?: SessionStatus;
  roomId?: string;
  speakerId?: string;
  day?: string;
}

/** A session for iCalendar, with its room and speakers in words. */
const ICS_COLUMNS = sql`s.id, s.title, s.description, s.starts_at, s.ends_at, s.updated_at, r.name AS room, s.type, s.language,
       (SELECT string_agg(sp.name || coalesce(' (' || sp.function || ')', ''), ', ' ORDER BY ss.role DESC, sp.name)
          FROM session_speakers ss JOIN speakers sp ON sp.id = ss.speaker_id WHERE ss.session_id = s.id) AS speakers`;
const ICS_FROM = sql`FROM sessions s JOIN rooms r ON r.id = s.room_id`;
export interface IcsRow {
  id: string;
  title: string;
  description: string | null;
  starts_at: Date;
  ends_at: Date;
  updated_at: Date;
  room: string;
  type: string;
  language: string;
  speakers: string | null;
}

const SESSION_SELECT = sql`
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
    FROM sessions s JOIN rooms r ON r.id = s.room_id JOIN ${editionRows()} ed ON ed.id = s.edition_id`;

/** The columns a PATCH may change, by field. */
const UPDATABLE = {
  title: 'title',
  description: 'description',
  language: 'language',
  type: 'type',
  roomId: 'room_id',
  capacity: 'capacity',
  registrationRequired: 'registration_required',
  startsAt: 'starts_at',
  endsAt: 'ends_at',
} as const;

/** All SQL of `sessions` and `session_speakers` (the edition's zone read through its owner's piece). */
@Injectable()
export class SessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(m: EntityManager, editionId: string, input: SessionInput, times: { startsAt: Date; endsAt: Date }): Promise<string> {
    const { id } = await one<{ id: string }>(
      m,
      sql`INSERT INTO sessions (edition_id, title, description, language, type, room_id, starts_at, ends_at, capacity, registration_required)
          VALUES (${editionId}, ${input.title.trim()}, ${input.description ?? null}, ${input.language}, ${input.type}, ${input.roomId},
                  ${times.startsAt}, ${times.endsAt}, ${input.capacity ?? null}, ${input.registrationRequired ?? false})
          RETURNING id`,
    );
    return id;
  }

  async update(m: EntityManager, id: string, changes: Partial<Record<keyof typeof UPDATABLE, unknown>>): Promise<void> {
    await rows(m, sql`UPDATE sessions SET ${sql.set(changes, UPDATABLE)}, updated_at = now() WHERE id = ${id}`);
  }

  async setStatus(m: EntityManager, id: string, status: SessionStatus): Promise<void> {
    await rows(m, sql`UPDATE sessions SET status = ${status}, updated_at = now() WHERE id = ${id}`);
  }

  bounds(m: EntityManager, id: string): Promise<{ starts_at: Date; ends_at: Date }> {
    return one(m, sql`SELECT starts_at, ends_at FROM sessions WHERE id = ${id}`);
  }

  /** Locks the session's row; false when there is none. */
  async lock(m: EntityManager, id: string): Promise<boolean> {
    return (await rows(m, sql`SELECT id FROM sessions WHERE id = ${id} FOR UPDATE`)).length > 0;
  }

  /** Replaces the session's speakers; returns how many of them were found in its edition. */
  async setSpeakers(m: EntityManager, sessionId: string, speakers: SessionSpeakerInput[]): Promise<number> {
    await rows(m, sql`DELETE FROM session_speakers WHERE session_id = ${sessionId}`);
    if (!speakers.length) return 0;
    await rows(
      m,
      sql`INSERT INTO session_speakers (session_id, speaker_id, role, during, session_status)
          SELECT s.id, sp.id, x.role, s.during, s.status
            FROM sessions s
            JOIN unnest(${speakers.map((s) => s.speakerId)}::uuid[], ${speakers.map((s) => s.role)}::text[]) AS x(speaker_id, role) ON true
            JOIN speakers sp ON sp.id = x.speaker_id AND sp.edition_id = s.edition_id
           WHERE s.id = ${sessionId}`,
    );
    const { n } = await one<{ n: number }>(m, sql`SELECT count(*)::int AS n FROM session_speakers WHERE session_id = ${sessionId}`);
    return n;
  }

  /** Sessions a slot would collide with: the same room, or one of its speakers, at an overlapping time. */
  collisions(db: Db, slot: Slot): Promise<CollisionRow[]> {
    const overlaps = sql`s.status <> 'cancelled' AND s.during && tstzrange(${slot.startsAt}, ${slot.endsAt}, '[)') AND s.id IS DISTINCT FROM ${slot.exceptId ?? null}::uuid`;
    return rows<CollisionRow>(
      db,
      sql`SELECT 'room' AS kind, NULL::uuid AS speaker_id, s.id, s.title, s.starts_at, s.ends_at, ed.time_zone
            FROM sessions s JOIN ${editionRows()} ed ON ed.id = s.edition_id
           WHERE s.room_id = ${slot.roomId} AND ${overlaps}
          UNION ALL
          SELECT 'speaker', ss.speaker_id, s.id, s.title, s.starts_at, s.ends_at, ed.time_zone
            FROM session_speakers ss JOIN sessions s ON s.id = ss.session_id JOIN ${editionRows()} ed ON ed.id = s.edition_id
           WHERE ss.speaker_id = ANY(${slot.speakers.map((s) => s.speakerId)}::uuid[]) AND ${overlaps}
           ORDER BY 1, 5`,
    );
  }

  view(db: Db, id: string): Promise<SessionRow | undefined> {
    return maybeOne<SessionRow>(db, sql`${SESSION_SELECT} WHERE s.id = ${id}`);
  }

  list(f: SessionListFilter): Promise<SessionRow[]> {
    const where = sql.and([
      sql`s.edition_id = ${f.editionId}`,
      f.status && sql`s.status = ${f.status}`,
      f.roomId && sql`s.room_id = ${f.roomId}`,
      f.speakerId && sql`EXISTS (SELECT 1 FROM session_speakers x WHERE x.session_id = s.id AND x.speaker_id = ${f.speakerId})`,
      f.day && sql`(s.starts_at AT TIME ZONE ed.time_zone)::date = ${f.day}::date`,
    ]);
    return rows<SessionRow>(this.dataSource, sql`${SESSION_SELECT} WHERE ${where} ORDER BY s.starts_at, r.name`);
  }

  /** The published sessions of an edition, with their room and speakers in words, for iCalendar. */
  published(editionId: string): Promise<IcsRow[]> {
    return rows<IcsRow>(this.dataSource, sql`SELECT ${ICS_COLUMNS} ${ICS_FROM} WHERE s.edition_id = ${editionId} AND s.status = 'published' ORDER BY s.starts_at, r.name`);
  }

  /** One session as a calendar event, whatever its status (a message about a seat in it), or undefined. */
  forCalendar(sessionId: string): Promise<(IcsRow & { edition_id: string; status: string }) | undefined> {
    return maybeOne(this.dataSource, sql`SELECT ${ICS_COLUMNS}, s.edition_id, s.status ${ICS_FROM} WHERE s.id = ${sessionId}`);
  }
}
