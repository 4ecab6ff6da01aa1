import { Injectable } from '@nestjs/common';
import { EditionsService } from '@fairops/editions';
import { CalendarEvent, calendar } from './icalendar';
import { RoomView, RoomsRepository } from './rooms.repository';
import { SessionErrors } from './sessions.errors';
import { IcsRow, SessionsRepository } from './sessions.repository';
import { SessionView, SessionsService } from './sessions.service';
import { SpeakerView, SpeakersRepository } from './speakers.repository';

export interface Programme {
  edition: { id: string; name: string; editionNumber: number; venue: string; city: string; timeZone: string };
  days: Array<{ date: string; rooms: Array<SessionView['room'] & { sessions: SessionView[] }> }>;
}

/** The public programme: published sessions only, in the edition's local time. */
@Injectable()
export class ProgrammeService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly sessionRows: SessionsRepository,
    private readonly rooms: RoomsRepository,
    private readonly speakers: SpeakersRepository,
    private readonly editions: EditionsService,
  ) {}

  async programme(editionId?: string): Promise<Programme> {
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
    const rows = await this.sessionRows.published(edition.id);
    return calendar(`${edition.name} ${edition.editionNumber}`, edition.timeZone, rows.map((r) => this.event(r, edition)));
  }

  /** One session and its calendar file (the `.ics` a promoted attendee receives), or undefined when it is gone. */
  async sessionCalendar(sessionId: string): Promise<{ session: IcsRow & { status: string }; ics: string } | undefined> {
    const row = await this.sessionRows.forCalendar(sessionId);
    if (!row) return undefined;
    const edition = await this.editions.get(row.edition_id);
    return { session: row, ics: calendar(`${edition.name} ${edition.editionNumber}`, edition.timeZone, [this.event(row, edition)]) };
  }

  private event(r: IcsRow, edition: { venue: string; city: string }): CalendarEvent {
    return {
      // Stable across exports, so calendar applications update events instead of duplicating them.
      uid: `${r.id}@fairops`,
      start: r.starts_at,
      end: r.ends_at,
      stamp: r.updated_at,
      summary: r.title,
      description: [r.description, r.speakers ? `Intervenants : ${r.speakers}` : null].filter(Boolean).join('\n') || null,
      location: `${r.room}, ${edition.venue}, ${edition.city}`,
      categories: [r.type],
    };
  }

  async speaker(id: string): Promise<{ speaker: SpeakerView; sessions: SessionView[] }> {
    const speaker = await this.speakers.find(id);
    if (!speaker) throw SessionErrors.speakerNotFound(id);
    return { speaker, sessions: await this.sessions.list({ editionId: speaker.editionId, status: 'published', speakerId: id }) };
  }

  async room(id: string): Promise<{ room: RoomView; sessions: SessionView[] }> {
    const room = await this.rooms.find(id);
    if (!room) throw SessionErrors.roomNotFound(id);
    return { room, sessions: await this.sessions.list({ editionId: room.editionId, status: 'published', roomId: id }) };
  }
}
