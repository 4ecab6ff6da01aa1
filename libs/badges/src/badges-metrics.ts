import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Metrics } from '@fairops/core';

/** Print jobs by status for Prometheus, read from PostgreSQL when it scrapes. */
@Injectable()
export class BadgesMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.metrics.fromQuery({
      name: 'fairops_print_jobs',
      help: 'Badge print jobs by status (queued, rendering, ready, printed, failed) and format',
      labelNames: ['status', 'format'],
      read: async () => {
        const rows: Array<{ status: string; format: string; n: number }> = await this.dataSource.query(
          `SELECT status, format, count(*)::int AS n FROM badge_print_jobs GROUP BY status, format`,
        );
        return rows.map((r) => ({ labels: { status: r.status, format: r.format }, value: r.n }));
      },
    });
  }
}
