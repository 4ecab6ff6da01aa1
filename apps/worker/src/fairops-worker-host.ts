import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { Job } from 'bullmq';

/**
 * Base of every processor (concurrency and locks come from FairopsWorker): the worker's connection errors and
 * failed jobs logged (ids only; payloads carry no personal data) instead of left unhandled.
 */
export abstract class FairopsWorkerHost extends WorkerHost {
  protected readonly logger = new Logger(this.constructor.name);
  private lastConnectionWarning = 0;

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn({ queue: job?.queueName, job: job?.name, jobId: job?.id, attemptsMade: job?.attemptsMade, err: { message: error.message } }, 'job failed');
  }

  @OnWorkerEvent('error')
  onError(error: Error): void {
    if (Date.now() - this.lastConnectionWarning < 10000) return;
    this.lastConnectionWarning = Date.now();
    this.logger.warn({ err: { message: error.message } }, 'worker connection error');
  }
}
