import { Module } from '@nestjs/common';
import { CsvImportPipeline } from './csv-import.pipeline';
import { CsvImportsRepository } from './csv-imports.repository';
import { ImportsMetrics } from './imports-metrics';

/** The CSV import pipeline and the `csv_imports` table; the imports themselves are configurations in their libraries. */
@Module({
  providers: [CsvImportsRepository, CsvImportPipeline, ImportsMetrics],
  exports: [CsvImportsRepository, CsvImportPipeline],
})
export class ImportsModule {}
