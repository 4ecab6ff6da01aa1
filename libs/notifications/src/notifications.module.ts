import { Module } from '@nestjs/common';
import { AttendeesModule } from '@fairops/attendees';
import { AwardsModule } from '@fairops/awards';
import { EditionsModule } from '@fairops/editions';
import { MessagesModule } from '@fairops/messages';
import { SessionsModule } from '@fairops/sessions';
import { AccountMail } from './account-mail';
import { AccountMessagesComposer } from './account-messages.composer';
import { JuryMessagesComposer } from './jury-messages.composer';
import { PrizeWonComposer } from './prize-won.composer';
import { SessionMessagesComposer } from './session-messages.composer';
import { TicketComposer } from './ticket.composer';

/**
 * What each message says: one composer a template (or a family of templates), each registering with
 * the messages library's MessageComposers when the module starts. Imported by every process that sends
 * or previews mail (the API, the worker, npm start).
 */
@Module({
  imports: [EditionsModule, MessagesModule, AttendeesModule, SessionsModule, AwardsModule],
  providers: [AccountMail, AccountMessagesComposer, SessionMessagesComposer, JuryMessagesComposer, PrizeWonComposer, TicketComposer],
  exports: [AccountMail],
})
export class NotificationsModule {}
