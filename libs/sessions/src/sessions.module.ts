import { Module } from '@nestjs/common';
import { AttendeesModule } from '@fairops/attendees';
import { EditionsModule } from '@fairops/editions';
import { MessagesModule } from '@fairops/messages';
import { SessionMessages } from './session-messages';
import { ProgrammeService } from './programme.service';
import { RoomsRepository } from './rooms.repository';
import { SessionRegistrationsRepository } from './session-registrations.repository';
import { SessionRegistrationsService } from './session-registrations.service';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { SpeakersRepository } from './speakers.repository';

@Module({
  imports: [EditionsModule, AttendeesModule, MessagesModule],
  providers: [SessionsRepository, RoomsRepository, SpeakersRepository, SessionRegistrationsRepository, SessionsService, SessionRegistrationsService, ProgrammeService, SessionMessages],
  exports: [SessionsRepository, SessionsService, SessionRegistrationsService, ProgrammeService],
})
export class SessionsModule {}
