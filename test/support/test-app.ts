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
import { contractChecker, OpenApiDocument, reportContractStats } from './contract-check';
import { createTestDatabase } from './test-database';
import { testEnv } from './test-env';

export type JobBackend = 'postgres' | 'redis';

/** The job backends to run job tests on: PostgreSQL always, Redis when TEST_REDIS_URL is set. */
export const JOB_BACKENDS: JobBackend[] = testEnv.redisUrl ? ['postgres', 'redis'] : ['postgres'];

// Every response a test receives through http() is checked against the document; the counts of the file
// go to CONTRACT_REPORT when set.
if (typeof afterAll === 'function') afterAll(() => reportContractStats(expect.getState().testPath ?? 'unknown'));

const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete', 'head', 'options'] as const;

/**
 * supertest on the app, with every response checked against the OpenAPI document the app serves
 * (test/support/contract-check.ts): a response that does not match fails the request's promise, so
 * the test that made it fails, naming method, path, status and the mismatch.
 */
export function checkedHttp(server: Parameters<typeof request>[0], document: OpenApiDocument, options: { deliberate?: boolean } = {}): () => ReturnType<typeof request> {
  const checker = contractChecker(document, options);
  return () => {
    const agent = request(server);
    for (const method of HTTP_METHODS) {
      const original = agent[method].bind(agent) as (url: string) => request.Test;
      (agent as unknown as Record<string, unknown>)[method] = (url: string) => original(url).expect((res: request.Response) => checker.check(res));
    }
    return agent;
  };
}

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
  /** The OpenAPI document the app serves at /docs-json. */
  document: OpenApiDocument;
  /** supertest on the app; every response is checked against `document`. */
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
  const document = (await request(app.getHttpServer()).get('/docs-json').expect(200)).body as OpenApiDocument;
  return {
    app,
    config,
    databaseUrl,
    dataSource: app.get(DataSource),
    document,
    http: checkedHttp(app.getHttpServer(), document),
    get: <T>(type: Type<T> | string | symbol) => app.get<T>(type as Type<T>, { strict: false }),
    close: () => app.close(),
  };
}
