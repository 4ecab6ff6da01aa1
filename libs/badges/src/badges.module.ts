import { Module } from '@nestjs/common';
import { AttendeesModule } from '@fairops/attendees';
import { EditionsModule } from '@fairops/editions';
import { BadgePrintJobsRepository } from './badge-print-jobs.repository';
import { BadgePrintService } from './badge-print.service';
import { BadgePrintersRepository } from './badge-printers.repository';
import { BadgesMetrics } from './badges-metrics';

@Module({
  imports: [EditionsModule, AttendeesModule],
  providers: [BadgePrintJobsRepository, BadgePrintersRepository, BadgePrintService, BadgesMetrics],
  exports: [BadgePrintersRepository, BadgePrintService],
})
export class BadgesModule {}
