import { Module } from '@nestjs/common';
import { EditionsModule } from '@fairops/editions';
import { ImportsModule } from '@fairops/imports';
import { ExhibitorImportService } from './exhibitor-import';
import { ExhibitorImportRepository } from './exhibitor-import.repository';
import { ExhibitorsRepository } from './exhibitors.repository';
import { ExhibitorsService } from './exhibitors.service';
import { StandsRepository } from './stands.repository';
import { StandsService } from './stands.service';

@Module({
  imports: [EditionsModule, ImportsModule],
  providers: [ExhibitorsRepository, StandsRepository, ExhibitorsService, StandsService, ExhibitorImportService, ExhibitorImportRepository],
  exports: [ExhibitorsRepository, StandsRepository, ExhibitorsService, StandsService, ExhibitorImportService, ExhibitorImportRepository],
})
export class ExhibitorsModule {}
