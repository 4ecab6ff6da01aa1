import { Module } from '@nestjs/common';
import { EditionsModule } from '@fairops/editions';
import { ExhibitorsModule } from '@fairops/exhibitors';
import { SessionsModule } from '@fairops/sessions';
import { AwardsModule } from '@fairops/awards';
import { DemoSeed } from './demo-seed.service';

@Module({
  imports: [EditionsModule, ExhibitorsModule, SessionsModule, AwardsModule],
  providers: [DemoSeed],
  exports: [DemoSeed],
})
export class DemoModule {}
