import { OnWorkerEvent, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Job } from 'bullmq';
import { APP_CONFIG, AppConfig } from '@fairops/core';

/**
 * Base of every processor: concurrency from WORKER_CONCURRENCY, and the worker's connection errors and
 * failed jobs logged (ids only; payloads carry no personal data) instead of left unhandled.
 */
export abstract class FairopsWorkerHost extends WorkerHost implements OnApplicationBootstrap {
  protected readonly logger = new Logger(this.constructor.name);
  @Inject(APP_CONFIG) protected readonly config: AppConfig;
  private lastConnectionWarning = 0;

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.workerConcurrency;
  }

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
