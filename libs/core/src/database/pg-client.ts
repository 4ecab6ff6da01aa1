import type { Client } from 'pg';
import type { Sql } from './sql';

/**
 * Runs a statement on a dedicated pg connection, outside the pool and any transaction: the few
 * statements that need one (LISTEN, which holds its connection; CREATE and DROP DATABASE, on the
 * server's admin database; the start-up probe before any pool exists). Everything else uses `rows()`.
 */
export async function onClient<T = Record<string, unknown>>(client: Pick<Client, 'query'>, statement: Sql): Promise<T[]> {
  const { text, values } = statement.compile();
  const result = await client.query(text, values);
  return result.rows as T[];
}
