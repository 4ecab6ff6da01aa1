import { resolve } from 'node:path';
import { Client } from 'pg';
import { EmbeddedPostgres, runDatabaseMigrations } from '@fairops/core';

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
  const name = `fairops_bench_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  await runDatabaseMigrations(url);
  return {
    url,
    close: async () => {
      const c = new Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
      await embedded?.stop();
    },
  };
}
