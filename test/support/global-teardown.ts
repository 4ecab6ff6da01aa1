import { Client } from 'pg';

/** How many databases are dropped at once: each DROP mostly waits on the disk. */
const DROPPING_AT_ONCE = 4;

/** Drops this run's databases and stops the embedded PostgreSQL if global setup started one. */
export default async function globalTeardown(): Promise<void> {
  const adminUrl = process.env.FAIROPS_TEST_ADMIN_URL;
  const runId = process.env.FAIROPS_TEST_RUN;
  if (adminUrl && runId) {
    const list = new Client({ connectionString: adminUrl });
    await list.connect();
    let names: string[];
    try {
      const { rows } = await list.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname LIKE $2`,
        [`fairops\\_t\\_${runId}\\_%`, `fairops\\_tpl\\_${runId}`],
      );
      names = rows.map((r) => r.datname);
    } finally {
      await list.end();
    }
    await Promise.all(
      Array.from({ length: DROPPING_AT_ONCE }, async () => {
        const admin = new Client({ connectionString: adminUrl });
        await admin.connect();
        try {
          for (let name = names.pop(); name !== undefined; name = names.pop()) {
            await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
          }
        } finally {
          await admin.end();
        }
      }),
    );
  }
  await globalThis.__FAIROPS_EMBEDDED_PG__?.stop();
}
