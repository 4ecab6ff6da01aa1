import { Module } from '@nestjs/common';
import { AttendeesModule } from '@fairops/attendees';
import { EditionsModule } from '@fairops/editions';
import { BadgePrintService } from './badge-print.service';
import { BadgesMetrics } from './badges-metrics';

@Module({
  imports: [EditionsModule, AttendeesModule],
  providers: [BadgePrintService, BadgesMetrics],
  exports: [BadgePrintService],
})
export class BadgesModule {}
