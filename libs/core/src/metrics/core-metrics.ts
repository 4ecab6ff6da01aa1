import { Injectable, OnModuleInit } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { one, sql } from '../database/sql';
import { HealthService } from '../health/health.service';
import { JobQueues } from '../jobs/job-queues.service';
import { Metrics } from './metrics.service';

/** The job states an operator watches; BullMQ answers them from either backend. */
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'failed'] as const;

/**
 * What every process reports about the shared machinery: queue counts (from BullMQ, on Redis or
 * PostgreSQL alike), the outbox's lag, this process's PostgreSQL pool, and whether it is ready.
 */
@Injectable()
export class CoreMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: Metrics,
    private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
    private readonly health: HealthService,
  ) {}

  onModuleInit(): void {
    this.metrics.fromQuery({
      name: 'fairops_queue_jobs',
      help: 'Jobs per queue and state (waiting, active, delayed, failed), from BullMQ; the same figure in every process',
      labelNames: ['queue', 'state'],
      read: async () => {
        const counts = await Promise.all(this.queues.all().map(async (q) => ({ queue: q.name, counts: await q.getJobCounts(...QUEUE_STATES) })));
        return counts.flatMap(({ queue, counts: c }) => QUEUE_STATES.map((state) => ({ labels: { queue, state }, value: c[state] ?? 0 })));
      },
    });
    this.metrics.fromQuery({
      name: 'fairops_outbox_lag_seconds',
      help: 'Age of the oldest outbox row not yet handed to the job queues (0 when none waits)',
      labelNames: [],
      read: async () => {
        // The partial index outbox_pending_idx holds exactly the rows not relayed: this reads one index entry.
        const row = await one<{ lag: number }>(
          this.dataSource,
          sql`SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::float8 AS lag FROM outbox WHERE relayed_at IS NULL`,
        );
        return [{ labels: {}, value: Number(row.lag) }];
      },
    });
    this.metrics.fromQuery({
      name: 'fairops_outbox_pending',
      help: 'Outbox rows not yet handed to the job queues',
      labelNames: [],
      read: async () => {
        const row = await one<{ pending: number }>(this.dataSource, sql`SELECT count(*)::int AS pending FROM (SELECT 1 FROM outbox WHERE relayed_at IS NULL LIMIT 100000) p`);
        return [{ labels: {}, value: row.pending }];
      },
    });
    this.metrics.fromQuery({
      name: 'fairops_db_pool_connections',
      help: "This process's PostgreSQL pool: connections in use, idle, the pool's maximum, and requests waiting for one",
      labelNames: ['state'],
      read: async () => {
        const pool = (this.dataSource.driver as unknown as { master: Pool & { options: { max: number } } }).master;
        return [
          { labels: { state: 'in_use' }, value: pool.totalCount - pool.idleCount },
          { labels: { state: 'idle' }, value: pool.idleCount },
          { labels: { state: 'waiting' }, value: pool.waitingCount },
          { labels: { state: 'max' }, value: pool.options.max },
        ];
      },
    });
    this.metrics.fromQuery({
      name: 'fairops_ready',
      help: 'Whether this process is ready (PostgreSQL and the job backend answer), as GET /health/ready says: 1 or 0',
      labelNames: [],
      read: async () => [{ labels: {}, value: (await this.health.readiness()).status === 'ok' ? 1 : 0 }],
    });
  }
}
