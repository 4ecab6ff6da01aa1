import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { sqlRows } from '@fairops/core';
import { ExhibitorFields, ExhibitorStatus, Sector } from './exhibitor-fields';

export interface StandSummary {
  id: string;
  code: string;
  hall: string;
  areaM2: number;
  type: string;
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

/** Sort keys over the view's columns; never user text in SQL. */
const SORT_SQL = { name: 'v.name', country: 'v.country, v.name', createdAt: 'v."createdAt"' } as const;

/** `%` and `_` typed by a user are letters, not wildcards. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** One exhibitor with its stands and quota, in one query. `WHERE` and paging are appended by callers. */
const VIEW_SELECT = `
  SELECT e.id, e.edition_id AS "editionId", e.ref, e.name, e.legal_name AS "legalName", e.country, e.city, e.sector,
         e.website, e.description, e.contact_name AS "contactName", e.contact_email AS "contactEmail",
         e.contact_phone AS "contactPhone", e.status, e.status_reason AS "statusReason",
         coalesce(st.stands, '[]'::jsonb) AS stands,
         coalesce(e.staff_quota_override,
                  ed.staff_quota_base + floor(coalesce(st.assigned_area, 0) / ed.staff_quota_m2_per_badge))::int AS "staffQuota",
         e.staff_quota_override IS NOT NULL AS "staffQuotaOverridden",
         -- Registered staff badges (the attendees table, whose trigger enforces the quota).
         (SELECT count(*)::int FROM attendees a WHERE a.exhibitor_id = e.id AND a.category = 'exhibitor_staff' AND a.status = 'registered') AS "staffUsed",
         e.created_at AS "createdAt", e.updated_at AS "updatedAt"
    FROM exhibitors e
    JOIN editions ed ON ed.id = e.edition_id
    LEFT JOIN LATERAL (
      SELECT jsonb_agg(jsonb_build_object('id', s.id, 'code', s.code, 'hall', h.name, 'areaM2', s.area_m2::float8,
                                          'type', s.type, 'status', s.status, 'heldUntil', s.held_until) ORDER BY s.code) AS stands,
             sum(s.area_m2) FILTER (WHERE s.status = 'assigned') AS assigned_area
        FROM stands s JOIN halls h ON h.id = s.hall_id
       WHERE s.exhibitor_id = e.id AND (s.status = 'assigned' OR s.held_until > now())
    ) st ON true`;

@Injectable()
export class ExhibitorsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findView(id: string, db: DataSource | EntityManager = this.dataSource): Promise<ExhibitorView | null> {
    const rows = await sqlRows<ExhibitorView>(db, `${VIEW_SELECT} WHERE e.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async list(f: ExhibitorFilter): Promise<{ items: ExhibitorView[]; total: number }> {
    const where = ['e.edition_id = $1'];
    const params: unknown[] = [f.editionId];
    if (f.onlyId) where.push(`e.id = $${params.push(f.onlyId)}`);
    if (f.country) where.push(`e.country = $${params.push(f.country)}`);
    if (f.sector) where.push(`e.sector = $${params.push(f.sector)}`);
    if (f.status) where.push(`e.status = $${params.push(f.status)}`);
    if (f.hall) {
      where.push(`EXISTS (SELECT 1 FROM stands hs JOIN halls hh ON hh.id = hs.hall_id
                           WHERE hs.exhibitor_id = e.id AND hs.status = 'assigned'
                             AND (fold(hh.name) = fold($${params.push(f.hall)}) OR hh.id::text = $${params.length}))`);
    }
    if (f.q) where.push(`e.search_text LIKE '%' || fold($${params.push(likeEscape(f.q.trim()))}) || '%'`);
    const direction = f.order === 'desc' ? 'DESC' : 'ASC';
    const order = SORT_SQL[f.sort].split(', ').map((c) => `${c} ${direction}`).join(', ') + ', v.id';
    const rows = await sqlRows<ExhibitorView & { total: string }>(
      this.dataSource,
      `SELECT v.*, count(*) OVER () AS total FROM (${VIEW_SELECT} WHERE ${where.join(' AND ')}) v
        ORDER BY ${order}
        LIMIT $${params.push(f.limit)} OFFSET $${params.push(f.offset)}`,
      params,
    );
    if (rows.length === 0 && f.offset > 0) {
      const [{ n }] = await sqlRows<{ n: number }>(this.dataSource, `SELECT count(*)::int AS n FROM exhibitors e WHERE ${where.join(' AND ')}`, params.slice(0, -2));
      return { items: [], total: n };
    }
    return { items: rows.map(({ total: _total, ...v }) => v), total: rows.length ? Number(rows[0].total) : 0 };
  }

  async stats(editionId: string): Promise<{ total: number; byCountry: unknown[]; bySector: unknown[]; byStatus: unknown[] }> {
    const rows = await sqlRows<{ dimension: string; key: string; count: number }>(
      this.dataSource,
      `SELECT 'country' AS dimension, country AS key, count(*)::int AS count FROM exhibitors WHERE edition_id = $1 GROUP BY country
       UNION ALL
       SELECT 'sector', sector, count(*)::int FROM exhibitors WHERE edition_id = $1 GROUP BY sector
       UNION ALL
       SELECT 'status', status, count(*)::int FROM exhibitors WHERE edition_id = $1 GROUP BY status
       ORDER BY 1, 3 DESC, 2`,
      [editionId],
    );
    const of = (dimension: string) => rows.filter((r) => r.dimension === dimension).map((r) => ({ [dimension]: r.key, count: r.count }));
    const byStatus = of('status');
    return { total: byStatus.reduce((sum, r) => sum + (r.count as number), 0), byCountry: of('country'), bySector: of('sector'), byStatus };
  }

  /** The import/export columns of every exhibitor of an edition, by name. */
  async exportRows(editionId: string): Promise<Array<Record<keyof ExhibitorFields, string | null>>> {
    const columns = Object.entries(FIELD_COLUMNS).map(([field, column]) => `${column} AS "${field}"`);
    return sqlRows(this.dataSource, `SELECT ${columns.join(', ')} FROM exhibitors WHERE edition_id = $1 ORDER BY name, id`, [editionId]);
  }
}
