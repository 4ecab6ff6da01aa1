import { Module } from '@nestjs/common';
import { MailTransport } from './mail-transport';
import { MessageComposers } from './message-composers';
import { MessageSender } from './message-sender';
import { MessagesMetrics } from './messages-metrics';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';

@Module({
  providers: [MessagesRepository, MessagesService, MailTransport, MessageComposers, MessageSender, MessagesMetrics],
  exports: [MessagesRepository, MessagesService, MailTransport, MessageComposers, MessageSender],
})
export class MessagesModule {}
