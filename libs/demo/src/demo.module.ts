import { Module } from '@nestjs/common';
import { EditionsModule } from '@fairops/editions';
import { ExhibitorsModule } from '@fairops/exhibitors';
import { SessionsModule } from '@fairops/sessions';
import { DemoSeed } from './demo-seed.service';

@Module({
  imports: [EditionsModule, ExhibitorsModule, SessionsModule],
  providers: [DemoSeed],
  exports: [DemoSeed],
})
export class DemoModule {}
