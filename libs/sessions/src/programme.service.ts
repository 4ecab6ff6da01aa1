import { Injectable } from '@nestjs/common';
import { EditionsService } from '@fairops/editions';
import { calendar } from './icalendar';
import { RoomView, RoomsRepository } from './rooms.repository';
import { SessionErrors } from './sessions.errors';
import { SessionsRepository } from './sessions.repository';
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
