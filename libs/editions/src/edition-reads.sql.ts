import { Sql, sql } from '@fairops/core';

/**
 * Reads of `editions` and `edition_days` for other libraries' statements, where one round trip matters
 * (the scan, the door scan, big joins). The text naming these tables lives here, in their owner;
 * others splice the pieces into their own SQL. Arguments are values or `Sql` expressions.
 */

/** The editions, as a row source with the columns other libraries may read. */
export function editionRows(): Sql {
  return sql`(SELECT id, name, edition_number, city, time_zone FROM editions)`;
}

/** The edition's time zone (a scalar subquery; NULL for an unknown edition). */
export function editionTimeZone(editionId: unknown): Sql {
  return sql`(SELECT time_zone FROM editions WHERE id = ${editionId})`;
}

/** One row (`day`): the local day of the instant `at` in the edition's zone; no row for an unknown edition. */
export function editionDayAt(editionId: unknown, at: unknown): Sql {
  return sql`SELECT (${at} AT TIME ZONE time_zone)::date AS day FROM editions WHERE id = ${editionId}`;
}

/** Whether `day` is one of the edition's fair days (a boolean expression). */
export function isFairDay(editionId: unknown, day: unknown): Sql {
  return sql`EXISTS (SELECT 1 FROM edition_days fair_day WHERE fair_day.edition_id = ${editionId} AND fair_day.day = ${day})`;
}

/** How a badge names the fair: `Name 3 · City` (a text expression of the edition row `alias`). */
export function editionFairName(alias: string): Sql {
  const e = sql.identifier(alias);
  return sql`${e}.name || ' ' || ${e}.edition_number || ' · ' || ${e}.city`;
}
