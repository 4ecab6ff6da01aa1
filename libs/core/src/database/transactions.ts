import { DataSource, EntityManager } from 'typeorm';
import { PG, pgCode } from './database-errors';

export interface TransactionOptions {
  isolation?: 'READ COMMITTED' | 'REPEATABLE READ' | 'SERIALIZABLE';
  attempts?: number;
}

/**
 * Runs `work` in one transaction and retries it a bounded number of times on serialization failures
 * and deadlocks, which PostgreSQL asks the client to retry. Owned by one service method.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(options.isolation ?? 'READ COMMITTED', work);
    } catch (error) {
      const code = pgCode(error);
      const retryable = code === PG.serializationFailure || code === PG.deadlockDetected;
      if (!retryable || attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20));
    }
  }
}
