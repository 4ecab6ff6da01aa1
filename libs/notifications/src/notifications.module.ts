import { Module } from '@nestjs/common';
import { AttendeesModule } from '@fairops/attendees';
import { EditionsModule } from '@fairops/editions';
import { MessagesModule } from '@fairops/messages';
import { TicketComposer } from './ticket.composer';

/**
 * What each message says: one composer a template (or a family of templates), each registering with
 * the messages library's MessageComposers when the module starts. Imported by every process that sends
 * or previews mail (the API, the worker, npm start).
 */
@Module({
  imports: [EditionsModule, MessagesModule, AttendeesModule],
  providers: [TicketComposer],
  exports: [],
})
export class NotificationsModule {}
