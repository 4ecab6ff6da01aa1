import { Sql, sql } from '@fairops/core';

/**
 * Reads of `exhibitors` for other libraries' statements (leads, badge printing): the text naming the
 * table lives here, in its owner; others splice the piece into their own SQL.
 */

/** The exhibitors, as a row source with the columns other libraries may read. */
export function exhibitorRows(): Sql {
  return sql`(SELECT id, edition_id, name, status FROM exhibitors)`;
}
