import { Module } from '@nestjs/common';
import { EditionsModule } from '@fairops/editions';
import { ExhibitorsModule } from '@fairops/exhibitors';
import { SessionsModule } from '@fairops/sessions';
import { AwardsModule } from '@fairops/awards';
import { AttendeesModule } from '@fairops/attendees';
import { CheckinModule } from '@fairops/checkin';
import { BadgesModule } from '@fairops/badges';
import { DemoSeed } from './demo-seed.service';

@Module({
  imports: [EditionsModule, ExhibitorsModule, AttendeesModule, CheckinModule, BadgesModule, SessionsModule, AwardsModule],
  providers: [DemoSeed],
  exports: [DemoSeed],
})
export class DemoModule {}
