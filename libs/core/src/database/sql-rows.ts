import { Db, NumberedSql, rows } from './sql';

/**
 * @deprecated Positional-parameter form, kept only while libraries move to the `sql` tag; it runs on
 * the same executor as `rows()`. Removed once nothing calls it.
 */
export function sqlRows<T = Record<string, unknown>>(db: Db, text: string, params: unknown[] = []): Promise<T[]> {
  return rows<T>(db, new NumberedSql(text, params));
}
