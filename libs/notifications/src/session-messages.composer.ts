import { Injectable, OnModuleInit } from '@nestjs/common';
import { EditionsService } from '@fairops/editions';
import { ComposedMessage, MessageComposer, MessageComposers, MessageToSend } from '@fairops/messages';
import { ProgrammeService } from '@fairops/sessions';
import { editionFacts } from './edition-facts';

/**
 * A seat confirmed, waitlisted, or promoted from the waitlist: the session's title, time (on the fair's
 * clock) and room; the promoted message carries the session as a calendar file. A session that no
 * longer exists or was cancelled meanwhile sends nothing.
 */
@Injectable()
export class SessionMessagesComposer implements MessageComposer, OnModuleInit {
  constructor(
    private readonly composers: MessageComposers,
    private readonly programme: ProgrammeService,
    private readonly editions: EditionsService,
  ) {}

  onModuleInit(): void {
    this.composers.register(['session_confirmed', 'session_waitlisted', 'session_promoted'], this);
  }

  async compose(message: MessageToSend): Promise<ComposedMessage | undefined> {
    const found = await this.programme.sessionCalendar(String(message.data.sessionId));
    if (!found || found.session.status === 'cancelled' || !message.editionId) return undefined;
    const { session, ics } = found;
    const template = message.template as 'session_confirmed' | 'session_waitlisted' | 'session_promoted';
    return {
      data: { template, session: { title: session.title, startsAt: session.starts_at.toISOString(), endsAt: session.ends_at.toISOString(), room: session.room } },
      edition: editionFacts(await this.editions.get(message.editionId)),
      attachments: template === 'session_promoted' ? [{ filename: 'session.ics', content: ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }] : undefined,
    };
  }
}
