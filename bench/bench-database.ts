import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { DynamicModule, INestApplicationContext, Module, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { CoreModule, EmbeddedPostgres, createScratchDatabase, loadConfig } from '@fairops/core';

export interface BenchDatabase {
  url: string;
  close(): Promise<void>;
}

/** A fresh, migrated database: on BENCH_DATABASE_URL's server (or TEST_DATABASE_URL's), else an embedded PostgreSQL. */
export async function benchDatabase(): Promise<BenchDatabase> {
  let adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  let embedded: EmbeddedPostgres | undefined;
  if (!adminUrl) {
    embedded = new EmbeddedPostgres({ dataDir: resolve(__dirname, '../../.data/bench-postgres'), port: 54331 });
    await embedded.start();
    adminUrl = embedded.url;
  }
  const db = await createScratchDatabase(adminUrl, 'fairops_bench');
  return {
    url: db.url,
    close: async () => {
      await db.drop();
      await embedded?.stop();
    },
  };
}

/** The real services on the bench database: CoreModule with the given feature modules, no HTTP; `env`: more settings. */
export async function benchContext(databaseUrl: string, features: Array<Type<unknown> | DynamicModule>, env: Record<string, string> = {}): Promise<INestApplicationContext> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    JWT_SECRET: randomBytes(32).toString('base64url'),
    BADGE_SIGNING_KEY: generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    LOG_LEVEL: 'silent',
    ...env,
  });
  @Module({ imports: [CoreModule.forRoot(config), ...features] })
  class BenchModule {}
  return NestFactory.createApplicationContext(BenchModule, { logger: false });
}
