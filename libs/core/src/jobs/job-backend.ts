import { ConnectionOptions, Worker, WorkerOptions, createPostgresBackend, setDefaultBackendFactory } from 'bullmq';
import { AppConfig } from '../config/app-config';

export type JobBackendKind = 'redis' | 'postgres';

export function jobBackendKind(config: Pick<AppConfig, 'redisUrl'>): JobBackendKind {
  return config.redisUrl ? 'redis' : 'postgres';
}

/** ioredis options for a redis:// URL. BullMQ workers need `maxRetriesPerRequest: null`. */
export function redisOptions(url: string) {
  const u = new URL(url);
  return {
    host: u.hostname,
    port: Number(u.port || 6379),
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
    maxRetriesPerRequest: null,
    enableOfflineQueue: true,
  };
}

/**
 * Chooses BullMQ's backend for this process and returns the connection its queues and workers use:
 * Redis when REDIS_URL is set, otherwise PostgreSQL (BullMQ's own schema, migrated on first use).
 * The choice is process-wide: one process runs one backend.
 */
export function configureJobBackend(config: Pick<AppConfig, 'redisUrl' | 'databaseUrl'>): ConnectionOptions {
  if (config.redisUrl) {
    setDefaultBackendFactory(undefined);
    return redisOptions(config.redisUrl);
  }
  if (!config.databaseUrl) throw new Error('configureJobBackend: no database URL');
  setDefaultBackendFactory(createPostgresBackend);
  // The PostgreSQL backend takes its own connection options; BullMQ types them loosely here.
  return { connectionString: config.databaseUrl, migrate: true, max: 5 } as unknown as ConnectionOptions;
}

/** Worker options from the configuration, applied to every worker of the process by `FairopsWorker`. */
let workerDefaults: Partial<WorkerOptions> = {};
/** Options of one queue's workers over the defaults. */
let queueWorkerOptions: Record<string, Partial<WorkerOptions>> = {};

export function configureWorkers(config: Pick<AppConfig, 'workerConcurrency' | 'workerLockMs' | 'mail'>): void {
  // A crashed worker's job is taken over once its lock expires and the stalled check next runs.
  workerDefaults = { concurrency: config.workerConcurrency, lockDuration: config.workerLockMs, stalledInterval: config.workerLockMs };
  // The send rate is the queue's, shared by every worker process (BullMQ keeps the limiter with the queue).
  queueWorkerOptions = { mail: { limiter: { max: config.mail.perSecond, duration: 1000 } } };
}

/** The Worker class @nestjs/bullmq builds (set as BullModule.workerClass): its options plus the configured ones. */
export class FairopsWorker extends Worker {
  constructor(name: string, processor: ConstructorParameters<typeof Worker>[1], opts: WorkerOptions) {
    super(name, processor, { ...opts, ...workerDefaults, ...queueWorkerOptions[name] });
  }
}
