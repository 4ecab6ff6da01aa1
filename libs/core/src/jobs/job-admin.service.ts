import { Injectable } from '@nestjs/common';
import { Job } from 'bullmq';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Actor } from '../auth/roles';
import { JobErrors } from './jobs.errors';
import { QUEUES, QueueName } from './job-registry';
import { JobQueues } from './job-queues.service';

export interface QueueCounts {
  name: QueueName;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
  completed: number;
}

export interface FailedJobView {
  id: string;
  name: string;
  /** The payload: ids only, never personal data (see the job registry). */
  data: unknown;
  failedReason: string;
  attemptsMade: number;
  addedAt: Date;
  failedAt: Date | null;
}

/**
 * The operator's view of the job queues, through BullMQ's own API so that it works the same on the
 * Redis and PostgreSQL backends: counts, failed jobs with their reason, retry or remove one (audited).
 */
@Injectable()
export class JobAdminService {
  constructor(
    private readonly queues: JobQueues,
    private readonly audit: AuditService,
    private readonly dataSource: DataSource,
  ) {}

  async counts(): Promise<QueueCounts[]> {
    return Promise.all(
      QUEUES.map(async (name) => {
        const c = await this.queues.get(name).getJobCounts('waiting', 'prioritized', 'active', 'delayed', 'failed', 'completed');
        // BullMQ keeps jobs with a priority apart from the others; both are waiting to run.
        return { name, waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0, completed: c.completed ?? 0 };
      }),
    );
  }

  /** Failed jobs of a queue, most recently failed first. */
  async failed(queueName: string, limit: number, offset: number): Promise<{ items: FailedJobView[]; total: number }> {
    const queue = this.queues.get(this.queueName(queueName));
    const [jobs, total] = await Promise.all([queue.getFailed(offset, offset + limit - 1), queue.getFailedCount()]);
    return { items: jobs.filter((j): j is Job => Boolean(j)).map((j) => this.view(j)), total };
  }

  /** Puts a failed job back to waiting, with its attempts counted afresh. 409 unless it has failed. */
  async retry(actor: Actor, queueName: string, id: string): Promise<{ id: string; state: string }> {
    const job = await this.job(queueName, id);
    const state = await job.getState();
    if (state !== 'failed') throw JobErrors.notFailed(id, state);
    await job.retry('failed', { resetAttemptsMade: true });
    await this.audit.record(this.dataSource.manager, {
      actor,
      action: 'job.retried',
      entityType: 'job',
      entityId: `${job.queueName}/${id}`,
      before: { name: job.name, state, attemptsMade: job.attemptsMade },
    });
    return { id, state: await job.getState() };
  }

  /** Removes a job that is not running. 409 while a worker holds it. */
  async remove(actor: Actor, queueName: string, id: string): Promise<void> {
    const job = await this.job(queueName, id);
    const state = await job.getState();
    if (state === 'active') throw JobErrors.active(id, state);
    await job.remove();
    await this.audit.record(this.dataSource.manager, {
      actor,
      action: 'job.removed',
      entityType: 'job',
      entityId: `${job.queueName}/${id}`,
      before: { name: job.name, state, failedReason: job.failedReason ?? null },
    });
  }

  private queueName(name: string): QueueName {
    if (!(QUEUES as readonly string[]).includes(name)) throw JobErrors.queueNotFound(name);
    return name as QueueName;
  }

  private async job(queueName: string, id: string): Promise<Job> {
    const job = await this.queues.get(this.queueName(queueName)).getJob(id);
    if (!job) throw JobErrors.jobNotFound(id);
    return job;
  }

  private view(job: Job): FailedJobView {
    return {
      id: job.id!,
      name: job.name,
      data: job.data,
      failedReason: job.failedReason,
      attemptsMade: job.attemptsMade,
      addedAt: new Date(job.timestamp),
      failedAt: job.finishedOn ? new Date(job.finishedOn) : null,
    };
  }
}
