import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { sqlRows } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { calendar } from './icalendar';
import { SessionErrors } from './sessions.errors';
import { SessionView, SessionsService } from './sessions.service';

/** The public programme: published sessions only, in the edition's local time. */
@Injectable()
export class ProgrammeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly sessions: SessionsService,
    private readonly editions: EditionsService,
  ) {}

  async programme(editionId?: string) {
    const edition = await this.editions.get(await this.editions.resolveId(editionId));
    const sessions = await this.sessions.list({ editionId: edition.id, status: 'published' });
    const days = edition.days.map((day) => {
      const ofDay = sessions.filter((s) => s.startsAt.slice(0, 10) === day.date);
      const rooms = [...new Map(ofDay.map((s) => [s.room.id, s.room])).values()].sort((a, b) => a.name.localeCompare(b.name));
      return { date: day.date, rooms: rooms.map((room) => ({ ...room, sessions: ofDay.filter((s) => s.room.id === room.id) })) };
    });
    return { edition: { id: edition.id, name: edition.name, editionNumber: edition.editionNumber, venue: edition.venue, city: edition.city, timeZone: edition.timeZone }, days };
  }

  async ics(editionId?: string): Promise<string> {
    const edition = await this.editions.get(await this.editions.resolveId(editionId));
    const rows = await sqlRows<{ id: string; title: string; description: string | null; starts_at: Date; ends_at: Date; updated_at: Date; room: string; type: string; language: string; speakers: string | null }>(
      this.dataSource,
      `SELECT s.id, s.title, s.description, s.starts_at, s.ends_at, s.updated_at, r.name AS room, s.type, s.language,
              (SELECT string_agg(sp.name || coalesce(' (' || sp.function || ')', ''), ', ' ORDER BY ss.role DESC, sp.name)
                 FROM session_speakers ss JOIN speakers sp ON sp.id = ss.speaker_id WHERE ss.session_id = s.id) AS speakers
         FROM sessions s JOIN rooms r ON r.id = s.room_id
        WHERE s.edition_id = $1 AND s.status = 'published' ORDER BY s.starts_at, r.name`,
      [edition.id],
    );
    return calendar(
      `${edition.name} ${edition.editionNumber}`,
      edition.timeZone,
      rows.map((r) => ({
        // Stable across exports, so calendar applications update events instead of duplicating them.
        uid: `${r.id}@fairops`,
        start: r.starts_at,
        end: r.ends_at,
        stamp: r.updated_at,
        summary: r.title,
        description: [r.description, r.speakers ? `Intervenants : ${r.speakers}` : null].filter(Boolean).join('\n') || null,
        location: `${r.room}, ${edition.venue}, ${edition.city}`,
        categories: [r.type],
      })),
    );
  }

  async speaker(id: string): Promise<{ speaker: Record<string, unknown>; sessions: SessionView[] }> {
    const [speaker] = await sqlRows(this.dataSource, `SELECT id, edition_id AS "editionId", name, function, organisation, bio FROM speakers WHERE id = $1`, [id]);
    if (!speaker) throw SessionErrors.speakerNotFound(id);
    return { speaker, sessions: await this.sessions.list({ editionId: speaker.editionId as string, status: 'published', speakerId: id }) };
  }

  async room(id: string): Promise<{ room: Record<string, unknown>; sessions: SessionView[] }> {
    const [room] = await sqlRows(this.dataSource, `SELECT id, edition_id AS "editionId", name, capacity FROM rooms WHERE id = $1`, [id]);
    if (!room) throw SessionErrors.roomNotFound(id);
    return { room, sessions: await this.sessions.list({ editionId: room.editionId as string, status: 'published', roomId: id }) };
  }
}
