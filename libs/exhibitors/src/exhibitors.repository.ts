import { Injectable } from '@nestjs/common';
import { Db, Paged, maybeOne, one, paged, rows, sql } from '@fairops/core';
import { ExhibitorFields, Sector } from './exhibitor-fields';
import { ExhibitorStatus } from './exhibitor-status';
import { StandType } from './stands.repository';

export interface StandSummary {
  id: string;
  code: string;
  hall: string;
  areaM2: number;
  type: StandType;
  status: 'held' | 'assigned';
  heldUntil: string | null;
}

export interface ExhibitorView {
  id: string;
  editionId: string;
  ref: string | null;
  name: string;
  legalName: string | null;
  country: string;
  city: string | null;
  sector: Sector;
  website: string | null;
  description: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  status: ExhibitorStatus;
  statusReason: string | null;
  stands: StandSummary[];
  /** Staff badges the exhibitor may register: the edition's rule on its assigned area, or an admin's override. */
  staffQuota: number;
  staffQuotaOverridden: boolean;
  /** Staff badges registered. */
  staffUsed: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Counts per country, sector and status, for the dashboard. */
export interface ExhibitorStats {
  total: number;
  byCountry: Array<{ country: string; count: number }>;
  bySector: Array<{ sector: string; count: number }>;
  byStatus: Array<{ status: string; count: number }>;
}

/** Column of each writable field, for updates and the import. */
export const FIELD_COLUMNS: Record<keyof ExhibitorFields, string> = {
  ref: 'ref',
  name: 'name',
  legalName: 'legal_name',
  country: 'country',
  city: 'city',
  sector: 'sector',
  website: 'website',
  description: 'description',
  contactName: 'contact_name',
  contactEmail: 'contact_email',
  contactPhone: 'contact_phone',
};

export interface ExhibitorFilter {
  editionId: string;
  onlyId?: string;
  country?: string;
  sector?: string;
  status?: string;
  hall?: string;
  q?: string;
  sort: 'name' | 'country' | 'createdAt';
  order: 'asc' | 'desc';
  limit: number;
  offset: number;
}

/** Sort keys over the view's output columns; never user text in SQL. */
const SORT_COLUMNS = { name: ['name'], country: ['country', 'name'], createdAt: ['"createdAt"'] } as const;

/** `%` and `_` typed by a user are letters, not wildcards. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One exhibitor with its stands, quota and staff count, in one statement; callers add `WHERE`. The
 * quota is the database's `exhibitor_staff_quota` (the formula the staff trigger enforces, written
 * once); the staff count is `exhibitor_staff_used`, so this library does not name the attendees table.
 */
const VIEW_SELECT = sql`
  SELECT e.id, e.edition_id AS "editionId", e.ref, e.name, e.legal_name AS "legalName", e.country, e.city, e.sector,
         e.website, e.description, e.contact_name AS "contactName", e.contact_email AS "contactEmail",
         e.contact_phone AS "contactPhone", e.status, e.status_reason AS "statusReason",
         coalesce(st.stands, '[]'::jsonb) AS stands,
         exhibitor_staff_quota(e.id) AS "staffQuota",
         e.staff_quota_override IS NOT NULL AS "staffQuotaOverridden",
         exhibitor_staff_used(e.id) AS "staffUsed",
         e.created_at AS "createdAt", e.updated_at AS "updatedAt"
    FROM exhibitors e
    LEFT JOIN LATERAL (
      SELECT jsonb_agg(jsonb_build_object('id', s.id, 'code', s.code, 'hall', h.name, 'areaM2', s.area_m2::float8,
                                          'type', s.type, 'status', s.status, 'heldUntil', s.held_until) ORDER BY s.code) AS stands
        FROM stands s JOIN halls h ON h.id = s.hall_id
       WHERE s.exhibitor_id = e.id AND (s.status = 'assigned' OR s.held_until > now())
    ) st ON true`;

/** All SQL of the exhibitors table. */
@Injectable()
export class ExhibitorsRepository {
  findView(db: Db, id: string): Promise<ExhibitorView | undefined> {
    return maybeOne<ExhibitorView>(db, sql`${VIEW_SELECT} WHERE e.id = ${id}`);
  }

