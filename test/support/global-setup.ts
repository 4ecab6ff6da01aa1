import { resolve } from 'node:path';
import { Client } from 'pg';
import { runMigrations as runBullmqMigrations } from 'bullmq';
import { EmbeddedPostgres, runDatabaseMigrations } from '../../libs/core/src';
import { databaseUrl, testEnv } from './test-env';

declare global {
  var __FAIROPS_EMBEDDED_PG__: EmbeddedPostgres | undefined;
}

/**
 * Migrates a template database once; each test file then clones it (CREATE DATABASE … TEMPLATE),
 * so files run in parallel without seeing each other's rows.
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = testEnv.databaseUrl;
  if (!adminUrl) {
    const embedded = new EmbeddedPostgres({ dataDir: resolve(__dirname, '../../.data/test-postgres'), port: 54330 });
    await embedded.start();
    globalThis.__FAIROPS_EMBEDDED_PG__ = embedded;
    adminUrl = embedded.url;
  }
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  const template = `fairops_tpl_${runId}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    // Databases left by runs that crashed (nobody is connected to them any more).
    const stale = await admin.query(
      `SELECT datname FROM pg_database d
        WHERE (datname LIKE 'fairops\\_t\\_%' OR datname LIKE 'fairops\\_tpl\\_%')
          AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)
          AND (pg_stat_file('base/' || d.oid || '/PG_VERSION', true)).modification < now() - interval '1 hour'`,
    ).catch(() => ({ rows: [] as Array<{ datname: string }> }));
    for (const { datname } of stale.rows) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}"`).catch(() => undefined);
    }
    await admin.query(`CREATE DATABASE "${template}"`);
  } finally {
    await admin.end();
  }
  const templateUrl = databaseUrl(adminUrl, template);
  await runDatabaseMigrations(templateUrl);
  const client = new Client({ connectionString: templateUrl });
  await client.connect();
  try {
    // BullMQ's own tables, so that the PostgreSQL job backend needs no migration per test file.
    await runBullmqMigrations(client);
  } finally {
    await client.end();
  }
  process.env.FAIROPS_TEST_ADMIN_URL = adminUrl;
  process.env.FAIROPS_TEST_TEMPLATE = template;
  process.env.FAIROPS_TEST_RUN = runId;
}
