import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, Clock, Db, inTransaction } from '@fairops/core';
import { AwardErrors } from './awards.errors';
import { AwardsAuditService } from './awards-audit.service';
import { PrizeView, PrizesRepository } from './prizes.repository';
import { ConflictReason } from './prizes.service';
import { JurorNominee, ScoresRepository } from './scores.repository';

export type { JurorNominee } from './scores.repository';

export interface JurorPrizeView extends Omit<PrizeView, 'jurorIds' | 'nominees' | 'resultsStatus'> {
  ballot: { submittedAt: Date | null; locked: boolean };
  nominees: JurorNominee[];
}

export interface MyScores {
  nomineeId: string;
  scores: Array<{ criterionId: string; value: number }>;
  comment: string | null;
}

export interface ScoresInput {
  scores: Array<{ criterionId: string; value: number }>;
  comment?: string | null;
}

export interface DeclaredConflict {
  id: string;
  nomineeId: string;
  status: 'recused';
  reason: ConflictReason;
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
    private readonly scores: ScoresRepository,
    private readonly prizes: PrizesRepository,
    private readonly audit: AwardsAuditService,
    private readonly clock: Clock,
  ) {}

  async myPrizes(juror: Actor): Promise<JurorPrizeView[]> {
    const ids = await this.scores.prizesOf(this.dataSource, juror.id);
    return Promise.all(ids.map((id) => this.myPrize(id, juror)));
  }

  async myPrize(prizeId: string, juror: Actor): Promise<JurorPrizeView> {
    const { prize, submittedAt } = await this.assignment(this.dataSource, prizeId, juror);
    const nominees = await this.scores.nomineesFor(this.dataSource, prizeId, juror.id);
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
  async score(prizeId: string, nomineeId: string, input: ScoresInput, juror: Actor): Promise<MyScores> {
    return inTransaction(this.dataSource, async (m) => {
      // Lock the juror's assignment (a submit or reopen cannot interleave) and share-lock the prize (a change
      // of scale or criteria, or the finalisation, waits for this score, and this score for them).
      const { prize, submittedAt } = await this.assignment(m, prizeId, juror, true);
      await this.refuseIfFinal(m, prizeId);
      await this.nomineeFor(m, prizeId, nomineeId, juror);
      if (submittedAt) throw AwardErrors.ballotLocked();
      if (!this.windowOpen(prize)) throw AwardErrors.windowClosed(new Date(prize.scoringOpensAt), new Date(prize.scoringClosesAt));
      this.checkScores(prize, input.scores);
      const changes = await this.scores.upsertScores(m, prizeId, nomineeId, juror.id, input.scores);
      for (const c of changes) {
        await this.audit.record(m, { prizeId, actorUserId: juror.id, action: 'score.set', nomineeId, jurorId: juror.id, criterionId: c.criterionId, oldValue: c.oldValue, newValue: c.newValue });
      }
      if (input.comment !== undefined) {
        const comment = input.comment === null || input.comment.trim() === '' ? null : input.comment.trim();
        await this.scores.setComment(m, prizeId, nomineeId, juror.id, comment);
      }
      return this.read(m, nomineeId, juror.id);
    });
  }

  /** Each criterion once, a criterion of the prize, a value on the scale in whole steps. */
  private checkScores(prize: PrizeView, scores: ScoresInput['scores']): void {
    const criteria = scores.map((x) => x.criterionId);
    const repeated = criteria.findIndex((c, i) => criteria.indexOf(c) !== i);
    if (repeated >= 0) throw AwardErrors.invalid([{ field: `scores.${repeated}.criterionId`, reasons: ['appears twice'] }]);
    scores.forEach((s, i) => {
      if (!prize.criteria.some((c) => c.id === s.criterionId)) throw AwardErrors.unknownCriterion(`scores.${i}.criterionId`);
      const { min, max, step } = prize.scale;
      const steps = (s.value - min) / step;
      if (s.value < min || s.value > max || Math.abs(steps - Math.round(steps)) > 1e-9) throw AwardErrors.offScale(`scores.${i}.value`, min, max, step);
    });
  }

  /**
   * A juror declares a conflict of interest with a nominee and is recused from it at once. A recusal
   * changes the ranking, so it is the juror's only while their ballot is open: after they submit, after
   * the window closes or after finalisation it answers 409, and only an admin records one
   * (PrizesService.recordConflict, with a justification).
   */
  async declareConflict(prizeId: string, input: { nomineeId: string; reason: ConflictReason; comment?: string | null }, juror: Actor): Promise<DeclaredConflict> {
    if (input.reason === 'other' && !input.comment?.trim()) throw AwardErrors.invalid([{ field: 'comment', reasons: ['is required when the reason is other'] }]);
    return inTransaction(this.dataSource, async (m) => {
      // The same locks as a score: a submit, a reopen or the finalisation cannot interleave.
      const { prize, submittedAt } = await this.assignment(m, prizeId, juror, true);
      await this.refuseIfFinal(m, prizeId);
      if (!(await this.prizes.nomineeExists(m, prizeId, input.nomineeId))) throw AwardErrors.nomineeNotFound(input.nomineeId);
      if (submittedAt) throw AwardErrors.ballotLocked();
      if (this.clock.now().getTime() >= new Date(prize.scoringClosesAt).getTime()) throw AwardErrors.windowClosed(new Date(prize.scoringOpensAt), new Date(prize.scoringClosesAt));
      const id = await this.prizes.upsertRecusal(m, { prizeId, nomineeId: input.nomineeId, jurorId: juror.id, reason: input.reason, comment: input.comment ?? null }, null);
      await this.audit.record(m, { prizeId, actorUserId: juror.id, action: 'conflict.declared', nomineeId: input.nomineeId, jurorId: juror.id, detail: { reason: input.reason } });
      return { id, nomineeId: input.nomineeId, status: 'recused', reason: input.reason };
    });
  }

  /** The juror submits: their ballot is locked until an admin reopens it. */
  async submit(prizeId: string, juror: Actor): Promise<JurorPrizeView> {
    await inTransaction(this.dataSource, async (m) => {
      const { submittedAt } = await this.assignment(m, prizeId, juror, true);
      await this.refuseIfFinal(m, prizeId);
      if (submittedAt) return;
      await this.scores.submitBallot(m, prizeId, juror.id);
      await this.audit.record(m, { prizeId, actorUserId: juror.id, action: 'ballot.submitted', jurorId: juror.id });
    });
    return this.myPrize(prizeId, juror);
  }

  /** An admin reopens one juror's ballot, with a reason. */
  async reopen(prizeId: string, jurorId: string, reason: string, by: Actor): Promise<{ prizeId: string; jurorId: string; submittedAt: null }> {
    return inTransaction(this.dataSource, async (m) => {
      await this.refuseIfFinal(m, prizeId);
      if (!(await this.scores.reopenBallot(m, prizeId, jurorId))) throw AwardErrors.prizeNotFound(prizeId);
      await this.audit.record(m, { prizeId, actorUserId: by.id, action: 'ballot.reopened', jurorId, detail: { reason } });
      return { prizeId, jurorId, submittedAt: null };
    });
  }

  /** Share-locks the prize; once its result is finalised, ballots and scores no longer change (409). */
  private async refuseIfFinal(m: EntityManager, prizeId: string): Promise<void> {
    const row = await this.prizes.shareLockStatus(m, prizeId);
    if (row?.status) throw AwardErrors.alreadyFinal(row.status);
  }

  private windowOpen(prize: PrizeView): boolean {
    const now = this.clock.now().getTime();
    return now >= new Date(prize.scoringOpensAt).getTime() && now < new Date(prize.scoringClosesAt).getTime();
  }

  /** The juror's assignment to the prize; a prize not assigned to them does not exist for them (404). */
  private async assignment(db: Db, prizeId: string, juror: Actor, lock = false): Promise<Assignment> {
    const row = await this.scores.assignment(db, prizeId, juror.id, lock);
    const prize = row && (await this.prizes.find(db, prizeId));
    if (!row || !prize) throw AwardErrors.prizeNotFound(prizeId);
    return { prize, submittedAt: row.submittedAt };
  }

  /** The nominee within the prize (else 404), and not one the juror is recused from (403). */
  private async nomineeFor(db: Db, prizeId: string, nomineeId: string, juror: Actor): Promise<void> {
    const n = await this.scores.recusal(db, prizeId, nomineeId, juror.id);
    if (!n) throw AwardErrors.nomineeNotFound(nomineeId);
    if (n.recused) throw AwardErrors.recused();
  }

  private async read(db: Db, nomineeId: string, jurorId: string): Promise<MyScores> {
    return { nomineeId, ...(await this.scores.scoresOf(db, nomineeId, jurorId)) };
  }
}
