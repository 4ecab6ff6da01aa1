import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Edition, EditionDay } from './edition.entity';
import { EditionsService } from './editions.service';

@Module({
  imports: [TypeOrmModule.forFeature([Edition, EditionDay])],
  providers: [EditionsService],
  exports: [EditionsService],
})
export class EditionsModule {}
