import { Injectable } from '@nestjs/common';
import { Db, Paged, maybeOne, one, paged, rows, sql } from '@fairops/core';

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

export interface NewStand {
  editionId: string;
  hallId: string;
  code: string;
  areaM2: number;
  type: StandType;
}

/** The stand as people see it: an expired hold is free. */
const STAND_SELECT = sql`
  SELECT s.id, s.edition_id AS "editionId", s.code, s.hall_id AS "hallId", h.name AS hall, s.area_m2::float8 AS "areaM2", s.type,
         CASE WHEN s.status = 'held' AND s.held_until <= now() THEN 'free' ELSE s.status END AS status,
         CASE WHEN s.status = 'held' AND s.held_until <= now() THEN NULL ELSE s.exhibitor_id END AS "exhibitorId",
         CASE WHEN s.status = 'held' AND s.held_until <= now() THEN NULL ELSE e.name END AS "exhibitorName",
         CASE WHEN s.status = 'held' AND s.held_until > now() THEN s.held_until END AS "heldUntil"
    FROM stands s JOIN halls h ON h.id = s.hall_id LEFT JOIN exhibitors e ON e.id = s.exhibitor_id`;

const HALL_COLUMNS = sql`id, edition_id AS "editionId", name`;

/** All SQL of the floor plan's tables: stands and halls. */
@Injectable()
export class StandsRepository {
  insertHall(db: Db, editionId: string, name: string): Promise<HallView> {
    return one<HallView>(db, sql`INSERT INTO halls (edition_id, name) VALUES (${editionId}, ${name}) RETURNING ${HALL_COLUMNS}`);
  }

  /** The edition's halls, by name (a few per edition). */
  listHalls(db: Db, editionId: string): Promise<HallView[]> {
    return rows<HallView>(db, sql`SELECT ${HALL_COLUMNS} FROM halls WHERE edition_id = ${editionId} ORDER BY name, id`);
  }

  async insertStand(db: Db, stand: NewStand): Promise<string> {
    const { id } = await one<{ id: string }>(
      db,
      sql`INSERT INTO stands (edition_id, hall_id, code, area_m2, type)
          VALUES (${stand.editionId}, ${stand.hallId}, ${stand.code}, ${stand.areaM2}, ${stand.type}) RETURNING id`,
    );
    return id;
  }

  list(db: Db, filter: { editionId: string; status?: StandStatus; hallId?: string; limit: number; offset: number }): Promise<Paged<StandView>> {
    const where = sql.and([
      sql`v."editionId" = ${filter.editionId}`,
      filter.status && sql`v.status = ${filter.status}`,
      filter.hallId && sql`v."hallId" = ${filter.hallId}`,
    ]);
    return paged<StandView>(db, sql`SELECT v.* FROM (${STAND_SELECT}) v WHERE ${where}`, { orderBy: sql`code, id`, limit: filter.limit, offset: filter.offset });
  }

  find(db: Db, id: string): Promise<StandView | undefined> {
    return maybeOne<StandView>(db, sql`${STAND_SELECT} WHERE s.id = ${id}`);
  }

  /** Locks the stands' rows in a fixed order (two opposite moves cannot deadlock); answers the ids found. */
  async lock(db: Db, ids: string[]): Promise<string[]> {
    const locked = await rows<{ id: string }>(db, sql`SELECT id FROM stands WHERE id = ANY(${ids}::uuid[]) ORDER BY id FOR UPDATE`);
    return locked.map((r) => r.id);
  }

  /**
   * Gives the stand to the exhibitor (held until `heldUntil`, or assigned) if it is available to it:
   * free, held by this exhibitor, or held past its expiry. One conditional UPDATE: when requests race
   * for one stand, the row lock lets one through and the others find it taken. False when taken.
   */
  async take(db: Db, id: string, exhibitorId: string, status: 'held' | 'assigned', heldUntil: Date | null): Promise<boolean> {
    const updated = await rows(
      db,
      sql`UPDATE stands s SET status = ${status}, exhibitor_id = ${exhibitorId}, held_until = ${heldUntil}, updated_at = now()
           WHERE s.id = ${id}
             AND (s.status = 'free' OR (s.status = 'held' AND (s.exhibitor_id = ${exhibitorId} OR s.held_until <= now())))
          RETURNING s.id`,
    );
    return updated.length > 0;
  }

  async free(db: Db, id: string): Promise<void> {
    await rows(db, sql`UPDATE stands SET status = 'free', exhibitor_id = NULL, held_until = NULL, updated_at = now() WHERE id = ${id}`);
  }

  /** Frees every stand the exhibitor holds or has; answers the stands freed. */
  freeAllOf(db: Db, exhibitorId: string): Promise<Array<{ id: string; code: string }>> {
    return rows(
      db,
      sql`UPDATE stands SET status = 'free', exhibitor_id = NULL, held_until = NULL, updated_at = now()
           WHERE exhibitor_id = ${exhibitorId} RETURNING id, code`,
    );
  }
}
