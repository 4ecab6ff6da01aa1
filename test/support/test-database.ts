import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { databaseUrl, testEnv } from './test-env';

/** A fresh database cloned from the migrated template, for one test file (or one test). */
export async function createTestDatabase(): Promise<string> {
  const name = `fairops_t_${testEnv.runId()}_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: testEnv.adminUrl() });
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${testEnv.templateDatabase()}"`);
        break;
      } catch (error) {
        // Two files cloning at the same instant: "source database is being accessed by other users".
        if (attempt >= 20 || (error as { code?: string }).code !== '55006') throw error;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  } finally {
    await admin.end();
  }
  return databaseUrl(testEnv.adminUrl(), name);
}
