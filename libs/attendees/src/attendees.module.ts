import { Module } from '@nestjs/common';
import { EditionsModule } from '@fairops/editions';
import { ExhibitorsModule } from '@fairops/exhibitors';
import { AttendeeExtensions } from './attendee-extensions';
import { ImportsModule } from '@fairops/imports';
import { MessagesModule } from '@fairops/messages';
import { AttendeeTickets } from './attendee-tickets';
import { AttendeeImportService } from './attendee-import.service';
import { AttendeesRepository } from './attendees.repository';
import { AttendeesService } from './attendees.service';
import { BadgeKeys } from './badge-keys';
import { ExhibitorClosureService } from './exhibitor-closure.service';
import { StaffService } from './staff.service';
import { AttendeesMetrics } from './attendees-metrics';

@Module({
  imports: [EditionsModule, ExhibitorsModule, ImportsModule, MessagesModule],
  providers: [AttendeeTickets, AttendeesRepository, AttendeeExtensions, AttendeesService, AttendeeImportService, BadgeKeys, ExhibitorClosureService, StaffService, AttendeesMetrics],
  exports: [AttendeeTickets, AttendeesRepository, AttendeeExtensions, AttendeesService, AttendeeImportService, BadgeKeys, ExhibitorClosureService, StaffService],
})
export class AttendeesModule {}
