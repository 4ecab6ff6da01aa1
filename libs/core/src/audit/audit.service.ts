import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../auth/roles';
import { RequestContext } from '../http/request-context';
import { one, paged, Paged, rows, Sql, sql } from '../database/sql';

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
    await this.recordMany(manager, [entry]);
  }

  /**
   * Many entries in one statement (an import writes one per row it changed), in the order given, all
   * with this request's id.
   */
  async recordMany(manager: EntityManager, entries: readonly AuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
    const column = <T>(pick: (entry: AuditEntry) => T) => entries.map(pick);
    await rows(
      manager,
      sql`INSERT INTO audit_log (edition_id, actor_user_id, actor_role, action, entity_type, entity_id, before, after, reason, request_id)
          SELECT e.edition_id, e.actor_user_id, e.actor_role, e.action, e.entity_type, e.entity_id, e.before::jsonb, e.after::jsonb, e.reason,
                 ${RequestContext.current()?.requestId ?? null}
            FROM unnest(${column((e) => e.editionId ?? null)}::uuid[], ${column((e) => e.actor?.id ?? null)}::uuid[],
                        ${column((e) => e.actor?.role ?? 'system')}::text[], ${column((e) => e.action)}::text[],
                        ${column((e) => e.entityType)}::text[], ${column((e) => e.entityId ?? null)}::text[],
                        ${column((e) => json(e.before))}::text[], ${column((e) => json(e.after))}::text[],
                        ${column((e) => e.reason ?? null)}::text[])
                 WITH ORDINALITY AS e(edition_id, actor_user_id, actor_role, action, entity_type, entity_id, before, after, reason, n)
           ORDER BY e.n`,
    );
  }

  /**
   * Entries selected by a statement, written by one INSERT … SELECT: an import's thousands of entries
   * without carrying their snapshots to Node and back. `source` yields the columns `action`,
   * `entity_type`, `entity_id` (text), `before` and `after` (jsonb), in the order the entries are to be
   * written; the edition, actor, reason and this request's id are the same for all. Returns how many.
   * `withQueries` are common table expressions the source reads (`name AS (…), …`), such as the INSERT …
   * RETURNING of the rows it audits: the rows and their entries are then written by one statement.
   */
  async recordFrom(
    manager: EntityManager,
    source: Sql,
    common: Pick<AuditEntry, 'editionId' | 'actor' | 'reason'>,
    withQueries: Sql = sql.empty,
  ): Promise<number> {
    const { n } = await one<{ n: number }>(
      manager,
      sql`WITH ${withQueries === sql.empty ? sql.empty : sql`${withQueries},`} entries AS (
            INSERT INTO audit_log (edition_id, actor_user_id, actor_role, action, entity_type, entity_id, before, after, reason, request_id)
            SELECT ${common.editionId ?? null}::uuid, ${common.actor?.id ?? null}::uuid, ${common.actor?.role ?? 'system'}, s.action, s.entity_type,
                   s.entity_id, s.before, s.after, ${common.reason ?? null}, ${RequestContext.current()?.requestId ?? null}
              FROM (${source}) s
            RETURNING 1
          )
          SELECT count(*)::int AS n FROM entries`,
    );
    return n;
  }

  /**
   * Replaces the values of `fields` in the `before` and `after` of one entity's entries with
   * `"[erased]"` (an erasure: the entries, their order and the fields they name stay; null stays null).
   * The only change the append-only trigger allows, and only while `fairops.audit_redaction` is on in
   * this transaction; it is switched off again at once. Returns how many entries it changed.
   */
  async redact(manager: EntityManager, entity: { entityType: string; entityId: string }, fields: string[]): Promise<number> {
    const redacted = (column: string) => sql`CASE WHEN jsonb_typeof(${sql.identifier(column)}) = 'object' THEN (
        SELECT jsonb_object_agg(k, CASE WHEN k = ANY(${fields}::text[]) AND v <> 'null'::jsonb THEN '"[erased]"'::jsonb ELSE v END)
          FROM jsonb_each(${sql.identifier(column)}) AS e(k, v)) ELSE ${sql.identifier(column)} END`;
    // If the UPDATE fails, the transaction rolls back and the setting with it.
    await rows(manager, sql`SELECT set_config('fairops.audit_redaction', 'on', true)`);
    const changed = await rows<{ id: string }>(
      manager,
      sql`UPDATE audit_log SET before = ${redacted('before')}, after = ${redacted('after')}
           WHERE entity_type = ${entity.entityType} AND entity_id = ${entity.entityId}
             AND (${redacted('before')}, ${redacted('after')}) IS DISTINCT FROM (before, after)
          RETURNING id`,
    );
    await rows(manager, sql`SELECT set_config('fairops.audit_redaction', 'off', true)`);
    return changed.length;
  }

  async list(
    manager: EntityManager,
    filter: { entityType?: string; entityId?: string; editionId?: string; limit: number; offset: number },
  ): Promise<Paged<unknown>> {
    const where = sql.and([
      filter.entityType && sql`entity_type = ${filter.entityType}`,
      filter.entityId && sql`entity_id = ${filter.entityId}`,
      filter.editionId && sql`edition_id = ${filter.editionId}`,
    ]);
    return paged(
      manager,
      // id is a bigint, which pg hands over as a string: the order stays numeric.
      sql`SELECT id, edition_id AS "editionId", actor_user_id AS "actorUserId", actor_role AS "actorRole", action,
                 entity_type AS "entityType", entity_id AS "entityId", before, after, reason, request_id AS "requestId", at
            FROM audit_log WHERE ${where}`,
      { orderBy: sql`id DESC`, limit: filter.limit, offset: filter.offset },
    );
  }
}
