import { Injectable } from '@nestjs/common';
import { Db, Paged, maybeOne, one, paged, rows, sql } from '@fairops/core';
import { Edition, EditionField, StaffQuotaRule } from './edition';

/** An edition as inserted: its describing fields, and the registration window's instants as given (ISO 8601, or null). */
export type EditionRow = Pick<Edition, EditionField> & {
  registrationOpensAt: string | null;
  registrationClosesAt: string | null;
};

/** An edition with its days (as JSON: dates and times stay text, as stored), one row per edition. */
const EDITION_SELECT = sql`
  SELECT e.id, e.slug, e.name, e.edition_number AS "editionNumber", e.theme, e.venue, e.city, e.country,
         e.time_zone AS "timeZone", e.default_language AS "defaultLanguage", e.registration_opens_at AS "registrationOpensAt",
         e.registration_closes_at AS "registrationClosesAt",
         coalesce((SELECT jsonb_agg(jsonb_build_object('day', d.day, 'opensAt', d.opens_at, 'closesAt', d.closes_at) ORDER BY d.day)
                     FROM edition_days d WHERE d.edition_id = e.id), '[]'::jsonb) AS days,
         e.created_at AS "createdAt", e.updated_at AS "updatedAt"
    FROM editions e`;

/** All SQL of the editions library's tables: editions and edition_days. */
@Injectable()
export class EditionsRepository {
  /** Inserts the edition and its days; answers its id. */
  async insert(db: Db, row: EditionRow, days: Array<{ date: string; opensAt: string; closesAt: string }>): Promise<string> {
    const { id } = await one<{ id: string }>(
      db,
      sql`INSERT INTO editions (slug, name, edition_number, theme, venue, city, country, time_zone, default_language, registration_opens_at, registration_closes_at)
          VALUES (${row.slug}, ${row.name}, ${row.editionNumber}, ${row.theme}, ${row.venue}, ${row.city}, ${row.country}, ${row.timeZone},
                  ${row.defaultLanguage}, ${row.registrationOpensAt}, ${row.registrationClosesAt})
          RETURNING id`,
    );
    await rows(
      db,
      sql`INSERT INTO edition_days (edition_id, day, opens_at, closes_at)
          SELECT ${id}, d.day, d.opens_at, d.closes_at
            FROM unnest(${days.map((d) => d.date)}::date[], ${days.map((d) => d.opensAt)}::time[], ${days.map((d) => d.closesAt)}::time[])
                 AS d(day, opens_at, closes_at)`,
    );
    return id;
  }

  find(db: Db, id: string): Promise<Edition | undefined> {
    return maybeOne<Edition>(db, sql`${EDITION_SELECT} WHERE e.id = ${id}`);
  }

  /** Every edition, newest first. */
  list(db: Db, page: { limit: number; offset: number }): Promise<Paged<Edition>> {
    return paged<Edition>(db, EDITION_SELECT, { orderBy: sql`"editionNumber" DESC, name ASC, id`, ...page });
  }

  async exists(db: Db, id: string): Promise<boolean> {
    return !!(await maybeOne(db, sql`SELECT 1 FROM editions WHERE id = ${id}`));
  }

  /**
   * The edition the back-office and desks work on: the one running or next to come (by its local
   * date), otherwise the latest that has ended.
   */
  async currentId(db: Db): Promise<string | undefined> {
    const row = await maybeOne<{ id: string }>(
      db,
      sql`SELECT e.id
            FROM editions e JOIN edition_days d ON d.edition_id = e.id
           GROUP BY e.id, e.time_zone
           ORDER BY (max(d.day) >= (now() AT TIME ZONE e.time_zone)::date) DESC,
                    CASE WHEN max(d.day) >= (now() AT TIME ZONE e.time_zone)::date THEN min(d.day) END ASC,
                    max(d.day) DESC
           LIMIT 1`,
    );
    return row?.id;
  }

  /** Sets the staff badge rule; undefined when there is no such edition. */
  setStaffQuotaRule(db: Db, id: string, rule: StaffQuotaRule): Promise<StaffQuotaRule | undefined> {
    return maybeOne<StaffQuotaRule>(
      db,
      sql`UPDATE editions SET staff_quota_base = ${rule.base}, staff_quota_m2_per_badge = ${rule.m2PerBadge}, updated_at = now()
           WHERE id = ${id}
          RETURNING staff_quota_base AS base, staff_quota_m2_per_badge::float8 AS "m2PerBadge"`,
    );
  }
}
