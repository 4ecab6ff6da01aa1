import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { rows, sql } from '../database/sql';
import { QueueName, jobOptionsFor } from './job-registry';
import { JobQueues } from './job-queues.service';

interface PendingRow {
  id: string;
  queue: QueueName;
  job_name: string;
  payload: unknown;
}

/**
 * Hands committed outbox rows to BullMQ. Rows are claimed with SKIP LOCKED, so any number of worker
 * processes relay side by side; each row becomes a job whose id is the row's id, so a relay repeated
 * after a crash between enqueue and commit finds the job already there and adds nothing.
 */
@Injectable()
export class OutboxRelay implements BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private stopped = true;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Relays one batch; returns how many rows it handed over. */
  async relayOnce(batchSize = 200): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const pending = await rows<PendingRow>(
        manager,
        sql`SELECT id, queue, job_name, payload FROM outbox
             WHERE relayed_at IS NULL ORDER BY created_at LIMIT ${batchSize} FOR UPDATE SKIP LOCKED`,
      );
      if (pending.length === 0) return 0;
      const byQueue = new Map<QueueName, PendingRow[]>();
      for (const row of pending) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
      for (const [queue, jobs] of byQueue) {
        await this.queues.get(queue).addBulk(
          jobs.map((row) => ({ name: row.job_name, data: row.payload, opts: { ...jobOptionsFor(queue), jobId: row.id } })),
        );
      }
      await rows(manager, sql`UPDATE outbox SET relayed_at = now(), relay_attempts = relay_attempts + 1 WHERE id = ANY(${pending.map((r) => r.id)})`);
      return pending.length;
    });
  }

  /** Relays until the outbox is empty. */
  async drain(): Promise<number> {
    let total = 0;
    for (let n = await this.relayOnce(); n > 0; n = await this.relayOnce()) total += n;
    return total;
  }

  /** Starts relaying in the background, every OUTBOX_POLL_MS. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      this.running = this.drain().catch((error: Error) => {
        // PostgreSQL or the job backend is away: the rows stay in the outbox and go next time.
        this.logger.warn({ err: { message: error.message } }, 'outbox relay failed; will retry');
      });
      await this.running;
      if (!this.stopped) this.timer = setTimeout(tick, this.config.outboxPollMs);
    };
    this.timer = setTimeout(tick, 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.stop();
  }
}
