import { Module } from '@nestjs/common';
import { AttendeesModule } from '@fairops/attendees';
import { EditionsModule } from '@fairops/editions';
import { CheckinFiguresService } from './checkin-figures.service';
import { LeadsService } from './leads.service';
import { ScansService } from './scans.service';
import { CheckinMetrics } from './checkin-metrics';

@Module({
  imports: [EditionsModule, AttendeesModule],
  providers: [ScansService, CheckinFiguresService, LeadsService, CheckinMetrics],
  exports: [ScansService, CheckinFiguresService, LeadsService],
})
export class CheckinModule {}
