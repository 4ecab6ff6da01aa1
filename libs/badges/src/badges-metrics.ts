import { Injectable, OnModuleInit } from '@nestjs/common';
import { Metrics } from '@fairops/core';
import { BadgePrintJobsRepository } from './badge-print-jobs.repository';

/** Print jobs by status for Prometheus, read from PostgreSQL when it scrapes. */
@Injectable()
export class BadgesMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly jobs: BadgePrintJobsRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.fromQuery({
      name: 'fairops_print_jobs',
      help: 'Badge print jobs by status (queued, rendering, ready, printed, failed) and format',
      labelNames: ['status', 'format'],
      read: async () => {
        const rows = await this.jobs.countsByStatus();
        return rows.map((r) => ({ labels: { status: r.status, format: r.format }, value: r.n }));
      },
    });
  }
}
