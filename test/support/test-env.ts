/**
 * Where the test PostgreSQL and Redis are. `TEST_DATABASE_URL` (a database the tests may create
 * databases from) and `TEST_REDIS_URL` come from the environment (.ci/run sets both); without
 * TEST_DATABASE_URL, global setup starts an embedded PostgreSQL. Tests read nothing else from the env.
 */
export const testEnv = {
  databaseUrl: process.env.TEST_DATABASE_URL,
  redisUrl: process.env.TEST_REDIS_URL,
  /** Set by global setup for the test files. */
  adminUrl: () => required('FAIROPS_TEST_ADMIN_URL'),
  templateDatabase: () => required('FAIROPS_TEST_TEMPLATE'),
  runId: () => required('FAIROPS_TEST_RUN'),
};

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run integration tests through jest's global setup (npm test)`);
  return value;
}

/** The URL of another database on the same server. */
export function databaseUrl(adminUrl: string, database: string): string {
  const u = new URL(adminUrl);
  u.pathname = `/${database}`;
  return u.toString();
}
