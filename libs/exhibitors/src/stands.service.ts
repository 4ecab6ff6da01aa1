import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, AuditService, PG, inTransaction, pgCode, pgConstraint, sqlRows } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { ExhibitorErrors } from './exhibitors.errors';

export type StandStatus = 'free' | 'held' | 'assigned';
export type StandType = 'shell_scheme' | 'raw_space';

export interface HallView {
  id: string;
  editionId: string;
  name: string;
}

export interface StandView {
  id: string;
  editionId: string;
  code: string;
  hallId: string;
  hall: string;
  areaM2: number;
  type: StandType;
  /** A hold past its expiry reads as free. */
  status: StandStatus;
  exhibitorId: string | null;
  exhibitorName: string | null;
  heldUntil: Date | null;
}

/** The stand as people see it: an expired hold is free. */
const STAND_SELECT = `
  SELECT s.id, s.edition_id AS "editionId", s.code, s.hall_id AS "hallId", h.name AS hall, s.area_m2::float8 AS "areaM2", s.type,
         CASE WHEN s.status = 'held' AND s.held_until <= now() THEN 'free' ELSE s.status END AS status,
         CASE WHEN s.status = 'held' AND s.held_until <= now() THEN NULL ELSE s.exhibitor_id END AS "exhibitorId",
         CASE WHEN s.status = 'held' AND s.held_until <= now() THEN NULL ELSE e.name END AS "exhibitorName",
         CASE WHEN s.status = 'held' AND s.held_until > now() THEN s.held_until END AS "heldUntil"
    FROM stands s JOIN halls h ON h.id = s.hall_id LEFT JOIN exhibitors e ON e.id = s.exhibitor_id`;

/** Free, or held by this exhibitor, or held past its expiry: what may be taken. */
const AVAILABLE_TO = (exhibitorParam: string) =>
  `(s.status = 'free' OR (s.status = 'held' AND (s.exhibitor_id = ${exhibitorParam} OR s.held_until <= now())))`;

