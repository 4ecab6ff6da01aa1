import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, Clock, FieldIssue, PG, inTransaction, pgCode, pgConstraint, sqlRows } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { fold } from '@fairops/imports';
import { AwardErrors } from './awards.errors';
import { AwardsAuditService } from './awards-audit.service';

export interface CriterionInput {
  name: string;
  description?: string | null;
  weight: number;
}

export interface PrizeInput {
  name: string;
  description?: string | null;
  scoringOpensAt: Date;
  scoringClosesAt: Date;
  scaleMin?: number;
  scaleMax?: number;
  scaleStep?: number;
  minJurorsPerNominee?: number;
  criteria: CriterionInput[];
}

export interface PrizeView {
  id: string;
  editionId: string;
  name: string;
  description: string | null;
  scoringOpensAt: Date;
  scoringClosesAt: Date;
  scale: { min: number; max: number; step: number };
  minJurorsPerNominee: number;
  criteria: Array<{ id: string; name: string; description: string | null; weight: number }>;
  nominees: Array<{ id: string; name: string; exhibitorId: string | null; dossier: string | null }>;
  jurorIds: string[];
  resultsStatus: 'open' | 'finalised' | 'published';
}

export const PRIZE_SELECT = `
  SELECT p.id, p.edition_id AS "editionId", p.name, p.description, p.scoring_opens_at AS "scoringOpensAt", p.scoring_closes_at AS "scoringClosesAt",
         json_build_object('min', p.scale_min::float8, 'max', p.scale_max::float8, 'step', p.scale_step::float8) AS scale,
         p.min_jurors_per_nominee AS "minJurorsPerNominee",
         coalesce((SELECT json_agg(json_build_object('id', c.id, 'name', c.name, 'description', c.description, 'weight', c.weight::float8) ORDER BY c.position)
                     FROM prize_criteria c WHERE c.prize_id = p.id), '[]') AS criteria,
         coalesce((SELECT json_agg(json_build_object('id', n.id, 'name', n.name, 'exhibitorId', n.exhibitor_id, 'dossier', n.dossier) ORDER BY n.name)
                     FROM nominees n WHERE n.prize_id = p.id), '[]') AS nominees,
         coalesce((SELECT json_agg(j.juror_id ORDER BY j.assigned_at) FROM prize_jurors j WHERE j.prize_id = p.id), '[]') AS "jurorIds",
         coalesce((SELECT r.status FROM award_results r WHERE r.prize_id = p.id), 'open') AS "resultsStatus"
    FROM prizes p`;

