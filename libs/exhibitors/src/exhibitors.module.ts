import { Module } from '@nestjs/common';
import { EditionsModule } from '@fairops/editions';
import { CsvImportStore } from './csv-import-store';
import { ExhibitorImportService } from './exhibitor-import.service';
import { ExhibitorsRepository } from './exhibitors.repository';
import { ExhibitorsService } from './exhibitors.service';
import { StandsRepository } from './stands.repository';
import { StandsService } from './stands.service';
import { ImportsMetrics } from './imports-metrics';

@Module({
  imports: [EditionsModule],
  providers: [ExhibitorsRepository, StandsRepository, ExhibitorsService, StandsService, ExhibitorImportService, CsvImportStore, ImportsMetrics],
  exports: [ExhibitorsService, StandsService, ExhibitorImportService, CsvImportStore],
})
export class ExhibitorsModule {}