@Injectable()
export class StandsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
    private readonly audit: AuditService,
  ) {}

  async createHall(editionId: string | undefined, name: string, by: Actor | null, manager?: EntityManager): Promise<HallView> {
    const edition = await this.editions.resolveId(editionId, manager);
    const work = async (m: EntityManager) => {
      try {
        const [hall] = await sqlRows<HallView>(m, `INSERT INTO halls (edition_id, name) VALUES ($1, $2) RETURNING id, edition_id AS "editionId", name`, [edition, name.trim()]);
        await this.audit.record(m, { editionId: edition, actor: by, action: 'hall.created', entityType: 'hall', entityId: hall.id, after: hall });
        return hall;
      } catch (error) {
        if (pgCode(error) === PG.uniqueViolation) throw ExhibitorErrors.hallNameTaken(name);
        throw error;
      }
    };
    return manager ? work(manager) : inTransaction(this.dataSource, work);
  }

  async listHalls(editionId?: string): Promise<HallView[]> {
    const edition = await this.editions.resolveId(editionId);
    return sqlRows<HallView>(this.dataSource, `SELECT id, edition_id AS "editionId", name FROM halls WHERE edition_id = $1 ORDER BY name`, [edition]);
  }

  async createStand(
    input: { editionId?: string; hallId: string; code: string; areaM2: number; type: StandType },
    by: Actor | null,
    manager?: EntityManager,
  ): Promise<StandView> {
    const edition = await this.editions.resolveId(input.editionId, manager);
    const work = async (m: EntityManager) => {
      try {
        const [{ id }] = await sqlRows<{ id: string }>(
          m,
          `INSERT INTO stands (edition_id, hall_id, code, area_m2, type) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [edition, input.hallId, input.code.toUpperCase(), input.areaM2, input.type],
        );
        const stand = (await this.find(m, id))!;
        await this.audit.record(m, { editionId: edition, actor: by, action: 'stand.created', entityType: 'stand', entityId: id, after: stand });
        return stand;
      } catch (error) {
        if (pgCode(error) === PG.uniqueViolation) throw ExhibitorErrors.standCodeTaken(input.code.toUpperCase());
        if (pgCode(error) === PG.foreignKeyViolation) throw ExhibitorErrors.hallNotFound(input.hallId);
        throw error;
      }
    };
    return manager ? work(manager) : inTransaction(this.dataSource, work);
  }

  async list(filter: { editionId?: string; status?: StandStatus; hallId?: string; limit: number; offset: number }): Promise<{ items: StandView[]; total: number }> {
    const edition = await this.editions.resolveId(filter.editionId);
    const where = ['v."editionId" = $1'];
    const params: unknown[] = [edition];
    if (filter.status) where.push(`v.status = $${params.push(filter.status)}`);
    if (filter.hallId) where.push(`v."hallId" = $${params.push(filter.hallId)}`);
    const rows = await sqlRows<StandView & { total: string }>(
      this.dataSource,
      `SELECT v.*, count(*) OVER () AS total FROM (${STAND_SELECT}) v WHERE ${where.join(' AND ')}
        ORDER BY v.code LIMIT $${params.push(filter.limit)} OFFSET $${params.push(filter.offset)}`,
      params,
    );
    return { items: rows.map(({ total: _t, ...s }) => s), total: rows.length ? Number(rows[0].total) : 0 };
  }

  async get(id: string): Promise<StandView> {
    const stand = await this.find(this.dataSource, id);
    if (!stand) throw ExhibitorErrors.standNotFound(id);
    return stand;
  }

  /** Holds a stand for an exhibitor until `heldUntil` (a hold by the same exhibitor is extended). */
  async hold(id: string, exhibitorId: string, heldUntil: Date, by: Actor): Promise<StandView> {
    return this.take(id, exhibitorId, by, 'held', heldUntil);
  }

  /**
   * Assigns a stand. One conditional UPDATE: when many requests race for one stand, the row lock
   * lets one through and the others see it taken (409). The database is the judge.
   */
  async assign(id: string, exhibitorId: string, by: Actor): Promise<StandView> {
    return this.take(id, exhibitorId, by, 'assigned', null);
  }

  async release(id: string, by: Actor, reason?: string): Promise<StandView> {
    return inTransaction(this.dataSource, async (m) => {
      const before = await this.find(m, id, true);
      if (!before) throw ExhibitorErrors.standNotFound(id);
      await sqlRows(m, `UPDATE stands SET status = 'free', exhibitor_id = NULL, held_until = NULL, updated_at = now() WHERE id = $1`, [id]);
      const after = (await this.find(m, id))!;
      await this.audit.record(m, { editionId: after.editionId, actor: by, action: 'stand.released', entityType: 'stand', entityId: id, before, after, reason });
      return after;
    });
  }

  /** Moves an assignment from one stand to another that is available to the same exhibitor, atomically. */
  async move(fromId: string, toId: string, by: Actor): Promise<StandView> {
    return inTransaction(this.dataSource, async (m) => {
      // Lock both stands in a fixed order so that two opposite moves cannot deadlock.
      const locked = await sqlRows<{ id: string }>(m, `SELECT id FROM stands WHERE id = ANY($1) ORDER BY id FOR UPDATE`, [[fromId, toId]]);
      if (!locked.some((r) => r.id === fromId)) throw ExhibitorErrors.standNotFound(fromId);
      if (!locked.some((r) => r.id === toId)) throw ExhibitorErrors.standNotFound(toId);
      const from = (await this.find(m, fromId))!;
      if (from.status !== 'assigned' || !from.exhibitorId) throw ExhibitorErrors.standNotAssigned(from.code);
      const to = await this.takeIn(m, toId, from.exhibitorId, by, 'assigned', null);
      await sqlRows(m, `UPDATE stands SET status = 'free', exhibitor_id = NULL, held_until = NULL, updated_at = now() WHERE id = $1`, [fromId]);
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

  private take(id: string, exhibitorId: string, by: Actor, status: 'held' | 'assigned', heldUntil: Date | null): Promise<StandView> {
    return inTransaction(this.dataSource, (m) => this.takeIn(m, id, exhibitorId, by, status, heldUntil));
  }

  private async takeIn(m: EntityManager, id: string, exhibitorId: string, by: Actor, status: 'held' | 'assigned', heldUntil: Date | null): Promise<StandView> {
    // FOR SHARE: a concurrent cancellation of the exhibitor waits for this assignment, then frees it.
    const [exhibitor] = await sqlRows<{ status: string; edition_id: string }>(m, `SELECT status, edition_id FROM exhibitors WHERE id = $1 FOR SHARE`, [exhibitorId]);
    if (!exhibitor) throw ExhibitorErrors.notFound(exhibitorId);
    if (exhibitor.status === 'cancelled' || exhibitor.status === 'withdrawn') throw ExhibitorErrors.exhibitorInactive(exhibitor.status);
    let updated: Array<{ id: string }>;
    try {
      updated = await sqlRows<{ id: string }>(
        m,
        `UPDATE stands s SET status = $3, exhibitor_id = $2, held_until = $4, updated_at = now()
          WHERE s.id = $1 AND ${AVAILABLE_TO('$2')}
         RETURNING s.id`,
        [id, exhibitorId, status, heldUntil],
      );
    } catch (error) {
      if (pgCode(error) === PG.foreignKeyViolation && pgConstraint(error)?.includes('exhibitor')) throw ExhibitorErrors.otherEdition();
      throw error;
    }
    const after = await this.find(m, id);
    if (!after) throw ExhibitorErrors.standNotFound(id);
    if (updated.length === 0) throw ExhibitorErrors.standTaken(after.code, after.status);
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

  private async find(db: DataSource | EntityManager, id: string, lock = false): Promise<StandView | null> {
    if (lock) {
      const rows = await sqlRows(db, `SELECT id FROM stands WHERE id = $1 FOR UPDATE`, [id]);
      if (!rows[0]) return null;
    }
    const rows = await sqlRows<StandView>(db, `${STAND_SELECT} WHERE s.id = $1`, [id]);
    return rows[0] ?? null;
  }
}
