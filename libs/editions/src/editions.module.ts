import { Module } from '@nestjs/common';
import { EditionsRepository } from './editions.repository';
import { EditionsService } from './editions.service';

@Module({
  providers: [EditionsRepository, EditionsService],
  exports: [EditionsService],
})
export class EditionsModule {}
