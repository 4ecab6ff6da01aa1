import { Module } from '@nestjs/common';
import { EditionsModule } from '@fairops/editions';
import { MessagesModule } from '@fairops/messages';
import { AccountMail } from './account-mail';
import { AccountMessagesComposer } from './account-messages.composer';

/**
 * What each message says: one composer a template (or a family of templates), each registering with
 * the messages library's MessageComposers when the module starts. Imported by every process that sends
 * or previews mail (the API, the worker, npm start).
 */
@Module({
  imports: [EditionsModule, MessagesModule],
  providers: [AccountMail, AccountMessagesComposer],
  exports: [AccountMail],
})
export class NotificationsModule {}
