import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Metrics } from '@fairops/core';

/**
 * Scans and check-ins for Prometheus, counted by PostgreSQL when it scrapes (rows are never deleted
 * but with their edition, so the counts only grow): the scan itself does no extra work.
 */
@Injectable()
export class CheckinMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.metrics.fromQuery({
      name: 'fairops_scans_total',
      help: 'Badge scans recorded (online and offline), by answer and desk; read from PostgreSQL, the same in every process',
      labelNames: ['result', 'desk'],
      counter: true,
      read: async () => {
        const rows: Array<{ result: string; desk: string; n: number }> = await this.dataSource.query(
          `SELECT result, desk_id AS desk, count(*)::int AS n FROM scans GROUP BY result, desk_id`,
        );
        return rows.map((r) => ({ labels: { result: r.result, desk: r.desk }, value: r.n }));
      },
    });
    this.metrics.fromQuery({
      name: 'fairops_checkins_total',
      help: 'Check-ins (one per attendee and fair day), by category; read from PostgreSQL, the same in every process',
      labelNames: ['category'],
      counter: true,
      read: async () => {
        const rows: Array<{ category: string; n: number }> = await this.dataSource.query(`SELECT category, count(*)::int AS n FROM checkins GROUP BY category`);
        return rows.map((r) => ({ labels: { category: r.category }, value: r.n }));
      },
    });
  }
}
