import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../auth/roles';
import { RequestContext } from '../http/request-context';

export interface AuditEntry {
  editionId?: string | null;
  /** Who did it; null for the system (seed, jobs). */
  actor: Pick<Actor, 'id' | 'role'> | null;
  /** What was done, as `<entity>.<verb>`: `exhibitor.status_changed`. */
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

/**
 * The append-only audit log (a trigger refuses UPDATE, DELETE and TRUNCATE). Written with the
 * caller's transaction, so an audited change and its entry commit or roll back together.
 */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await manager.query(
      `INSERT INTO audit_log (edition_id, actor_user_id, actor_role, action, entity_type, entity_id, before, after, reason, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        entry.editionId ?? null,
        entry.actor?.id ?? null,
        entry.actor?.role ?? 'system',
        entry.action,
        entry.entityType,
        entry.entityId ?? null,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
        entry.reason ?? null,
        RequestContext.current()?.requestId ?? null,
      ],
    );
  }

  async list(
    manager: EntityManager,
    filter: { entityType?: string; entityId?: string; editionId?: string; limit: number; offset: number },
  ): Promise<{ items: unknown[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.entityType) where.push(`entity_type = $${params.push(filter.entityType)}`);
    if (filter.entityId) where.push(`entity_id = $${params.push(filter.entityId)}`);
    if (filter.editionId) where.push(`edition_id = $${params.push(filter.editionId)}`);
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const items = await manager.query(
      `SELECT id::text, edition_id AS "editionId", actor_user_id AS "actorUserId", actor_role AS "actorRole", action,
              entity_type AS "entityType", entity_id AS "entityId", before, after, reason, request_id AS "requestId", at
         FROM audit_log ${clause} ORDER BY id DESC LIMIT $${params.push(filter.limit)} OFFSET $${params.push(filter.offset)}`,
      params,
    );
    const [{ total }] = await manager.query(`SELECT count(*)::int AS total FROM audit_log ${clause}`, params.slice(0, -2));
    return { items, total };
  }
}
