import { Injectable, OnModuleInit } from '@nestjs/common';
import { Metrics } from '@fairops/core';
import { AttendeesRepository } from './attendees.repository';

/** Registrations for Prometheus, counted by PostgreSQL when it scrapes. */
@Injectable()
export class AttendeesMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly repository: AttendeesRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.fromQuery({
      name: 'fairops_registrations_total',
      help: 'Attendees registered, by how (self_registration, back_office, exhibitor, import, demo); cancelled and erased ones included',
      labelNames: ['source'],
      counter: true,
      read: async () => (await this.repository.countBySource()).map((r) => ({ labels: { source: r.source }, value: r.n })),
    });
  }
}
