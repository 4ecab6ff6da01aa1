import { Client } from 'pg';

/** Drops this run's databases and stops the embedded PostgreSQL if global setup started one. */
export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.FAIROPS_TEST_ADMIN_URL;
  const runId = process.env.FAIROPS_TEST_RUN;
  if (adminUrl && runId) {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname LIKE $2`,
        [`fairops\\_t\\_${runId}\\_%`, `fairops\\_tpl\\_${runId}`],
      );
      for (const { datname } of rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => undefined);
    } finally {
      await admin.end();
    }
  }
  await globalThis.__FAIROPS_EMBEDDED_PG__?.stop();
}
