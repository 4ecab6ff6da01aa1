import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EditionsService } from '@fairops/editions';
import { LANGUAGES, Language, MessagesService } from '@fairops/messages';
import { SessionRegistrationsRepository } from './session-registrations.repository';

export type SeatMessage = 'session_confirmed' | 'session_waitlisted' | 'session_promoted';

/**
 * The messages about a seat: confirmed, waitlisted, promoted from the waitlist. Queued in the
 * transaction that changed the seat, one per registration and kind (`session_confirmed:<registration>`);
 * an attendee without an email gets none. The message carries ids; its content is composed when sent.
 */
@Injectable()
export class SessionMessages {
  constructor(
    private readonly messages: MessagesService,
    private readonly repository: SessionRegistrationsRepository,
    private readonly editions: EditionsService,
  ) {}

  async seat(m: EntityManager, template: SeatMessage, r: { registrationId: string; sessionId: string; attendeeId: string; editionId: string }): Promise<void> {
    const to = await this.repository.recipient(m, r.attendeeId);
    if (!to?.email) return;
    const language = (LANGUAGES as readonly string[]).includes(to.language ?? '') ? (to.language as Language) : (await this.editions.get(r.editionId, m)).defaultLanguage;
    await this.messages.enqueue(m, {
      key: `${template}:${r.registrationId}`,
      editionId: r.editionId,
      template,
      language,
      recipient: { email: to.email, name: to.name },
      attendeeId: r.attendeeId,
      data: { registrationId: r.registrationId, sessionId: r.sessionId },
    });
  }
}
