import { Module } from '@nestjs/common';
import { EditionsModule } from '@fairops/editions';
import { DemoSeed } from './demo-seed.service';

@Module({
  imports: [EditionsModule],
  providers: [DemoSeed],
  exports: [DemoSeed],
})
export class DemoModule {}
