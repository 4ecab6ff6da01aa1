import { Module } from '@nestjs/common';
import { AttendeesModule } from '@fairops/attendees';
import { EditionsModule } from '@fairops/editions';
import { BadgePrintService } from './badge-print.service';

@Module({
  imports: [EditionsModule, AttendeesModule],
  providers: [BadgePrintService],
  exports: [BadgePrintService],
})
export class BadgesModule {}
