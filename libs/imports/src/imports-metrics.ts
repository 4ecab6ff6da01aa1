import { Injectable, OnModuleInit } from '@nestjs/common';
import { Metrics } from '@fairops/core';
import { CsvImportsRepository } from './csv-imports.repository';

/** CSV imports (exhibitors and attendees) by status for Prometheus, read from PostgreSQL when it scrapes. */
@Injectable()
export class ImportsMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly imports: CsvImportsRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.fromQuery({
      name: 'fairops_imports',
      help: 'CSV imports by kind (exhibitors, attendees) and status (queued, running, completed, failed)',
      labelNames: ['kind', 'status'],
      read: async () => (await this.imports.countByStatus()).map((r) => ({ labels: { kind: r.kind, status: r.status }, value: r.n })),
    });
  }
}
