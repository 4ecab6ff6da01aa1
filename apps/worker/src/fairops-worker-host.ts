import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnModuleInit } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { JOB_QUEUE, JobHandler, JobHandlers, JobName, Metrics, QueueName, missingHandlers } from '@fairops/core';

/**
 * Base of every processor (concurrency and locks come from FairopsWorker). A processor is its queue's
 * name and a handler map with one handler per job name the registry puts on that queue (typed: a job
 * name without a handler does not compile; an incomplete map refuses to start). This class dispatches
 * each job to its handler with its typed payload, logs the worker's connection errors and failed jobs
 * (ids only; payloads carry no personal data) instead of leaving them unhandled, and measures each
 * job's duration into `fairops_job_duration_seconds`.
 */
export abstract class FairopsWorkerHost<Q extends QueueName> extends WorkerHost implements OnModuleInit {
  protected abstract readonly queue: Q;
  protected abstract readonly handlers: JobHandlers<Q>;

  protected readonly logger = new Logger(this.constructor.name);
  private lastConnectionWarning = 0;
  // A property, so that the processors' constructors stay as they are.
  @Inject(Metrics) private readonly metrics!: Metrics;

  onModuleInit(): void {
    const missing = missingHandlers(this.queue, this.handlers);
    if (missing.length) throw new Error(`${this.constructor.name}: no handler for ${missing.join(', ')} on queue ${this.queue}`);
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as JobName;
    const handler = JOB_QUEUE[name] === this.queue ? (this.handlers as Partial<Record<JobName, JobHandler<JobName>>>)[name] : undefined;
    if (!handler) throw new UnrecoverableError(`unknown job ${job.name} on queue ${this.queue}`);
    return handler(job.data, { id: job.id, attemptsMade: job.attemptsMade, attempts: job.opts.attempts ?? 1 });
  }

  @OnWorkerEvent('completed')
  onCompleted(job: Job): void {
    this.measure(job, 'completed');
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    if (job) this.measure(job, 'failed');
    this.logger.warn({ queue: job?.queueName, job: job?.name, jobId: job?.id, attemptsMade: job?.attemptsMade, err: { message: error.message } }, 'job failed');
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    if (Date.now() - this.lastConnectionWarning < 10000) return;
    this.lastConnectionWarning = Date.now();
    this.logger.warn({ err: { message: error.message } }, 'worker connection error');
  }

  private measure(job: Job, outcome: 'completed' | 'failed'): void {
    // A job failed before it started (e.g. its lock was lost) has no start time: nothing to measure.
    if (!job.processedOn) return;
    const seconds = Math.max(0, ((job.finishedOn ?? Date.now()) - job.processedOn) / 1000);
    this.metrics.observeJob(job.queueName, job.name, outcome, seconds);
  }
}
