import { Db, rows, Sql } from './sql';

/**
 * @deprecated Positional-parameter form, kept only while libraries move to the `sql` tag; it runs on
 * the same executor as `rows()`. Removed once nothing calls it.
 */
export function sqlRows<T = Record<string, unknown>>(db: Db, text: string, params: unknown[] = []): Promise<T[]> {
  return rows<T>(db, new SqlText(text, params));
}

/** A statement already written with $n placeholders. */
class SqlText extends Sql {
  constructor(
    private readonly text: string,
    private readonly params: unknown[],
  ) {
    super([text], []);
  }

  override compile(): { text: string; values: unknown[] } {
    return { text: this.text, values: this.params };
  }
}
