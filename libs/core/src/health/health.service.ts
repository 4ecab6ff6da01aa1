import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import { AppConfig } from '../config/app-config';
import { jobBackendKind } from '../jobs/job-backend';
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
export class HealthService {
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
      await withTimeout(this.dataSource.query('SELECT 1'), 2000, 'PostgreSQL');
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', detail: `PostgreSQL: ${(error as Error).message}` };
    }
  }

  private async checkJobs(): Promise<ReadinessCheck> {
    try {
      await withTimeout(this.queues.get('system').getJobCounts('waiting'), 2000, 'job backend');
      return { status: 'up' };
    } catch (error) {
      return { status: 'down', detail: `job backend (${jobBackendKind(this.config)}): ${(error as Error).message}` };
    }
  }
}
