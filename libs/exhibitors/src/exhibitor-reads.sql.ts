import { Db, registerExhibitorAccountGate, rows, sql } from '@fairops/core';
import { ExhibitorErrors } from './exhibitors.errors';

/**
 * Narrow reads of the exhibitors table for other libraries, which may not name it in SQL: the names
 * the awards compare with a juror's organisation, and the gate core's UsersService asks before it
 * creates or enables an exhibitor's manager account.
 */
export async function exhibitorNames(db: Db, ids: readonly string[]): Promise<Array<{ id: string; name: string; legalName: string | null }>> {
  if (!ids.length) return [];
  return rows(db, sql`SELECT id, name, legal_name AS "legalName" FROM exhibitors WHERE id = ANY(${[...ids]}::uuid[])`);
}

/**
 * A cancelled or withdrawn exhibitor has no active manager (its leads hold visitors' contact details):
 * ExhibitorClosureService disables them, and none may be created or enabled after (409
 * exhibitor_closed). FOR SHARE waits for a closure in progress (whose UPDATE locks the row), and a
 * closure waits for the caller's transaction, then disables the account it made or enabled. An
 * unknown exhibitor is 404 exhibitor_not_found.
 */
export async function requireOpenExhibitor(db: Db, exhibitorId: string): Promise<void> {
  const [exhibitor] = await rows<{ status: string }>(db, sql`SELECT status FROM exhibitors WHERE id = ${exhibitorId} FOR SHARE`);
  if (!exhibitor) throw ExhibitorErrors.notFound(exhibitorId);
  if (exhibitor.status === 'cancelled' || exhibitor.status === 'withdrawn') throw ExhibitorErrors.closed(exhibitor.status);
}

// Core cannot import this library: it is told here, when the library loads, whom to ask.
registerExhibitorAccountGate({ requireOpen: requireOpenExhibitor });
