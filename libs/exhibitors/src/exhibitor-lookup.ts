import { Db, maybeOne, rows, sql } from '@fairops/core';
import { ExhibitorStatus } from './exhibitor-status';

/** What other libraries need to know of one exhibitor: its edition, status and staff badge quota. */
export interface ExhibitorBasics {
  id: string;
  editionId: string;
  status: ExhibitorStatus;
  staffQuota: number;
}

/** One exhibitor's edition, status and staff quota (the database's `exhibitor_staff_quota`), or undefined. */
export function exhibitorBasics(db: Db, id: string): Promise<ExhibitorBasics | undefined> {
  return maybeOne<ExhibitorBasics>(
    db,
    sql`SELECT id, edition_id AS "editionId", status, exhibitor_staff_quota(id) AS "staffQuota" FROM exhibitors WHERE id = ${id}`,
  );
}

/** Every exhibitor of an edition by id, ref and name: how an import names them. */
export function exhibitorRefs(db: Db, editionId: string): Promise<Array<{ id: string; ref: string | null; name: string }>> {
  return rows(db, sql`SELECT id, ref, name FROM exhibitors WHERE edition_id = ${editionId}`);
}
