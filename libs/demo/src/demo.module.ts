import { Module } from '@nestjs/common';
import { EditionsModule } from '@fairops/editions';
import { ExhibitorsModule } from '@fairops/exhibitors';
import { DemoSeed } from './demo-seed.service';

@Module({
  imports: [EditionsModule, ExhibitorsModule],
  providers: [DemoSeed],
  exports: [DemoSeed],
})
export class DemoModule {}
