import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService, Clock, PG, Paged, inTransaction, pageOfList, pgCode, pgConstraint, withTransaction } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { isClosedStatus } from './exhibitor-status';
import { ExhibitorErrors } from './exhibitors.errors';
import { ExhibitorsRepository } from './exhibitors.repository';
import { HallView, StandStatus, StandType, StandView, StandsRepository } from './stands.repository';

/** How long a hold lasts when none is said, in hours. */
export const DEFAULT_HOLD_HOURS = 72;

@Injectable()
export class StandsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly repository: StandsRepository,
    private readonly exhibitors: ExhibitorsRepository,
    private readonly editions: EditionsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async createHall(editionId: string | undefined, name: string, by: Actor | null, manager?: EntityManager): Promise<HallView> {
    const edition = await this.editions.resolveId(editionId, manager);
    return withTransaction(this.dataSource, manager, async (m) => {
      try {
        const hall = await this.repository.insertHall(m, edition, name.trim());
        await this.audit.record(m, { editionId: edition, actor: by, action: 'hall.created', entityType: 'hall', entityId: hall.id, after: hall });
        return hall;
      } catch (error) {
        if (pgCode(error) === PG.uniqueViolation) throw ExhibitorErrors.hallNameTaken(name);
        throw error;
      }
    });
  }

  /** The edition's halls, by name (a short list: paged in memory by the common rule). */
  async listHalls(editionId: string | undefined, page: { limit: number; offset: number }): Promise<Paged<HallView>> {
    return pageOfList(await this.repository.listHalls(this.dataSource, await this.editions.resolveId(editionId)), page);
  }

  async createStand(
    input: { editionId?: string; hallId: string; code: string; areaM2: number; type: StandType },
    by: Actor | null,
    manager?: EntityManager,
  ): Promise<StandView> {
    const edition = await this.editions.resolveId(input.editionId, manager);
    const code = input.code.toUpperCase();
    return withTransaction(this.dataSource, manager, async (m) => {
      try {
        const id = await this.repository.insertStand(m, { editionId: edition, hallId: input.hallId, code, areaM2: input.areaM2, type: input.type });
        const stand = await this.found(m, id);
        await this.audit.record(m, { editionId: edition, actor: by, action: 'stand.created', entityType: 'stand', entityId: id, after: stand });
        return stand;
      } catch (error) {
        if (pgCode(error) === PG.uniqueViolation) throw ExhibitorErrors.standCodeTaken(code);
        if (pgCode(error) === PG.foreignKeyViolation) throw ExhibitorErrors.hallNotFound(input.hallId);
        throw error;
      }
    });
  }

  async list(filter: { editionId?: string; status?: StandStatus; hallId?: string; limit: number; offset: number }): Promise<Paged<StandView>> {
    return this.repository.list(this.dataSource, { ...filter, editionId: await this.editions.resolveId(filter.editionId) });
  }

  async get(id: string): Promise<StandView> {
    const stand = await this.repository.find(this.dataSource, id);
    if (!stand) throw ExhibitorErrors.standNotFound(id);
    return stand;
  }

  /** Holds a stand for an exhibitor for `hours` from now (a hold by the same exhibitor is extended). */
  async hold(id: string, exhibitorId: string, hours: number | undefined, by: Actor): Promise<StandView> {
    const heldUntil = new Date(this.clock.now().getTime() + (hours ?? DEFAULT_HOLD_HOURS) * 3600_000);
    return inTransaction(this.dataSource, (m) => this.take(m, id, exhibitorId, by, 'held', heldUntil));
  }

  /**
   * Assigns a stand. One conditional UPDATE: when many requests race for one stand, the row lock
   * lets one through and the others see it taken (409). The database is the judge.
   */
  async assign(id: string, exhibitorId: string, by: Actor): Promise<StandView> {
    return inTransaction(this.dataSource, (m) => this.take(m, id, exhibitorId, by, 'assigned', null));
  }

  async release(id: string, by: Actor, reason?: string): Promise<StandView> {
    return inTransaction(this.dataSource, async (m) => {
      if ((await this.repository.lock(m, [id])).length === 0) throw ExhibitorErrors.standNotFound(id);
      const before = await this.found(m, id);
      await this.repository.free(m, id);
      const after = await this.found(m, id);
      await this.audit.record(m, { editionId: after.editionId, actor: by, action: 'stand.released', entityType: 'stand', entityId: id, before, after, reason });
      return after;
    });
  }

  /** Moves an assignment from one stand to another that is available to the same exhibitor, atomically. */
  async move(fromId: string, toId: string, by: Actor): Promise<StandView> {
    return inTransaction(this.dataSource, async (m) => {
      const locked = await this.repository.lock(m, [fromId, toId]);
      if (!locked.includes(fromId)) throw ExhibitorErrors.standNotFound(fromId);
      if (!locked.includes(toId)) throw ExhibitorErrors.standNotFound(toId);
      const from = await this.found(m, fromId);
      if (from.status !== 'assigned' || !from.exhibitorId) throw ExhibitorErrors.standNotAssigned(from.code);
      const to = await this.take(m, toId, from.exhibitorId, by, 'assigned', null);
      await this.repository.free(m, fromId);
      await this.audit.record(m, {
        editionId: from.editionId,
        actor: by,
        action: 'stand.moved',
        entityType: 'stand',
        entityId: fromId,
        before: from,
        after: { movedTo: to.code, exhibitorId: from.exhibitorId },
      });
      return to;
    });
  }

  private async take(m: EntityManager, id: string, exhibitorId: string, by: Actor, status: 'held' | 'assigned', heldUntil: Date | null): Promise<StandView> {
    // FOR SHARE: a concurrent cancellation of the exhibitor waits for this assignment, then frees it.
    const exhibitor = await this.exhibitors.lockShared(m, exhibitorId);
    if (!exhibitor) throw ExhibitorErrors.notFound(exhibitorId);
    if (isClosedStatus(exhibitor.status)) throw ExhibitorErrors.exhibitorInactive(exhibitor.status);
    let taken: boolean;
    try {
      taken = await this.repository.take(m, id, exhibitorId, status, heldUntil);
    } catch (error) {
      if (pgCode(error) === PG.foreignKeyViolation && pgConstraint(error)?.includes('exhibitor')) throw ExhibitorErrors.otherEdition();
      throw error;
    }
    const after = await this.repository.find(m, id);
    if (!after) throw ExhibitorErrors.standNotFound(id);
    if (!taken) throw ExhibitorErrors.standTaken(after.code, after.status);
    await this.audit.record(m, {
      editionId: after.editionId,
      actor: by,
      action: status === 'held' ? 'stand.held' : 'stand.assigned',
      entityType: 'stand',
      entityId: id,
      after: { exhibitorId, status, heldUntil },
    });
    return after;
  }

  /** A stand the transaction has just written or locked: it exists. */
  private async found(m: EntityManager, id: string): Promise<StandView> {
    const stand = await this.repository.find(m, id);
    if (!stand) throw new Error(`stand ${id} vanished inside its transaction`);
    return stand;
  }
}
