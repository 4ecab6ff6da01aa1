import { Injectable } from '@nestjs/common';
import { Db, Paged, paged, rows, sql } from '@fairops/core';

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

export interface AwardsAuditView {
  id: string;
  prizeId: string;
  actorUserId: string | null;
  action: string;
  nomineeId: string | null;
  jurorId: string | null;
  criterionId: string | null;
  oldValue: number | null;
  newValue: number | null;
  detail: unknown;
  at: Date;
  hash: string;
}

/** One entry of the chain with whether its hash and its link to the previous entry match. */
export interface ChainLink {
  id: string;
  action: string;
  at: Date;
  hashOk: boolean;
  linkOk: boolean;
}

/** The SQL of the awards' hash-chained audit (awards_audit); the chain itself is kept by a trigger. */
@Injectable()
export class AwardsAuditRepository {
  async insert(db: Db, e: AwardsAuditEntry): Promise<void> {
    await rows(
      db,
      sql`INSERT INTO awards_audit (prize_id, actor_user_id, action, nominee_id, juror_id, criterion_id, old_value, new_value, detail)
          VALUES (${e.prizeId}, ${e.actorUserId}, ${e.action}, ${e.nomineeId ?? null}, ${e.jurorId ?? null}, ${e.criterionId ?? null},
                  ${e.oldValue ?? null}, ${e.newValue ?? null}, ${e.detail === undefined ? null : JSON.stringify(e.detail)})`,
    );
  }

  /** Every entry in order, each hash recomputed and each link to the previous entry checked. */
  async chain(db: Db): Promise<ChainLink[]> {
    return rows<ChainLink>(
      db,
      sql`WITH chain AS (
            SELECT a.id, a.action, a.at, a.hash, a.prev_hash, lag(a.hash) OVER (ORDER BY a.id) AS expected_prev, a
              FROM awards_audit a
          )
          SELECT id::text, action, at,
                 hash = awards_audit_hash(a, prev_hash) AS "hashOk",
                 prev_hash IS NOT DISTINCT FROM expected_prev AS "linkOk"
            FROM chain ORDER BY id`,
    );
  }

  async list(db: Db, prizeId: string, page: { limit: number; offset: number }): Promise<Paged<AwardsAuditView>> {
    // id is a bigint: ordered as a number, and read as text (the driver's default for int8).
    return paged<AwardsAuditView>(
      db,
      sql`SELECT id, prize_id AS "prizeId", actor_user_id AS "actorUserId", action, nominee_id AS "nomineeId", juror_id AS "jurorId",
                 criterion_id AS "criterionId", old_value::float8 AS "oldValue", new_value::float8 AS "newValue", detail, at, encode(hash, 'hex') AS hash
            FROM awards_audit WHERE prize_id = ${prizeId}`,
      { orderBy: sql`id`, ...page },
    );
  }
}
