import { Module } from '@nestjs/common';
import { MailTransport } from './mail-transport';
import { MessagesRepository } from './messages.repository';
import { MessagesService } from './messages.service';

@Module({
  providers: [MessagesRepository, MessagesService, MailTransport],
  exports: [MessagesRepository, MessagesService, MailTransport],
})
export class MessagesModule {}
