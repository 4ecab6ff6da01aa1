import { DataSource, EntityManager } from 'typeorm';

interface PgPoolLike {
  query(text: string, params: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * Runs one SQL statement and returns its rows, whatever the command. (TypeORM's plain `query()`
 * answers `[rows, count]` for UPDATE and DELETE but `rows` for the rest.) Outside a transaction the
 * statement goes straight to the driver's pg pool: hot paths such as the scan skip the query-runner
 * bookkeeping.
 */
export async function sqlRows<T = Record<string, unknown>>(db: DataSource | EntityManager, text: string, params: unknown[] = []): Promise<T[]> {
  if (db instanceof DataSource) {
    const pool = (db.driver as unknown as { master?: PgPoolLike }).master;
    if (pool) return (await pool.query(text, params)).rows as T[];
  }
  const own = db instanceof DataSource ? db.createQueryRunner() : db.queryRunner ? undefined : db.connection.createQueryRunner();
  const runner = own ?? (db as EntityManager).queryRunner!;
  try {
    const result = await runner.query(text, params, true);
    return result.records as T[];
  } finally {
    if (own) await own.release();
  }
}
