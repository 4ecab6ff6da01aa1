import type { Db } from '../database/sql';

/**
 * What UsersService asks before it creates or enables an exhibitor's manager account: the exhibitors
 * library answers (it owns the table and the `exhibitor_not_found` and `exhibitor_closed` codes) and registers itself when it
 * loads, since core cannot import it.
 */
export interface ExhibitorAccountGate {
  /**
   * Throws 404 exhibitor_not_found when there is no such exhibitor and 409 exhibitor_closed when it is
   * cancelled or withdrawn; share-locks its row in `db`'s transaction.
   */
  requireOpen(db: Db, exhibitorId: string): Promise<void>;
}

let registered: ExhibitorAccountGate | undefined;

export function registerExhibitorAccountGate(gate: ExhibitorAccountGate): void {
  registered = gate;
}

/** The registered gate; none is a wiring error (the process never loaded `@fairops/exhibitors`). */
export function exhibitorAccountGate(): ExhibitorAccountGate {
  if (!registered) throw new Error('no exhibitor account gate: a process that manages exhibitor accounts must load @fairops/exhibitors');
  return registered;
}
