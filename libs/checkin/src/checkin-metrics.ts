import { Injectable, OnModuleInit } from '@nestjs/common';
import { Metrics } from '@fairops/core';
import { ScansRepository } from './scans.repository';

/**
 * Scans and check-ins for Prometheus, counted by PostgreSQL when it scrapes (rows are never deleted
 * but with their edition, so the counts only grow): the scan itself does no extra work.
 */
@Injectable()
export class CheckinMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly scans: ScansRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.fromQuery({
      name: 'fairops_scans_total',
      help: 'Badge scans recorded (online and offline), by answer and desk; read from PostgreSQL, the same in every process',
      labelNames: ['result', 'desk'],
      counter: true,
      read: async () => {
        const rows = await this.scans.scanCounts();
        return rows.map((r) => ({ labels: { result: r.result, desk: r.desk }, value: r.n }));
      },
    });
    this.metrics.fromQuery({
      name: 'fairops_checkins_total',
      help: 'Check-ins (one per attendee and fair day), by category; read from PostgreSQL, the same in every process',
      labelNames: ['category'],
      counter: true,
      read: async () => {
        const rows = await this.scans.checkinCounts();
        return rows.map((r) => ({ labels: { category: r.category }, value: r.n }));
      },
    });
  }
}
