import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../auth/roles';
import { RequestContext } from '../http/request-context';
import { sqlRows } from '../database/sql-rows';

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

  /**
   * Replaces the values of `fields` in the `before` and `after` of one entity's entries with
   * `"[erased]"` (an erasure: the entries, their order and the fields they name stay; null stays null).
   * The only change the append-only trigger allows, and only while `fairops.audit_redaction` is on in
   * this transaction; it is switched off again at once. Returns how many entries it changed.
   */
  async redact(manager: EntityManager, entity: { entityType: string; entityId: string }, fields: string[]): Promise<number> {
    const redacted = (column: string) => `CASE WHEN jsonb_typeof(${column}) = 'object' THEN (
        SELECT jsonb_object_agg(k, CASE WHEN k = ANY($3::text[]) AND v <> 'null'::jsonb THEN '"[erased]"'::jsonb ELSE v END)
          FROM jsonb_each(${column}) AS e(k, v)) ELSE ${column} END`;
    // If the UPDATE fails, the transaction rolls back and the setting with it.
    await manager.query(`SELECT set_config('fairops.audit_redaction', 'on', true)`);
    const rows = await sqlRows<{ id: string }>(
      manager,
      `UPDATE audit_log SET before = ${redacted('before')}, after = ${redacted('after')}
        WHERE entity_type = $1 AND entity_id = $2
          AND (${redacted('before')}, ${redacted('after')}) IS DISTINCT FROM (before, after)
       RETURNING id`,
      [entity.entityType, entity.entityId, fields],
    );
    await manager.query(`SELECT set_config('fairops.audit_redaction', 'off', true)`);
    return rows.length;
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
