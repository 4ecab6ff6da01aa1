import { DataSource, EntityManager } from 'typeorm';

/**
 * Runs one SQL statement and returns its rows, whatever the command. (TypeORM's plain `query()`
 * answers `[rows, count]` for UPDATE and DELETE but `rows` for the rest.)
 */
export async function sqlRows<T = Record<string, unknown>>(db: DataSource | EntityManager, text: string, params: unknown[] = []): Promise<T[]> {
  const own = db instanceof DataSource ? db.createQueryRunner() : db.queryRunner ? undefined : db.connection.createQueryRunner();
  const runner = own ?? (db as EntityManager).queryRunner!;
  try {
    const result = await runner.query(text, params, true);
    return result.records as T[];
  } finally {
    if (own) await own.release();
  }
}
