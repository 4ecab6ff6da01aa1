import { Module } from '@nestjs/common';
import { AttendeesModule } from '@fairops/attendees';
import { EditionsModule } from '@fairops/editions';
import { CheckinAttendeeData } from './attendee-data';
import { CheckinFiguresService } from './checkin-figures.service';
import { CheckinMetrics } from './checkin-metrics';
import { LeadsRepository } from './leads.repository';
import { LeadsService } from './leads.service';
import { ScansRepository } from './scans.repository';
import { ScansService } from './scans.service';

@Module({
  imports: [EditionsModule, AttendeesModule],
  providers: [ScansRepository, LeadsRepository, ScansService, CheckinFiguresService, LeadsService, CheckinMetrics, CheckinAttendeeData],
  exports: [ScansRepository, ScansService, CheckinFiguresService, LeadsService],
})
export class CheckinModule {}
