import { Db, Sql, rows, sql } from '@fairops/core';

/**
 * Reads of `attendees` and `badge_revocations` for other libraries' statements, where one round trip
 * matters (the scan hot path, leads, badge rendering, session doors). The text naming these tables
 * lives here, in their owner; others splice the pieces into their own SQL. Writes stay in this library.
 */

/** The attendees, as a row source with the columns other libraries may read (PostgreSQL flattens it into the join). */
export function attendeeRows(): Sql {
  return sql`(SELECT id, edition_id, exhibitor_id, first_name, last_name, organisation, job_title, country, email, phone,
                     category, status, badge_version, days, consent_share_contact, erased_at, language
                FROM attendees)`;
}

export interface BadgeRevocationRead {
  attendeeId: string;
  /** Codes with a lower version are refused; 65536 refuses every code of the attendee. */
  validFromVersion: number;
  reason: 'reissued' | 'cancelled' | 'erased';
  revokedAt: Date;
}

/** The latest revocation of each attendee of the edition revoked in (since, until], for offline desks. */
export function badgeRevocationsBetween(db: Db, editionId: string, since: Date, until: Date): Promise<BadgeRevocationRead[]> {
  return rows<BadgeRevocationRead>(
    db,
    sql`SELECT DISTINCT ON (attendee_id) attendee_id AS "attendeeId", valid_from_version AS "validFromVersion", reason, revoked_at AS "revokedAt"
               FROM badge_revocations
              WHERE edition_id = ${editionId} AND revoked_at > ${since} AND revoked_at <= ${until}
              ORDER BY attendee_id, valid_from_version DESC, revoked_at DESC`,
  );
}
