import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { rows, sql } from '../database/sql';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { jobBackendKind, redisOptions } from '../jobs/job-backend';
import { JobQueues } from '../jobs/job-queues.service';

export interface ReadinessCheck {
  status: 'up' | 'down';
  detail?: string;
}

export interface Readiness {
  status: 'ok' | 'unavailable';
  checks: { database: ReadinessCheck; jobs: ReadinessCheck & { backend: 'redis' | 'postgres' } };
}

const withTimeout = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms).unref())]);

@Injectable()
export class HealthService implements OnModuleDestroy {
  /** A small connection of its own, to read Redis's settings without touching the queues'. */
  private redis?: IORedis;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: JobQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async readiness(): Promise<Readiness> {
    const [database, jobs] = await Promise.all([this.checkDatabase(), this.checkJobs()]);
    return {
      status: database.status === 'up' && jobs.status === 'up' ? 'ok' : 'unavailable',
      checks: { database, jobs: { ...jobs, backend: jobBackendKind(this.config) } },
    };
  }

  private async checkDatabase(): Promise<ReadinessCheck> {
    try {
      await withTimeout(rows(this.dataSource, sql`SELECT 1`), 2000, 'PostgreSQL');
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', detail: `PostgreSQL: ${(error as Error).message}` };
    }
  }

  private async checkJobs(): Promise<ReadinessCheck> {
    try {
      await withTimeout(this.queues.get('system').getJobCounts('waiting'), 2000, 'job backend');
      if (this.config.redisUrl) {
        // Redis may evict keys under memory pressure unless told not to: queued jobs would vanish.
        const policy = await withTimeout(this.maxmemoryPolicy(), 2000, 'Redis');
        if (policy && policy !== 'noeviction') {
          return { status: 'down', detail: `job backend (redis): maxmemory-policy is ${policy}; it must be noeviction or queued jobs can be evicted` };
        }
      }
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', detail: `job backend (${jobBackendKind(this.config)}): ${(error as Error).message}` };
    }
  }

  private async maxmemoryPolicy(): Promise<string | null> {
    this.redis ??= new IORedis({ ...redisOptions(this.config.redisUrl!), maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: true });
    if (this.redis.status === 'wait') await this.redis.connect();
    const info = await this.redis.info('memory');
    return /maxmemory_policy:(\S+)/.exec(info)?.[1] ?? null;
  }

  async onModuleDestroy(): Promise<void> {
    this.redis?.disconnect();
  }
}