  list(db: Db, f: ExhibitorFilter): Promise<Paged<ExhibitorView>> {
    const where = sql.and([
      sql`e.edition_id = ${f.editionId}`,
      f.onlyId && sql`e.id = ${f.onlyId}`,
      f.country && sql`e.country = ${f.country}`,
      f.sector && sql`e.sector = ${f.sector}`,
      f.status && sql`e.status = ${f.status}`,
      f.hall &&
        sql`EXISTS (SELECT 1 FROM stands hs JOIN halls hh ON hh.id = hs.hall_id
                     WHERE hs.exhibitor_id = e.id AND hs.status = 'assigned'
                       AND (fold(hh.name) = fold(${f.hall}) OR hh.id::text = ${f.hall}))`,
      f.q && sql`e.search_text LIKE '%' || fold(${likeEscape(f.q.trim())}) || '%'`,
    ]);
    const direction = sql.raw(f.order === 'desc' ? 'DESC' : 'ASC');
    const orderBy = sql.join([...SORT_COLUMNS[f.sort].map((column) => sql`${sql.raw(column)} ${direction}`), sql`id`]);
    return paged<ExhibitorView>(db, sql`${VIEW_SELECT} WHERE ${where}`, { orderBy, limit: f.limit, offset: f.offset });
  }

  async stats(db: Db, editionId: string): Promise<ExhibitorStats> {
    const found = await rows<{ dimension: 'country' | 'sector' | 'status'; key: string; count: number }>(
      db,
      sql`SELECT 'country' AS dimension, country AS key, count(*)::int AS count FROM exhibitors WHERE edition_id = ${editionId} GROUP BY country
          UNION ALL
          SELECT 'sector', sector, count(*)::int FROM exhibitors WHERE edition_id = ${editionId} GROUP BY sector
          UNION ALL
          SELECT 'status', status, count(*)::int FROM exhibitors WHERE edition_id = ${editionId} GROUP BY status
          ORDER BY 1, 3 DESC, 2`,
    );
    const of = (dimension: 'country' | 'sector' | 'status') => found.filter((r) => r.dimension === dimension);
    const byStatus = of('status').map((r) => ({ status: r.key, count: r.count }));
    return {
      total: byStatus.reduce((sum, r) => sum + r.count, 0),
      byCountry: of('country').map((r) => ({ country: r.key, count: r.count })),
      bySector: of('sector').map((r) => ({ sector: r.key, count: r.count })),
      byStatus,
    };
  }

  /** The import/export columns of every exhibitor of an edition, by name. */
  exportRows(db: Db, editionId: string): Promise<Array<Record<keyof ExhibitorFields, string | null>>> {
    const columns = sql.join(Object.entries(FIELD_COLUMNS).map(([field, column]) => sql`${sql.identifier(column)} AS ${sql.raw(`"${field}"`)}`));
    return rows(db, sql`SELECT ${columns} FROM exhibitors WHERE edition_id = ${editionId} ORDER BY name, id`);
  }

  /** Inserts an exhibitor with the fields given (the rest take their defaults); answers its id. */
  async insert(db: Db, editionId: string, fields: Partial<ExhibitorFields>): Promise<string> {
    const given = (Object.keys(FIELD_COLUMNS) as Array<keyof ExhibitorFields>).filter((field) => fields[field] !== undefined);
    const columns = sql.join(given.map((field) => sql.identifier(FIELD_COLUMNS[field])));
    const values = sql.join(given.map((field) => sql`${fields[field]}`));
    const { id } = await one<{ id: string }>(db, sql`INSERT INTO exhibitors (edition_id, ${columns}) VALUES (${editionId}, ${values}) RETURNING id`);
    return id;
  }

  /** Writes the fields given; false (and nothing written) when none is. */
  async update(db: Db, id: string, fields: Partial<ExhibitorFields>): Promise<boolean> {
    if (!(Object.keys(FIELD_COLUMNS) as Array<keyof ExhibitorFields>).some((field) => fields[field] !== undefined)) return false;
    await rows(db, sql`UPDATE exhibitors SET ${sql.set(fields, FIELD_COLUMNS)}, updated_at = now() WHERE id = ${id}`);
    return true;
  }

  async setStatus(db: Db, id: string, status: ExhibitorStatus, reason: string | null): Promise<void> {
    await rows(db, sql`UPDATE exhibitors SET status = ${status}, status_reason = ${reason}, updated_at = now() WHERE id = ${id}`);
  }

  async setStaffQuotaOverride(db: Db, id: string, override: number | null): Promise<void> {
    await rows(db, sql`UPDATE exhibitors SET staff_quota_override = ${override}, updated_at = now() WHERE id = ${id}`);
  }

  /** Locks the exhibitor's row for an update; false when there is none. */
  async lock(db: Db, id: string): Promise<boolean> {
    return !!(await maybeOne(db, sql`SELECT id FROM exhibitors WHERE id = ${id} FOR UPDATE`));
  }

  /**
   * The exhibitor's status and edition, its row locked FOR SHARE: a concurrent cancellation waits for
   * the caller's transaction (a stand assignment), then frees what it took.
   */
  lockShared(db: Db, id: string): Promise<{ status: ExhibitorStatus; editionId: string } | undefined> {
    return maybeOne(db, sql`SELECT status, edition_id AS "editionId" FROM exhibitors WHERE id = ${id} FOR SHARE`);
  }
}
