import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger } from '@nestjs/common';
import { Job } from 'bullmq';
import { Metrics } from '@fairops/core';

/**
 * Base of every processor (concurrency and locks come from FairopsWorker): the worker's connection errors and
 * failed jobs logged (ids only; payloads carry no personal data) instead of left unhandled, and each
 * job's duration measured into `fairops_job_duration_seconds`.
 */
export abstract class FairopsWorkerHost extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);
  private lastConnectionWarning = 0;
  // A property, so that the processors' constructors stay as they are.
  @Inject(Metrics) private readonly metrics!: Metrics;

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
