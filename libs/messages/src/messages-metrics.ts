import { Injectable, OnModuleInit } from '@nestjs/common';
import { Metrics } from '@fairops/core';
import { MessagesRepository } from './messages.repository';

/** Messages by status for Prometheus (the FairopsMailFailures alert reads `failed`), counted when it scrapes. */
@Injectable()
export class MessagesMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly repository: MessagesRepository,
  ) {}

  onModuleInit(): void {
    this.metrics.fromQuery({
      name: 'fairops_messages',
      help: 'Messages by status: queued (not yet accepted by the SMTP server), sent, failed (refused for good or out of tries), withdrawn (no longer wanted when their turn came)',
      labelNames: ['status'],
      read: async () => (await this.repository.countByStatus()).map((r) => ({ labels: { status: r.status }, value: r.n })),
    });
  }
}
