import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Metrics } from '@fairops/core';

/** CSV imports (exhibitors and attendees) by status for Prometheus, read from PostgreSQL when it scrapes. */
@Injectable()
export class ImportsMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.metrics.fromQuery({
      name: 'fairops_imports',
      help: 'CSV imports by kind (exhibitors, attendees) and status (queued, running, completed, failed)',
      labelNames: ['kind', 'status'],
      read: async () => {
        const rows: Array<{ kind: string; status: string; n: number }> = await this.dataSource.query(
          `SELECT kind, status, count(*)::int AS n FROM csv_imports GROUP BY kind, status`,
        );
        return rows.map((r) => ({ labels: { kind: r.kind, status: r.status }, value: r.n }));
      },
    });
  }
}
