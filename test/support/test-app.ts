import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppConfig, CoreModule, loadConfig } from '@fairops/core';
import { DemoModule } from '@fairops/demo';
import { ApiModule } from '../../apps/api/src/api.module';
import { API_APP_OPTIONS, configureApi } from '../../apps/api/src/http/configure-api';
import { WorkerModule } from '../../apps/worker/src/worker.module';
import { createTestDatabase } from './test-database';
import { testEnv } from './test-env';

export type JobBackend = 'postgres' | 'redis';

/** The job backends to run job tests on: PostgreSQL always, Redis when TEST_REDIS_URL is set. */
export const JOB_BACKENDS: JobBackend[] = testEnv.redisUrl ? ['postgres', 'redis'] : ['postgres'];

export interface TestAppOptions {
  /** Run the job workers and the outbox relay in the app, as `npm start` does. Default false. */
  worker?: boolean;
  jobBackend?: JobBackend;
  /** Extra environment for loadConfig. */
  env?: Record<string, string>;
  /** Reuse a database (e.g. to restart on the same data); default a fresh clone of the template. */
  databaseUrl?: string;
}

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  databaseUrl: string;
  dataSource: DataSource;
  http: () => ReturnType<typeof request>;
  get<T>(type: Type<T> | string | symbol): T;
  close(): Promise<void>;
}

/** Test configuration: the same loadConfig as production, with secrets made for the test. */
export function testConfig(databaseUrl: string, options: Pick<TestAppOptions, 'jobBackend' | 'env'> = {}): AppConfig {
  const redis = options.jobBackend === 'redis';
  if (redis && !testEnv.redisUrl) throw new Error('the redis job backend needs TEST_REDIS_URL');
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis ? testEnv.redisUrl : undefined,
    REDIS_PREFIX: `t${randomBytes(6).toString('hex')}`,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    BADGE_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    LOG_LEVEL: 'silent',
    OUTBOX_POLL_MS: '50',
    SHUTDOWN_TIMEOUT_MS: '5000',
    ...options.env,
  });
}

/** The API (and optionally the workers) on a database of its own, on the real PostgreSQL and Redis. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await createTestDatabase());
  const config = testConfig(databaseUrl, options);

  @Module({ imports: [CoreModule.forRoot(config), ApiModule, DemoModule, ...(options.worker ? [WorkerModule] : [])] })
  class TestRootModule {}

  const app = await NestFactory.create<NestExpressApplication>(TestRootModule, { ...API_APP_OPTIONS, logger: false });
  configureApi(app);
  await app.init();
  return {
    app,
    config,
    databaseUrl,
    dataSource: app.get(DataSource),
    http: () => request(app.getHttpServer()),
    get: <T>(type: Type<T> | string | symbol) => app.get<T>(type as Type<T>, { strict: false }),
    close: () => app.close(),
  };
}
