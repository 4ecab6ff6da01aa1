import { Module } from '@nestjs/common';
import { EditionsModule } from '@fairops/editions';
import { ExhibitorsModule } from '@fairops/exhibitors';
import { AttendeesService } from './attendees.service';
import { BadgeKeys } from './badge-keys';
import { StaffService } from './staff.service';

@Module({
  imports: [EditionsModule, ExhibitorsModule],
  providers: [AttendeesService, BadgeKeys, StaffService],
  exports: [AttendeesService, BadgeKeys, StaffService],
})
export class AttendeesModule {}
