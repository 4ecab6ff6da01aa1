import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Metrics } from '@fairops/core';

/** Registrations for Prometheus, counted by PostgreSQL when it scrapes. */
@Injectable()
export class AttendeesMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly dataSource: DataSource,
  ) {}

  onModuleInit(): void {
    this.metrics.fromQuery({
      name: 'fairops_registrations_total',
      help: 'Attendees registered, by how (self_registration, back_office, exhibitor, import, demo); cancelled and erased ones included',
      labelNames: ['source'],
      counter: true,
      read: async () => {
        const rows: Array<{ source: string; n: number }> = await this.dataSource.query(`SELECT source, count(*)::int AS n FROM attendees GROUP BY source`);
        return rows.map((r) => ({ labels: { source: r.source }, value: r.n }));
      },
    });
  }
}
