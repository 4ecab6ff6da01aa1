import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EditionsService } from '@fairops/editions';
import { MessageRequest, MessagesService } from '@fairops/messages';
import { AttendeeView } from './attendee-fields';

/** Who a ticket can go to: registered, not erased, with an email address. */
export const canReceiveTicket = (a: AttendeeView): boolean => a.status === 'registered' && !a.erased && !!a.email;

/**
 * The attendees' messages, asked for in the transaction of the change that causes them: the e-ticket
 * (one per attendee and badge version: `ticket:<attendee>:<version>`, so a repeated cause sends nothing
 * new and a new badge sends a new ticket) and "already registered" (at most one a day per attendee:
 * `already_registered:<attendee>:<day>`, so a stranger registering someone else's address again and
 * again cannot fill their mailbox). The messages carry ids only; the notifications library composes
 * them at send time from the attendee's current badge.
 */
@Injectable()
export class AttendeeTickets {
  constructor(
    private readonly messages: MessagesService,
    private readonly editions: EditionsService,
  ) {}

  /** Queues the ticket of each attendee who can receive one; answers how many were new. */
  async queue(m: EntityManager, attendees: readonly AttendeeView[], reissued: boolean): Promise<number> {
    const to = attendees.filter(canReceiveTicket);
    if (to.length === 0) return 0;
    const languages = await this.defaultLanguages(m, to);
    const requests = to.map((a) => this.request(a, languages.get(a.editionId)!, `ticket:${a.id}:${a.badgeVersion}`, 'ticket', { version: a.badgeVersion, reissued }));
    return (await this.messages.enqueueMany(m, requests)).length;
  }

  /** "You are already registered", with the ticket again; answers whether one was queued (one a day). */
  async alreadyRegistered(m: EntityManager, attendee: AttendeeView, today: string): Promise<boolean> {
    if (!canReceiveTicket(attendee)) return false;
    const languages = await this.defaultLanguages(m, [attendee]);
    const key = `already_registered:${attendee.id}:${today}`;
    return (await this.messages.enqueue(m, this.request(attendee, languages.get(attendee.editionId)!, key, 'already_registered', { version: attendee.badgeVersion }))) !== undefined;
  }

  private request(a: AttendeeView, editionLanguage: MessageRequest['language'], key: string, template: 'ticket' | 'already_registered', data: MessageRequest['data']): MessageRequest {
    return {
      key,
      editionId: a.editionId,
      template,
      language: a.language ?? editionLanguage,
      recipient: { email: a.email!, name: `${a.firstName} ${a.lastName}` },
      attendeeId: a.id,
      data,
    };
  }

  private async defaultLanguages(m: EntityManager, attendees: readonly AttendeeView[]): Promise<Map<string, MessageRequest['language']>> {
    const out = new Map<string, MessageRequest['language']>();
    for (const id of new Set(attendees.map((a) => a.editionId))) out.set(id, (await this.editions.get(id, m)).defaultLanguage);
    return out;
  }
}
