import { Module } from '@nestjs/common';
import { AttendeesModule } from '@fairops/attendees';
import { EditionsModule } from '@fairops/editions';
import { CheckinFiguresService } from './checkin-figures.service';
import { LeadsService } from './leads.service';
import { ScansService } from './scans.service';

@Module({
  imports: [EditionsModule, AttendeesModule],
  providers: [ScansService, CheckinFiguresService, LeadsService],
  exports: [ScansService, CheckinFiguresService, LeadsService],
})
export class CheckinModule {}
