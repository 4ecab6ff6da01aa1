import { Module } from '@nestjs/common';
import { EditionsModule } from '@fairops/editions';
import { CsvImportPipeline } from './csv-import.pipeline';
import { CsvImportsRepository } from './csv-imports.repository';
import { ImportsMetrics } from './imports-metrics';

/** The CSV import pipeline and the `csv_imports` table; the imports themselves are configurations in their libraries. */
@Module({
  imports: [EditionsModule],
  providers: [CsvImportsRepository, CsvImportPipeline, ImportsMetrics],
  exports: [CsvImportsRepository, CsvImportPipeline],
})
export class ImportsModule {}
