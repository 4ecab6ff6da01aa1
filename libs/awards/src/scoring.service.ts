import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, Clock, inTransaction, sqlRows } from '@fairops/core';
import { AwardErrors } from './awards.errors';
import { AwardsAuditService } from './awards-audit.service';
import { PRIZE_SELECT, PrizeView } from './prizes.service';

export interface JurorPrizeView extends Omit<PrizeView, 'jurorIds' | 'nominees' | 'resultsStatus'> {
  ballot: { submittedAt: Date | null; locked: boolean };
  nominees: Array<{ id: string; name: string; dossier: string | null; recused: boolean; scoredCriteria: number }>;
}

export interface MyScores {
  nomineeId: string;
  scores: Array<{ criterionId: string; value: number }>;
  comment: string | null;
}

interface Assignment {
  prize: PrizeView;
  submittedAt: Date | null;
}

/**
 * The jury's side. A juror reaches only the prizes they are assigned to (anything else is 404) and
 * only their own scores: no query here ever reads another juror's.
 */
@Injectable()
export class ScoringService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AwardsAuditService,
    private readonly clock: Clock,
  ) {}

  async myPrizes(juror: Actor): Promise<JurorPrizeView[]> {
    const ids = await sqlRows<{ prize_id: string }>(this.dataSource, `SELECT prize_id FROM prize_jurors WHERE juror_id = $1`, [juror.id]);
    return Promise.all(ids.map((r) => this.myPrize(r.prize_id, juror)));
  }

  async myPrize(prizeId: string, juror: Actor): Promise<JurorPrizeView> {
    const { prize, submittedAt } = await this.assignment(this.dataSource, prizeId, juror);
    const nominees = await sqlRows<{ id: string; name: string; dossier: string | null; recused: boolean; scoredCriteria: number }>(
      this.dataSource,
      `SELECT n.id, n.name, n.dossier,
              EXISTS (SELECT 1 FROM jury_conflicts c WHERE c.nominee_id = n.id AND c.juror_id = $2 AND c.status = 'recused') AS recused,
              (SELECT count(*)::int FROM scores s WHERE s.nominee_id = n.id AND s.juror_id = $2) AS "scoredCriteria"
         FROM nominees n WHERE n.prize_id = $1 ORDER BY n.name`,
      [prizeId, juror.id],
    );
    const { jurorIds: _j, nominees: _n, resultsStatus: _r, ...rest } = prize;
    return { ...rest, ballot: { submittedAt, locked: submittedAt !== null || !this.windowOpen(prize) }, nominees };
  }

  async myScores(prizeId: string, nomineeId: string, juror: Actor): Promise<MyScores> {
    await this.assignment(this.dataSource, prizeId, juror);
    await this.nomineeFor(this.dataSource, prizeId, nomineeId, juror);
    return this.read(this.dataSource, nomineeId, juror.id);
  }

  /**
   * Sets the juror's scores for a nominee (some or all criteria), while the window is open and the
   * ballot not submitted. Every change is written to the awards audit with the old and new value.
   */
  async score(prizeId: string, nomineeId: string, input: { scores: Array<{ criterionId: string; value: number }>; comment?: string | null }, juror: Actor): Promise<MyScores> {
    return inTransaction(this.dataSource, async (m) => {
      // Lock the juror's assignment (a submit or reopen cannot interleave) and share-lock the prize (a change
      // of scale or criteria, or the finalisation, waits for this score, and this score for them).
      const { prize, submittedAt } = await this.assignment(m, prizeId, juror, true);
      await this.refuseIfFinal(m, prizeId);
      await this.nomineeFor(m, prizeId, nomineeId, juror);
      if (submittedAt) throw AwardErrors.ballotLocked();
      if (!this.windowOpen(prize)) throw AwardErrors.windowClosed(new Date(prize.scoringOpensAt), new Date(prize.scoringClosesAt));
      const criteria = input.scores.map((x) => x.criterionId);
      const repeated = criteria.findIndex((c, i) => criteria.indexOf(c) !== i);
      if (repeated >= 0) throw AwardErrors.invalid([{ field: `scores.${repeated}.criterionId`, reasons: ['appears twice'] }]);
      input.scores.forEach((s, i) => {
        if (!prize.criteria.some((c) => c.id === s.criterionId)) throw AwardErrors.unknownCriterion(`scores.${i}.criterionId`);
        const { min, max, step } = prize.scale;
        const steps = (s.value - min) / step;
        if (s.value < min || s.value > max || Math.abs(steps - Math.round(steps)) > 1e-9) throw AwardErrors.offScale(`scores.${i}.value`, min, max, step);
      });
      const changes = await sqlRows<{ criterion_id: string; old_value: string | null; new_value: string }>(
        m,
        `WITH input AS (SELECT * FROM unnest($4::uuid[], $5::numeric[]) AS x(criterion_id, value)),
              old AS (SELECT s.criterion_id, s.value FROM scores s JOIN input USING (criterion_id) WHERE s.nominee_id = $2 AND s.juror_id = $3),
              up AS (
                INSERT INTO scores (prize_id, nominee_id, juror_id, criterion_id, value)
                SELECT $1, $2, $3, criterion_id, value FROM input
                ON CONFLICT (nominee_id, juror_id, criterion_id) DO UPDATE SET value = excluded.value, updated_at = now()
                  WHERE scores.value IS DISTINCT FROM excluded.value
                RETURNING criterion_id, value)
         SELECT up.criterion_id, old.value AS old_value, up.value AS new_value FROM up LEFT JOIN old USING (criterion_id)`,
        [prizeId, nomineeId, juror.id, input.scores.map((s) => s.criterionId), input.scores.map((s) => s.value)],
      );
      for (const c of changes) {
        await this.audit.record(m, {
          prizeId,
          actorUserId: juror.id,
          action: 'score.set',
          nomineeId,
          jurorId: juror.id,
          criterionId: c.criterion_id,
          oldValue: c.old_value === null ? null : Number(c.old_value),
          newValue: Number(c.new_value),
        });
      }
      if (input.comment !== undefined) {
        if (input.comment === null || input.comment.trim() === '') await m.query(`DELETE FROM score_comments WHERE nominee_id = $1 AND juror_id = $2`, [nomineeId, juror.id]);
        else {
          await m.query(
            `INSERT INTO score_comments (nominee_id, juror_id, prize_id, comment) VALUES ($1, $2, $3, $4)
             ON CONFLICT (nominee_id, juror_id) DO UPDATE SET comment = excluded.comment, updated_at = now()`,
            [nomineeId, juror.id, prizeId, input.comment.trim()],
          );
        }
      }
      return this.read(m, nomineeId, juror.id);
    });
  }

  /**
   * A juror declares a conflict of interest with a nominee and is recused from it at once. A recusal
   * changes the ranking, so it is the juror's only while their ballot is open: after they submit, after
   * the window closes or after finalisation it answers 409, and only an admin records one
   * (PrizesService.recordConflict, with a justification).
   */
  async declareConflict(prizeId: string, input: { nomineeId: string; reason: 'professional' | 'personal' | 'other'; comment?: string | null }, juror: Actor) {
    if (input.reason === 'other' && !input.comment?.trim()) throw AwardErrors.invalid([{ field: 'comment', reasons: ['is required when the reason is other'] }]);
    return inTransaction(this.dataSource, async (m) => {
      // The same locks as a score: a submit, a reopen or the finalisation cannot interleave.
      const { prize, submittedAt } = await this.assignment(m, prizeId, juror, true);
      await this.refuseIfFinal(m, prizeId);
      const [nominee] = await sqlRows(m, `SELECT id FROM nominees WHERE id = $1 AND prize_id = $2`, [input.nomineeId, prizeId]);
      if (!nominee) throw AwardErrors.nomineeNotFound(input.nomineeId);
      if (submittedAt) throw AwardErrors.ballotLocked();
      if (this.clock.now().getTime() >= new Date(prize.scoringClosesAt).getTime()) throw AwardErrors.windowClosed(new Date(prize.scoringOpensAt), new Date(prize.scoringClosesAt));
      const [c] = await sqlRows<{ id: string }>(
        m,
        `INSERT INTO jury_conflicts (prize_id, nominee_id, juror_id, source, status, reason, comment) VALUES ($1, $2, $3, 'declared', 'recused', $4, $5)
         ON CONFLICT (nominee_id, juror_id) DO UPDATE SET status = 'recused', source = 'declared', reason = excluded.reason, comment = excluded.comment
         RETURNING id`,
        [prizeId, input.nomineeId, juror.id, input.reason, input.comment ?? null],
      );
      await this.audit.record(m, { prizeId, actorUserId: juror.id, action: 'conflict.declared', nomineeId: input.nomineeId, jurorId: juror.id, detail: { reason: input.reason } });
      return { id: c.id, nomineeId: input.nomineeId, status: 'recused', reason: input.reason };
    });
  }

  /** The juror submits: their ballot is locked until an admin reopens it. */
  async submit(prizeId: string, juror: Actor): Promise<JurorPrizeView> {
    await inTransaction(this.dataSource, async (m) => {
      const { submittedAt } = await this.assignment(m, prizeId, juror, true);
      await this.refuseIfFinal(m, prizeId);
      if (submittedAt) return;
      await m.query(`UPDATE prize_jurors SET ballot_submitted_at = now() WHERE prize_id = $1 AND juror_id = $2`, [prizeId, juror.id]);
      await this.audit.record(m, { prizeId, actorUserId: juror.id, action: 'ballot.submitted', jurorId: juror.id });
    });
    return this.myPrize(prizeId, juror);
  }

  /** An admin reopens one juror's ballot, with a reason. */
  async reopen(prizeId: string, jurorId: string, reason: string, by: Actor): Promise<{ prizeId: string; jurorId: string; submittedAt: null }> {
    return inTransaction(this.dataSource, async (m) => {
      await this.refuseIfFinal(m, prizeId);
      const rows = await sqlRows(m, `UPDATE prize_jurors SET ballot_submitted_at = NULL WHERE prize_id = $1 AND juror_id = $2 RETURNING juror_id`, [prizeId, jurorId]);
      if (!rows[0]) throw AwardErrors.prizeNotFound(prizeId);
      await this.audit.record(m, { prizeId, actorUserId: by.id, action: 'ballot.reopened', jurorId, detail: { reason } });
      return { prizeId, jurorId, submittedAt: null };
    });
  }

  /** Share-locks the prize; once its result is finalised, ballots and scores no longer change (409). */
  private async refuseIfFinal(m: EntityManager, prizeId: string): Promise<void> {
    const [row] = await sqlRows<{ status: string | null }>(
      m,
      `SELECT (SELECT status FROM award_results r WHERE r.prize_id = p.id) AS status FROM prizes p WHERE p.id = $1 FOR SHARE OF p`,
      [prizeId],
    );
    if (row?.status) throw AwardErrors.alreadyFinal(row.status);
  }

  private windowOpen(prize: PrizeView): boolean {
    const now = this.clock.now().getTime();
    return now >= new Date(prize.scoringOpensAt).getTime() && now < new Date(prize.scoringClosesAt).getTime();
  }

  /** The juror's assignment to the prize; a prize not assigned to them does not exist for them (404). */
  private async assignment(db: DataSource | EntityManager, prizeId: string, juror: Actor, lock = false): Promise<Assignment> {
    const [row] = await sqlRows<{ submitted_at: Date | null }>(
      db,
      `SELECT ballot_submitted_at AS submitted_at FROM prize_jurors WHERE prize_id = $1 AND juror_id = $2${lock ? ' FOR UPDATE' : ''}`,
      [prizeId, juror.id],
    );
    if (!row) throw AwardErrors.prizeNotFound(prizeId);
    const [prize] = await sqlRows<PrizeView>(db, `${PRIZE_SELECT} WHERE p.id = $1`, [prizeId]);
    return { prize, submittedAt: row.submitted_at };
  }

  /** The nominee within the prize (else 404), and not one the juror is recused from (403). */
  private async nomineeFor(db: DataSource | EntityManager, prizeId: string, nomineeId: string, juror: Actor): Promise<void> {
    const [n] = await sqlRows<{ recused: boolean }>(
      db,
      `SELECT EXISTS (SELECT 1 FROM jury_conflicts c WHERE c.nominee_id = n.id AND c.juror_id = $3 AND c.status = 'recused') AS recused
         FROM nominees n WHERE n.id = $1 AND n.prize_id = $2`,
      [nomineeId, prizeId, juror.id],
    );
    if (!n) throw AwardErrors.nomineeNotFound(nomineeId);
    if (n.recused) throw AwardErrors.recused();
  }

  private async read(db: DataSource | EntityManager, nomineeId: string, jurorId: string): Promise<MyScores> {
    const scores = await sqlRows<{ criterionId: string; value: number }>(
      db,
      `SELECT s.criterion_id AS "criterionId", s.value::float8 AS value FROM scores s JOIN prize_criteria c ON c.id = s.criterion_id
        WHERE s.nominee_id = $1 AND s.juror_id = $2 ORDER BY c.position`,
      [nomineeId, jurorId],
    );
    const [comment] = await sqlRows<{ comment: string }>(db, `SELECT comment FROM score_comments WHERE nominee_id = $1 AND juror_id = $2`, [nomineeId, jurorId]);
    return { nomineeId, scores, comment: comment?.comment ?? null };
  }
}
