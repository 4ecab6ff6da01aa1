import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { Queue } from 'bullmq';
import { QUEUES, QueueName } from './job-registry';

/** The BullMQ queues of the registry, by name. */
@Injectable()
export class JobQueues implements OnModuleInit {
  private readonly logger = new Logger(JobQueues.name);
  private lastWarning = 0;

  constructor(private readonly moduleRef: ModuleRef) {}

  /**
   * A queue re-emits its backend's connection errors (Redis or PostgreSQL restarting); an 'error'
   * event nobody listens to would crash the process. Log them, at most one line every 10 seconds.
   */
  onModuleInit(): void {
    for (const queue of this.all()) {
      queue.on('error', (error: Error) => {
        if (Date.now() - this.lastWarning < 10000) return;
        this.lastWarning = Date.now();
        this.logger.warn({ queue: queue.name, err: { message: error.message } }, 'job backend connection error');
      });
    }
  }

  get(name: QueueName): Queue {
    return this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
  }

  all(): Queue[] {
    return QUEUES.map((name) => this.get(name));
  }
}
