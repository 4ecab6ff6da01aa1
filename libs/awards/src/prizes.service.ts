import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, Clock, FieldIssue, PG, UsersService, inTransaction, pgCode, pgConstraint, withTransaction } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { exhibitorNames } from '@fairops/exhibitors';
import { fold } from '@fairops/imports';
import { AwardMessages } from './award-messages';
import { AwardErrors } from './awards.errors';
import { AwardsAuditService } from './awards-audit.service';
import { ConflictView, CriterionInput, NomineeView, PrizeView, PrizesRepository, UncheckedPair } from './prizes.repository';

export type { ConflictView, CriterionInput, NomineeView, PrizeView } from './prizes.repository';

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

export type ConflictReason = 'professional' | 'personal' | 'other';

export interface RecordedConflict {
  id: string;
  nomineeId: string;
  jurorId: string;
  status: 'recused';
  reason: ConflictReason;
}

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
    private readonly repository: PrizesRepository,
    private readonly editions: EditionsService,
    private readonly users: UsersService,
    private readonly audit: AwardsAuditService,
    private readonly clock: Clock,
    private readonly messages: AwardMessages,
  ) {}

  async create(editionId: string | undefined, input: PrizeInput, by: Actor | null, manager?: EntityManager): Promise<PrizeView> {
    const edition = await this.editions.resolveId(editionId, manager);
    this.checkScaleAndCriteria(input);
    return withTransaction(this.dataSource, manager, async (m) => {
      try {
        const id = await this.repository.insert(m, edition, {
          name: input.name,
          description: input.description ?? null,
          scoringOpensAt: input.scoringOpensAt,
          scoringClosesAt: input.scoringClosesAt,
          scaleMin: input.scaleMin ?? 0,
          scaleMax: input.scaleMax ?? 10,
          scaleStep: input.scaleStep ?? 0.5,
          minJurorsPerNominee: input.minJurorsPerNominee ?? 3,
        });
        await this.writeCriteria(m, id, input.criteria);
        await this.audit.record(m, { prizeId: id, actorUserId: by?.id ?? null, action: 'prize.created', detail: { name: input.name, criteria: input.criteria } });
        return this.found(m, id);
      } catch (error) {
        if (pgCode(error) === PG.uniqueViolation) throw AwardErrors.invalid([{ field: 'name', reasons: ['a prize of this name exists in the edition'] }]);
        throw error;
      }
    });
  }

  /**
   * Changes a prize. Once any score exists, the scale and the criteria change only with `force` and a
   * reason, written to the awards audit.
   */
  async update(id: string, patch: Partial<PrizeInput> & { force?: boolean; reason?: string }, by: Actor): Promise<PrizeView> {
    return inTransaction(this.dataSource, async (m) => {
      const before = await this.locked(m, id);
      const scoringChange = patch.criteria !== undefined || patch.scaleMin !== undefined || patch.scaleMax !== undefined || patch.scaleStep !== undefined;
      const scored = await this.repository.anyScore(m, id);
      if (scoringChange && scored && !(patch.force && patch.reason?.trim())) throw AwardErrors.scoringBegun();
      const merged = {
        name: patch.name ?? before.name,
        description: patch.description ?? null,
        scoringOpensAt: patch.scoringOpensAt ?? before.scoringOpensAt,
        scoringClosesAt: patch.scoringClosesAt ?? before.scoringClosesAt,
        scaleMin: patch.scaleMin ?? before.scale.min,
        scaleMax: patch.scaleMax ?? before.scale.max,
        scaleStep: patch.scaleStep ?? before.scale.step,
        minJurorsPerNominee: patch.minJurorsPerNominee ?? null,
      };
      this.checkScaleAndCriteria({ ...merged, criteria: patch.criteria ?? before.criteria });
      await this.repository.update(m, id, merged);
      if (patch.criteria) {
        // Criteria keep their ids where the name stays, so existing scores stay attached.
        await this.repository.deleteCriteriaExcept(m, id, patch.criteria.map((c) => c.name));
        await this.writeCriteria(m, id, patch.criteria);
      }
      const after = await this.found(m, id);
      const rules = (p: PrizeView) => ({ scale: p.scale, criteria: p.criteria, window: [p.scoringOpensAt, p.scoringClosesAt] });
      await this.audit.record(m, {
        prizeId: id,
        actorUserId: by.id,
        action: scoringChange && scored ? 'prize.scoring_rules_forced' : 'prize.updated',
        detail: { before: rules(before), after: rules(after), reason: patch.reason ?? null },
      });
      return after;
    });
  }

  async list(editionId?: string): Promise<PrizeView[]> {
    const edition = await this.editions.resolveId(editionId);
    return this.repository.listForEdition(this.dataSource, edition);
  }

  async get(id: string): Promise<PrizeView> {
    const prize = await this.repository.find(this.dataSource, id);
    if (!prize) throw AwardErrors.prizeNotFound(id);
    return prize;
  }

  async addNominee(prizeId: string, input: { name: string; exhibitorId?: string | null; dossier?: string | null }, by: Actor | null, manager?: EntityManager): Promise<NomineeView> {
    return withTransaction(this.dataSource, manager, async (m) => {
      const prize = await this.locked(m, prizeId);
      try {
        const nominee = await this.repository.insertNominee(m, prizeId, prize.editionId, { name: input.name.trim(), exhibitorId: input.exhibitorId ?? null, dossier: input.dossier ?? null });
        await this.audit.record(m, { prizeId, actorUserId: by?.id ?? null, action: 'nominee.added', nomineeId: nominee.id, detail: { name: nominee.name } });
        await this.flagConflicts(m, prizeId);
        return nominee;
      } catch (error) {
        if (pgCode(error) === PG.uniqueViolation) throw AwardErrors.invalid([{ field: 'name', reasons: ['this nominee is already on the prize'] }]);
        if (pgCode(error) === PG.foreignKeyViolation) throw AwardErrors.invalid([{ field: 'exhibitorId', reasons: ['is not an exhibitor of this edition'] }]);
        throw error;
      }
    });
  }

  /** Assigns jury members to the prize (replacing the list) and flags their likely conflicts. */
  async setJurors(prizeId: string, jurorIds: string[], by: Actor | null, manager?: EntityManager): Promise<PrizeView> {
    return withTransaction(this.dataSource, manager, async (m) => {
      const prize = await this.locked(m, prizeId);
      const users = await this.users.briefs(jurorIds, m);
      const bad = jurorIds.filter((id) => users.find((u) => u.id === id)?.role !== 'jury');
      if (bad.length) throw AwardErrors.invalid([{ field: 'jurorIds', reasons: [`not jury members: ${bad.join(', ')}`] }]);
      const scored = await this.repository.jurorsWhoScored(m, prizeId);
      const removedWithScores = scored.filter((j) => !jurorIds.includes(j));
      if (removedWithScores.length) throw AwardErrors.invalid([{ field: 'jurorIds', reasons: [`jurors who have scored cannot be removed: ${removedWithScores.join(', ')}`] }]);
      const added = await this.repository.replaceJurors(m, prizeId, jurorIds);
      await this.messages.assigned(m, prize, added);
      await this.audit.record(m, { prizeId, actorUserId: by?.id ?? null, action: 'jury.assigned', detail: { jurorIds } });
      await this.flagConflicts(m, prizeId);
      return this.found(m, prizeId);
    });
  }

  /**
   * Flags likely conflicts for an admin to confirm: the juror's organisation is the nominee, or the
   * nominee's exhibitor (by its name or legal name), compared without case, accents or company suffixes.
   */
  private async flagConflicts(m: EntityManager, prizeId: string): Promise<void> {
    const pairs = await this.repository.uncheckedPairs(m, prizeId);
    if (!pairs.length) return;
    const organisations = new Map((await this.users.briefs([...new Set(pairs.map((p) => p.jurorId))], m)).map((u) => [u.id, u.organisation]));
    const exhibitors = new Map((await exhibitorNames(m, [...new Set(pairs.flatMap((p) => (p.exhibitorId ? [p.exhibitorId] : [])))])).map((e) => [e.id, e]));
    for (const p of pairs) {
      const organisation = organisations.get(p.jurorId);
      if (!organisation || !this.sameOrganisation(organisation, p, exhibitors)) continue;
      const inserted = await this.repository.insertFlaggedConflict(m, prizeId, p.nomineeId, p.jurorId, `the juror's organisation (${organisation}) is the nominee`);
      if (inserted) await this.audit.record(m, { prizeId, actorUserId: null, action: 'conflict.flagged', nomineeId: p.nomineeId, jurorId: p.jurorId });
    }
  }

  private sameOrganisation(organisation: string, p: UncheckedPair, exhibitors: Map<string, { name: string; legalName: string | null }>): boolean {
    const org = orgKey(organisation);
    const exhibitor = p.exhibitorId ? exhibitors.get(p.exhibitorId) : undefined;
    return Boolean(org) && [p.nominee, exhibitor?.name, exhibitor?.legalName].some((name) => name && orgKey(name) === org);
  }

  async conflicts(prizeId: string): Promise<ConflictView[]> {
    await this.get(prizeId);
    const jurors = await this.users.briefs(await this.repository.conflictJurorIds(this.dataSource, prizeId));
    return this.repository.conflicts(this.dataSource, prizeId, jurors);
  }

  /** An admin confirms a flagged conflict (the juror is recused) or dismisses it. */
  async decideConflict(conflictId: string, decision: 'recused' | 'dismissed', by: Actor): Promise<{ id: string; status: 'recused' | 'dismissed' }> {
    return inTransaction(this.dataSource, async (m) => {
      const c = await this.repository.decideConflict(m, conflictId, decision, by.id);
      if (!c) throw AwardErrors.conflictNotFound(conflictId);
      await this.audit.record(m, { prizeId: c.prizeId, actorUserId: by.id, action: decision === 'recused' ? 'conflict.confirmed' : 'conflict.dismissed', nomineeId: c.nomineeId, jurorId: c.jurorId });
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
    input: { jurorId: string; nomineeId: string; reason: ConflictReason; comment?: string | null; justification: string },
    by: Actor,
  ): Promise<RecordedConflict> {
    if (input.reason === 'other' && !input.comment?.trim()) throw AwardErrors.invalid([{ field: 'comment', reasons: ['is required when the reason is other'] }]);
    return inTransaction(this.dataSource, async (m) => {
      const state = await this.repository.ballotState(m, prizeId, input.jurorId);
      if (!state) {
        await this.get(prizeId);
        throw AwardErrors.invalid([{ field: 'jurorId', reasons: ['is not a juror of this prize'] }]);
      }
      if (!(await this.repository.nomineeExists(m, prizeId, input.nomineeId))) throw AwardErrors.nomineeNotFound(input.nomineeId);
      const id = await this.repository.upsertRecusal(m, { prizeId, nomineeId: input.nomineeId, jurorId: input.jurorId, reason: input.reason, comment: input.comment ?? null }, by.id);
      const ballotLocked = state.result
        ? 'finalised'
        : state.submittedAt
          ? 'submitted'
          : this.clock.now().getTime() >= new Date(state.closesAt).getTime()
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
      return { id, nomineeId: input.nomineeId, jurorId: input.jurorId, status: 'recused' as const, reason: input.reason };
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
      await this.repository.upsertCriteria(m, prizeId, criteria);
    } catch (error) {
      if (pgConstraint(error) === 'prize_criteria_weights_sum') throw AwardErrors.weightsMustSum(NaN);
      throw error;
    }
  }

  /** The prize as `db` sees it (in a transaction: with that transaction's changes), or null. */
  async find(db: DataSource | EntityManager, id: string): Promise<PrizeView | null> {
    return (await this.repository.find(db, id)) ?? null;
  }

  /** The prize as it is in `m` (it exists: the caller has it locked or has just made it). */
  private async found(m: EntityManager, id: string): Promise<PrizeView> {
    const prize = await this.repository.find(m, id);
    if (!prize) throw new Error(`prize ${id} vanished inside its own transaction`);
    return prize;
  }

  private async locked(m: EntityManager, id: string): Promise<PrizeView> {
    if (!(await this.repository.lock(m, id))) throw AwardErrors.prizeNotFound(id);
    return this.found(m, id);
  }
}