/** `Atlas Relation Client SARL` and `atlas relation client` meet: for flagging likely conflicts. */
const orgKey = (s: string | null | undefined) =>
  fold(s ?? '')
    .replace(/\b(sarl|sa|sas|ltd|inc)\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The organiser's side of the awards: prizes, criteria, nominees, jurors and conflicts. */
@Injectable()
export class PrizesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
    private readonly audit: AwardsAuditService,
    private readonly clock: Clock,
  ) {}

  async create(editionId: string | undefined, input: PrizeInput, by: Actor | null, manager?: EntityManager): Promise<PrizeView> {
    const edition = await this.editions.resolveId(editionId, manager);
    this.checkScaleAndCriteria(input);
    const work = async (m: EntityManager) => {
      try {
        const [{ id }] = await sqlRows<{ id: string }>(
          m,
          `INSERT INTO prizes (edition_id, name, description, scoring_opens_at, scoring_closes_at, scale_min, scale_max, scale_step, min_jurors_per_nominee)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [edition, input.name, input.description ?? null, input.scoringOpensAt, input.scoringClosesAt, input.scaleMin ?? 0, input.scaleMax ?? 10, input.scaleStep ?? 0.5, input.minJurorsPerNominee ?? 3],
        );
        await this.writeCriteria(m, id, input.criteria);
        await this.audit.record(m, { prizeId: id, actorUserId: by?.id ?? null, action: 'prize.created', detail: { name: input.name, criteria: input.criteria } });
        return (await this.find(m, id))!;
      } catch (error) {
        if (pgCode(error) === PG.uniqueViolation) throw AwardErrors.invalid([{ field: 'name', reasons: ['a prize of this name exists in the edition'] }]);
        throw error;
      }
    };
    return manager ? work(manager) : inTransaction(this.dataSource, work);
  }

  /**
   * Changes a prize. Once any score exists, the scale and the criteria change only with `force` and a
   * reason, written to the awards audit.
   */
  async update(id: string, patch: Partial<PrizeInput> & { force?: boolean; reason?: string }, by: Actor): Promise<PrizeView> {
    return inTransaction(this.dataSource, async (m) => {
      const before = await this.locked(m, id);
      const scoringChange = patch.criteria !== undefined || patch.scaleMin !== undefined || patch.scaleMax !== undefined || patch.scaleStep !== undefined;
      const [{ scored }] = await sqlRows<{ scored: boolean }>(m, `SELECT EXISTS (SELECT 1 FROM scores WHERE prize_id = $1) AS scored`, [id]);
      if (scoringChange && scored && !(patch.force && patch.reason?.trim())) throw AwardErrors.scoringBegun();
      const merged = {
        name: patch.name ?? before.name,
        scoringOpensAt: patch.scoringOpensAt ?? before.scoringOpensAt,
        scoringClosesAt: patch.scoringClosesAt ?? before.scoringClosesAt,
        scaleMin: patch.scaleMin ?? before.scale.min,
        scaleMax: patch.scaleMax ?? before.scale.max,
        scaleStep: patch.scaleStep ?? before.scale.step,
        criteria: patch.criteria ?? before.criteria,
      };
      this.checkScaleAndCriteria(merged);
      await m.query(
        `UPDATE prizes SET name = $2, description = coalesce($3, description), scoring_opens_at = $4, scoring_closes_at = $5,
                scale_min = $6, scale_max = $7, scale_step = $8, min_jurors_per_nominee = coalesce($9, min_jurors_per_nominee), updated_at = now()
          WHERE id = $1`,
        [id, merged.name, patch.description ?? null, merged.scoringOpensAt, merged.scoringClosesAt, merged.scaleMin, merged.scaleMax, merged.scaleStep, patch.minJurorsPerNominee ?? null],
      );
      if (patch.criteria) {
        // Criteria keep their ids where the name stays, so existing scores stay attached.
        const keep = patch.criteria.map((c) => c.name);
        await m.query(`DELETE FROM prize_criteria WHERE prize_id = $1 AND NOT (name = ANY($2))`, [id, keep]);
        await this.writeCriteria(m, id, patch.criteria);
      }
      const after = (await this.find(m, id))!;
      await this.audit.record(m, {
        prizeId: id,
        actorUserId: by.id,
        action: scoringChange && scored ? 'prize.scoring_rules_forced' : 'prize.updated',
        detail: { before: { scale: before.scale, criteria: before.criteria, window: [before.scoringOpensAt, before.scoringClosesAt] }, after: { scale: after.scale, criteria: after.criteria, window: [after.scoringOpensAt, after.scoringClosesAt] }, reason: patch.reason ?? null },
      });
      return after;
    });
  }

  async list(editionId?: string): Promise<PrizeView[]> {
    const edition = await this.editions.resolveId(editionId);
    return sqlRows<PrizeView>(this.dataSource, `${PRIZE_SELECT} WHERE p.edition_id = $1 ORDER BY p.name`, [edition]);
  }

  async get(id: string): Promise<PrizeView> {
    const prize = await this.find(this.dataSource, id);
    if (!prize) throw AwardErrors.prizeNotFound(id);
    return prize;
  }

  async addNominee(prizeId: string, input: { name: string; exhibitorId?: string | null; dossier?: string | null }, by: Actor | null, manager?: EntityManager) {
    const work = async (m: EntityManager) => {
      const prize = await this.locked(m, prizeId);
      try {
        const [nominee] = await sqlRows<{ id: string; name: string; exhibitorId: string | null; dossier: string | null }>(
          m,
          `INSERT INTO nominees (prize_id, edition_id, name, exhibitor_id, dossier) VALUES ($1, $2, $3, $4, $5)
           RETURNING id, name, exhibitor_id AS "exhibitorId", dossier`,
          [prizeId, prize.editionId, input.name.trim(), input.exhibitorId ?? null, input.dossier ?? null],
        );
        await this.audit.record(m, { prizeId, actorUserId: by?.id ?? null, action: 'nominee.added', nomineeId: nominee.id, detail: { name: nominee.name } });
        await this.flagConflicts(m, prizeId);
        return nominee;
      } catch (error) {
        if (pgCode(error) === PG.uniqueViolation) throw AwardErrors.invalid([{ field: 'name', reasons: ['this nominee is already on the prize'] }]);
        if (pgCode(error) === PG.foreignKeyViolation) throw AwardErrors.invalid([{ field: 'exhibitorId', reasons: ['is not an exhibitor of this edition'] }]);
        throw error;
      }
    };
    return manager ? work(manager) : inTransaction(this.dataSource, work);
  }

  /** Assigns jury members to the prize (replacing the list) and flags their likely conflicts. */
  async setJurors(prizeId: string, jurorIds: string[], by: Actor | null, manager?: EntityManager): Promise<PrizeView> {
    const work = async (m: EntityManager) => {
      await this.locked(m, prizeId);
      const users = await sqlRows<{ id: string; role: string }>(m, `SELECT id, role FROM users WHERE id = ANY($1)`, [jurorIds]);
      const bad = jurorIds.filter((id) => users.find((u) => u.id === id)?.role !== 'jury');
      if (bad.length) throw AwardErrors.invalid([{ field: 'jurorIds', reasons: [`not jury members: ${bad.join(', ')}`] }]);
      const [{ scored }] = await sqlRows<{ scored: string[] }>(m, `SELECT coalesce(array_agg(DISTINCT juror_id::text), '{}') AS scored FROM scores WHERE prize_id = $1`, [prizeId]);
      const removedWithScores = scored.filter((j) => !jurorIds.includes(j));
      if (removedWithScores.length) throw AwardErrors.invalid([{ field: 'jurorIds', reasons: [`jurors who have scored cannot be removed: ${removedWithScores.join(', ')}`] }]);
      await m.query(`DELETE FROM prize_jurors WHERE prize_id = $1 AND NOT (juror_id = ANY($2))`, [prizeId, jurorIds]);
      await m.query(`INSERT INTO prize_jurors (prize_id, juror_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`, [prizeId, jurorIds]);
      await this.audit.record(m, { prizeId, actorUserId: by?.id ?? null, action: 'jury.assigned', detail: { jurorIds } });
      await this.flagConflicts(m, prizeId);
      return (await this.find(m, prizeId))!;
    };
    return manager ? work(manager) : inTransaction(this.dataSource, work);
  }

  /**
   * Flags likely conflicts for an admin to confirm: the juror's organisation is the nominee, or the
   * nominee's exhibitor (by its name or legal name), compared without case, accents or company suffixes.
   */
  private async flagConflicts(m: EntityManager, prizeId: string): Promise<void> {
    const pairs = await sqlRows<{ nominee_id: string; juror_id: string; organisation: string | null; nominee: string; exhibitor: string | null; legal: string | null }>(
      m,
      `SELECT n.id AS nominee_id, j.juror_id, u.organisation, n.name AS nominee, e.name AS exhibitor, e.legal_name AS legal
         FROM nominees n JOIN prize_jurors j ON j.prize_id = n.prize_id JOIN users u ON u.id = j.juror_id
         LEFT JOIN exhibitors e ON e.id = n.exhibitor_id
        WHERE n.prize_id = $1 AND u.organisation IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM jury_conflicts c WHERE c.nominee_id = n.id AND c.juror_id = j.juror_id)`,
      [prizeId],
    );
    for (const p of pairs) {
      const org = orgKey(p.organisation);
      if (!org || ![p.nominee, p.exhibitor, p.legal].some((name) => name && orgKey(name) === org)) continue;
      await m.query(
        `INSERT INTO jury_conflicts (prize_id, nominee_id, juror_id, source, status, reason, comment)
         VALUES ($1, $2, $3, 'flagged', 'suggested', 'professional', $4) ON CONFLICT DO NOTHING`,
        [prizeId, p.nominee_id, p.juror_id, `the juror's organisation (${p.organisation}) is the nominee`],
      );
      await this.audit.record(m, { prizeId, actorUserId: null, action: 'conflict.flagged', nomineeId: p.nominee_id, jurorId: p.juror_id });
    }
  }

  async conflicts(prizeId: string) {
    await this.get(prizeId);
    return sqlRows(
      this.dataSource,
      `SELECT c.id, c.nominee_id AS "nomineeId", n.name AS nominee, c.juror_id AS "jurorId", u.display_name AS juror, c.source, c.status, c.reason, c.comment,
              c.created_at AS "createdAt", c.decided_at AS "decidedAt"
         FROM jury_conflicts c JOIN nominees n ON n.id = c.nominee_id JOIN users u ON u.id = c.juror_id
        WHERE c.prize_id = $1 ORDER BY n.name, u.display_name`,
      [prizeId],
    );
  }

  /** An admin confirms a flagged conflict (the juror is recused) or dismisses it. */
  async decideConflict(conflictId: string, decision: 'recused' | 'dismissed', by: Actor) {
    return inTransaction(this.dataSource, async (m) => {
      const [c] = await sqlRows<{ id: string; prize_id: string; nominee_id: string; juror_id: string }>(
        m,
        `UPDATE jury_conflicts SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1 RETURNING id, prize_id, nominee_id, juror_id`,
        [conflictId, decision, by.id],
      );
      if (!c) throw AwardErrors.conflictNotFound(conflictId);
      await this.audit.record(m, { prizeId: c.prize_id, actorUserId: by.id, action: decision === 'recused' ? 'conflict.confirmed' : 'conflict.dismissed', nomineeId: c.nominee_id, jurorId: c.juror_id });
      return { id: c.id, status: decision };
    });
  }

  /**
   * An admin records a juror's conflict of interest with a nominee, at any time: the only way once the
   * juror's ballot is locked (submitted, window closed, result finalised). It needs a justification and
   * is audited as `conflict.recorded` with what was locked; the juror is recused. A finalised result
   * stays as it was sealed.
   */
  async recordConflict(
    prizeId: string,
    input: { jurorId: string; nomineeId: string; reason: 'professional' | 'personal' | 'other'; comment?: string | null; justification: string },
    by: Actor,
  ) {
    if (input.reason === 'other' && !input.comment?.trim()) throw AwardErrors.invalid([{ field: 'comment', reasons: ['is required when the reason is other'] }]);
    return inTransaction(this.dataSource, async (m) => {
      const [state] = await sqlRows<{ submitted_at: Date | null; closes_at: Date; result: string | null }>(
        m,
        `SELECT j.ballot_submitted_at AS submitted_at, p.scoring_closes_at AS closes_at, (SELECT status FROM award_results r WHERE r.prize_id = p.id) AS result
           FROM prizes p JOIN prize_jurors j ON j.prize_id = p.id AND j.juror_id = $2 WHERE p.id = $1 FOR UPDATE OF j`,
        [prizeId, input.jurorId],
      );
      if (!state) {
        await this.get(prizeId);
        throw AwardErrors.invalid([{ field: 'jurorId', reasons: ['is not a juror of this prize'] }]);
      }
      const [nominee] = await sqlRows(m, `SELECT id FROM nominees WHERE id = $1 AND prize_id = $2`, [input.nomineeId, prizeId]);
      if (!nominee) throw AwardErrors.nomineeNotFound(input.nomineeId);
      const [c] = await sqlRows<{ id: string }>(
        m,
        `INSERT INTO jury_conflicts (prize_id, nominee_id, juror_id, source, status, reason, comment, decided_by, decided_at)
         VALUES ($1, $2, $3, 'declared', 'recused', $4, $5, $6, now())
         ON CONFLICT (nominee_id, juror_id) DO UPDATE
            SET status = 'recused', source = 'declared', reason = excluded.reason, comment = excluded.comment, decided_by = excluded.decided_by, decided_at = now()
         RETURNING id`,
        [prizeId, input.nomineeId, input.jurorId, input.reason, input.comment ?? null, by.id],
      );
      const ballotLocked = state.result
        ? 'finalised'
        : state.submitted_at
          ? 'submitted'
          : this.clock.now().getTime() >= new Date(state.closes_at).getTime()
            ? 'window_closed'
            : null;
      await this.audit.record(m, {
        prizeId,
        actorUserId: by.id,
        action: 'conflict.recorded',
        nomineeId: input.nomineeId,
        jurorId: input.jurorId,
        detail: { reason: input.reason, justification: input.justification, ballotLocked },
      });
      return { id: c.id, nomineeId: input.nomineeId, jurorId: input.jurorId, status: 'recused' as const, reason: input.reason };
    });
  }

  private checkScaleAndCriteria(p: { scaleMin?: number; scaleMax?: number; scaleStep?: number; scoringOpensAt: Date; scoringClosesAt: Date; criteria: CriterionInput[] }): void {
    const issues: FieldIssue[] = [];
    const [min, max, step] = [p.scaleMin ?? 0, p.scaleMax ?? 10, p.scaleStep ?? 0.5];
    if (max <= min) issues.push({ field: 'scaleMax', reasons: ['must be above scaleMin'] });
    if (step <= 0 || !Number.isInteger(Math.round(((max - min) / step) * 1e6) / 1e6)) issues.push({ field: 'scaleStep', reasons: ['must divide the scale into whole steps'] });
    if (p.scoringClosesAt.getTime() <= p.scoringOpensAt.getTime()) issues.push({ field: 'scoringClosesAt', reasons: ['must be after scoringOpensAt'] });
    if (!p.criteria.length) issues.push({ field: 'criteria', reasons: ['at least one criterion is needed'] });
    if (new Set(p.criteria.map((c) => c.name)).size !== p.criteria.length) issues.push({ field: 'criteria', reasons: ['criterion names must differ'] });
    if (issues.length) throw AwardErrors.invalid(issues);
    const total = Math.round(p.criteria.reduce((s, c) => s + c.weight, 0) * 100) / 100;
    if (total !== 100) throw AwardErrors.weightsMustSum(total);
  }

  private async writeCriteria(m: EntityManager, prizeId: string, criteria: CriterionInput[]): Promise<void> {
    try {
      await m.query(
        `INSERT INTO prize_criteria (prize_id, name, description, weight, position)
         SELECT $1, x.name, x.description, x.weight, x.position FROM unnest($2::text[], $3::text[], $4::numeric[], $5::int[]) AS x(name, description, weight, position)
         ON CONFLICT (prize_id, name) DO UPDATE SET description = excluded.description, weight = excluded.weight, position = excluded.position`,
        [prizeId, criteria.map((c) => c.name), criteria.map((c) => c.description ?? null), criteria.map((c) => c.weight), criteria.map((_, i) => i)],
      );
      await m.query(`SET CONSTRAINTS prize_criteria_weights_sum IMMEDIATE`);
      await m.query(`SET CONSTRAINTS prize_criteria_weights_sum DEFERRED`);
    } catch (error) {
      if (pgConstraint(error) === 'prize_criteria_weights_sum') throw AwardErrors.weightsMustSum(NaN);
      throw error;
    }
  }

  async find(db: DataSource | EntityManager, id: string): Promise<PrizeView | null> {
    const [row] = await sqlRows<PrizeView>(db, `${PRIZE_SELECT} WHERE p.id = $1`, [id]);
    return row ?? null;
  }

  private async locked(m: EntityManager, id: string): Promise<PrizeView> {
    const rows = await sqlRows(m, `SELECT id FROM prizes WHERE id = $1 FOR UPDATE`, [id]);
    if (!rows[0]) throw AwardErrors.prizeNotFound(id);
    return (await this.find(m, id))!;
  }
}
