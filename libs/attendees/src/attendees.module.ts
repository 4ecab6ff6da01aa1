import { Module } from '@nestjs/common';
import { EditionsModule } from '@fairops/editions';
import { ExhibitorsModule } from '@fairops/exhibitors';
import { ImportsModule } from '@fairops/imports';
import { AttendeeImportService } from './attendee-import.service';
import { AttendeesService } from './attendees.service';
import { BadgeKeys } from './badge-keys';
import { ExhibitorClosureService } from './exhibitor-closure.service';
import { StaffService } from './staff.service';
import { AttendeesMetrics } from './attendees-metrics';

@Module({
  imports: [EditionsModule, ExhibitorsModule, ImportsModule],
  providers: [AttendeesService, AttendeeImportService, BadgeKeys, ExhibitorClosureService, StaffService, AttendeesMetrics],
  exports: [AttendeesService, AttendeeImportService, BadgeKeys, ExhibitorClosureService, StaffService],
})
export class AttendeesModule {}
