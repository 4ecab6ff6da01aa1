import { Module } from '@nestjs/common';
import { AttendeesModule } from '@fairops/attendees';
import { EditionsModule } from '@fairops/editions';
import { ProgrammeService } from './programme.service';
import { SessionRegistrationsService } from './session-registrations.service';
import { SessionsService } from './sessions.service';

@Module({
  imports: [EditionsModule, AttendeesModule],
  providers: [SessionsService, SessionRegistrationsService, ProgrammeService],
  exports: [SessionsService, SessionRegistrationsService, ProgrammeService],
})
export class SessionsModule {}
