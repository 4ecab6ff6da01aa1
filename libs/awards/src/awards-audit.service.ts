import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { sqlRows } from '@fairops/core';

export interface AwardsAuditEntry {
  prizeId: string;
  actorUserId: string | null;
  /** score.set, ballot.submitted, ballot.reopened, conflict.declared, results.finalised, … */
  action: string;
  nomineeId?: string | null;
  jurorId?: string | null;
  criterionId?: string | null;
  oldValue?: number | null;
  newValue?: number | null;
  detail?: unknown;
}

export interface ChainVerification {
  ok: boolean;
  entries: number;
  /** The first entry whose hash, or whose link to the previous entry, does not match. */
  firstMismatch?: { id: string; reason: 'hash' | 'link'; at: Date; action: string };
}

/** The awards' hash-chained audit: written in the caller's transaction; the chain is kept by a trigger. */
@Injectable()
export class AwardsAuditService {
  constructor(private readonly dataSource: DataSource) {}

  async record(m: EntityManager, e: AwardsAuditEntry): Promise<void> {
    await m.query(
      `INSERT INTO awards_audit (prize_id, actor_user_id, action, nominee_id, juror_id, criterion_id, old_value, new_value, detail)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [e.prizeId, e.actorUserId, e.action, e.nomineeId ?? null, e.jurorId ?? null, e.criterionId ?? null, e.oldValue ?? null, e.newValue ?? null, e.detail === undefined ? null : JSON.stringify(e.detail)],
    );
  }

  /** Recomputes every hash in order and names the first entry that does not match. */
  async verify(): Promise<ChainVerification> {
    const rows = await sqlRows<{ id: string; action: string; at: Date; hash_ok: boolean; link_ok: boolean; total: string }>(
      this.dataSource,
      `WITH chain AS (
         SELECT a.id, a.action, a.at, a.hash, a.prev_hash, lag(a.hash) OVER (ORDER BY a.id) AS expected_prev, a
           FROM awards_audit a
       )
       SELECT id::text, action, at,
              hash = awards_audit_hash(a, prev_hash) AS hash_ok,
              prev_hash IS NOT DISTINCT FROM expected_prev AS link_ok,
              count(*) OVER () AS total
         FROM chain ORDER BY id`,
    );
    const bad = rows.find((r) => !r.hash_ok || !r.link_ok);
    return {
      ok: !bad,
      entries: rows.length,
      ...(bad ? { firstMismatch: { id: bad.id, reason: bad.hash_ok ? 'link' : 'hash', at: bad.at, action: bad.action } } : {}),
    };
  }

  async list(prizeId: string, limit: number, offset: number) {
    const items = await sqlRows(
      this.dataSource,
      `SELECT id::text, prize_id AS "prizeId", actor_user_id AS "actorUserId", action, nominee_id AS "nomineeId", juror_id AS "jurorId",
              criterion_id AS "criterionId", old_value::float8 AS "oldValue", new_value::float8 AS "newValue", detail, at, encode(hash, 'hex') AS hash
         FROM awards_audit WHERE prize_id = $1 ORDER BY id LIMIT $2 OFFSET $3`,
      [prizeId, limit, offset],
    );
    const [{ total }] = await sqlRows<{ total: number }>(this.dataSource, `SELECT count(*)::int AS total FROM awards_audit WHERE prize_id = $1`, [prizeId]);
    return { items, total, limit, offset };
  }
}
