import { Injectable } from '@nestjs/common';
import { Db, maybeOne, one, rows, sql } from '@fairops/core';

export interface CriterionInput {
  name: string;
  description?: string | null;
  weight: number;
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

export interface NomineeView {
  id: string;
  name: string;
  exhibitorId: string | null;
  dossier: string | null;
}

/** The columns of a prize row, as `create` and `update` write them. */
export interface PrizeRow {
  name: string;
  description: string | null;
  scoringOpensAt: Date;
  scoringClosesAt: Date;
  scaleMin: number;
  scaleMax: number;
  scaleStep: number;
  minJurorsPerNominee: number | null;
}

/** A nominee and an assigned juror with no conflict recorded between them: a candidate for a flagged conflict. */
export interface UncheckedPair {
  nomineeId: string;
  jurorId: string;
  nominee: string;
  exhibitorId: string | null;
}

export interface ConflictRecord {
  prizeId: string;
  nomineeId: string;
  jurorId: string;
  reason: 'professional' | 'personal' | 'other';
  comment: string | null;
}

export interface ConflictView {
  id: string;
  nomineeId: string;
  nominee: string;
  jurorId: string;
  juror: string;
  source: string;
  status: string;
  reason: string;
  comment: string | null;
  createdAt: Date;
  decidedAt: Date | null;
}

/** A prize with its criteria, nominees, jurors and result status, as one row. */
const PRIZE_SELECT = sql`
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

/** The SQL of prizes, their criteria, nominees, jurors and conflicts of interest. */
@Injectable()
export class PrizesRepository {
  async find(db: Db, id: string): Promise<PrizeView | undefined> {
    return maybeOne<PrizeView>(db, sql`${PRIZE_SELECT} WHERE p.id = ${id}`);
  }

  async listForEdition(db: Db, editionId: string): Promise<PrizeView[]> {
    return rows<PrizeView>(db, sql`${PRIZE_SELECT} WHERE p.edition_id = ${editionId} ORDER BY p.name`);
  }

  /** Locks the prize row (changes to it, its jurors and nominees queue behind); false when there is none. */
  async lock(db: Db, id: string): Promise<boolean> {
    return (await rows(db, sql`SELECT id FROM prizes WHERE id = ${id} FOR UPDATE`)).length === 1;
  }

  /** Share-locks the prize and says its result status (null while open), or undefined when there is no prize. */
  async shareLockStatus(db: Db, id: string): Promise<{ status: string | null } | undefined> {
    return maybeOne(db, sql`SELECT (SELECT status FROM award_results r WHERE r.prize_id = p.id) AS status FROM prizes p WHERE p.id = ${id} FOR SHARE OF p`);
  }

  async insert(db: Db, editionId: string, p: PrizeRow): Promise<string> {
    const { id } = await one<{ id: string }>(
      db,
      sql`INSERT INTO prizes (edition_id, name, description, scoring_opens_at, scoring_closes_at, scale_min, scale_max, scale_step, min_jurors_per_nominee)
          VALUES (${editionId}, ${p.name}, ${p.description}, ${p.scoringOpensAt}, ${p.scoringClosesAt}, ${p.scaleMin}, ${p.scaleMax}, ${p.scaleStep}, ${p.minJurorsPerNominee ?? 3})
          RETURNING id`,
    );
    return id;
  }

  /** A null description or minimum of jurors keeps the one in place. */
  async update(db: Db, id: string, p: PrizeRow): Promise<void> {
    await rows(
      db,
      sql`UPDATE prizes SET name = ${p.name}, description = coalesce(${p.description}, description), scoring_opens_at = ${p.scoringOpensAt},
                 scoring_closes_at = ${p.scoringClosesAt}, scale_min = ${p.scaleMin}, scale_max = ${p.scaleMax}, scale_step = ${p.scaleStep},
                 min_jurors_per_nominee = coalesce(${p.minJurorsPerNominee}, min_jurors_per_nominee), updated_at = now()
           WHERE id = ${id}`,
    );
  }

  /**
   * Writes the criteria by name (a criterion keeps its id, so its scores stay attached) and checks the
   * deferred weights-sum constraint now, so that its violation is this statement's error.
   */
  async upsertCriteria(db: Db, prizeId: string, criteria: CriterionInput[]): Promise<void> {
    await rows(
      db,
      sql`INSERT INTO prize_criteria (prize_id, name, description, weight, position)
          SELECT ${prizeId}, x.name, x.description, x.weight, x.position
            FROM unnest(${criteria.map((c) => c.name)}::text[], ${criteria.map((c) => c.description ?? null)}::text[],
                        ${criteria.map((c) => c.weight)}::numeric[], ${criteria.map((_, i) => i)}::int[]) AS x(name, description, weight, position)
          ON CONFLICT (prize_id, name) DO UPDATE SET description = excluded.description, weight = excluded.weight, position = excluded.position`,
    );
    await rows(db, sql`SET CONSTRAINTS prize_criteria_weights_sum IMMEDIATE`);
    await rows(db, sql`SET CONSTRAINTS prize_criteria_weights_sum DEFERRED`);
  }

  async deleteCriteriaExcept(db: Db, prizeId: string, keepNames: string[]): Promise<void> {
    await rows(db, sql`DELETE FROM prize_criteria WHERE prize_id = ${prizeId} AND NOT (name = ANY(${keepNames}))`);
  }

  async insertNominee(db: Db, prizeId: string, editionId: string, n: { name: string; exhibitorId: string | null; dossier: string | null }): Promise<NomineeView> {
    return one<NomineeView>(
      db,
      sql`INSERT INTO nominees (prize_id, edition_id, name, exhibitor_id, dossier) VALUES (${prizeId}, ${editionId}, ${n.name}, ${n.exhibitorId}, ${n.dossier})
          RETURNING id, name, exhibitor_id AS "exhibitorId", dossier`,
    );
  }

  async nomineeExists(db: Db, prizeId: string, nomineeId: string): Promise<boolean> {
    return (await rows(db, sql`SELECT id FROM nominees WHERE id = ${nomineeId} AND prize_id = ${prizeId}`)).length === 1;
  }

  /** Makes `jurorIds` the prize's jurors: others are removed, new ones added. */
  /** Sets the prize's jurors; answers the ones newly assigned. */
  async replaceJurors(db: Db, prizeId: string, jurorIds: string[]): Promise<string[]> {
    await rows(db, sql`DELETE FROM prize_jurors WHERE prize_id = ${prizeId} AND NOT (juror_id = ANY(${jurorIds}))`);
    const added = await rows<{ jurorId: string }>(
      db,
      sql`INSERT INTO prize_jurors (prize_id, juror_id) SELECT ${prizeId}, unnest(${jurorIds}::uuid[]) ON CONFLICT DO NOTHING RETURNING juror_id AS "jurorId"`,
    );
    return added.map((a) => a.jurorId);
  }

  /** Jurors who have scored anything on the prize. */
  async jurorsWhoScored(db: Db, prizeId: string): Promise<string[]> {
    const { scored } = await one<{ scored: string[] }>(db, sql`SELECT coalesce(array_agg(DISTINCT juror_id::text), '{}') AS scored FROM scores WHERE prize_id = ${prizeId}`);
    return scored;
  }

  async anyScore(db: Db, prizeId: string): Promise<boolean> {
    const { scored } = await one<{ scored: boolean }>(db, sql`SELECT EXISTS (SELECT 1 FROM scores WHERE prize_id = ${prizeId}) AS scored`);
    return scored;
  }

  /** Every nominee × assigned juror of the prize with no conflict recorded yet. */
  async uncheckedPairs(db: Db, prizeId: string): Promise<UncheckedPair[]> {
    return rows<UncheckedPair>(
      db,
      sql`SELECT n.id AS "nomineeId", j.juror_id AS "jurorId", n.name AS nominee, n.exhibitor_id AS "exhibitorId"
            FROM nominees n JOIN prize_jurors j ON j.prize_id = n.prize_id
           WHERE n.prize_id = ${prizeId}
             AND NOT EXISTS (SELECT 1 FROM jury_conflicts c WHERE c.nominee_id = n.id AND c.juror_id = j.juror_id)`,
    );
  }

  /** A likely conflict for an admin to confirm; false when one was recorded meanwhile. */
  async insertFlaggedConflict(db: Db, prizeId: string, nomineeId: string, jurorId: string, comment: string): Promise<boolean> {
    const inserted = await rows(
      db,
      sql`INSERT INTO jury_conflicts (prize_id, nominee_id, juror_id, source, status, reason, comment)
          VALUES (${prizeId}, ${nomineeId}, ${jurorId}, 'flagged', 'suggested', 'professional', ${comment}) ON CONFLICT DO NOTHING RETURNING id`,
    );
    return inserted.length === 1;
  }

  /**
   * A declared conflict: the juror is recused at once. `decidedBy` is the admin who recorded it for the
   * juror (null when the juror declared it).
   */
  async upsertRecusal(db: Db, c: ConflictRecord, decidedBy: string | null): Promise<string> {
    const { id } = await one<{ id: string }>(
      db,
      decidedBy
        ? sql`INSERT INTO jury_conflicts (prize_id, nominee_id, juror_id, source, status, reason, comment, decided_by, decided_at)
              VALUES (${c.prizeId}, ${c.nomineeId}, ${c.jurorId}, 'declared', 'recused', ${c.reason}, ${c.comment}, ${decidedBy}, now())
              ON CONFLICT (nominee_id, juror_id) DO UPDATE
                 SET status = 'recused', source = 'declared', reason = excluded.reason, comment = excluded.comment, decided_by = excluded.decided_by, decided_at = now()
              RETURNING id`
        : sql`INSERT INTO jury_conflicts (prize_id, nominee_id, juror_id, source, status, reason, comment)
              VALUES (${c.prizeId}, ${c.nomineeId}, ${c.jurorId}, 'declared', 'recused', ${c.reason}, ${c.comment})
              ON CONFLICT (nominee_id, juror_id) DO UPDATE SET status = 'recused', source = 'declared', reason = excluded.reason, comment = excluded.comment
              RETURNING id`,
    );
    return id;
  }

  async decideConflict(db: Db, conflictId: string, decision: 'recused' | 'dismissed', by: string) {
    return maybeOne<{ id: string; prizeId: string; nomineeId: string; jurorId: string }>(
      db,
      sql`UPDATE jury_conflicts SET status = ${decision}, decided_by = ${by}, decided_at = now() WHERE id = ${conflictId}
          RETURNING id, prize_id AS "prizeId", nominee_id AS "nomineeId", juror_id AS "jurorId"`,
    );
  }

  /**
   * The prize's conflicts, ordered by nominee and juror name. The jurors' names come from the users
   * library (`jurorNames`), joined here so that PostgreSQL orders them as before.
   */
  async conflicts(db: Db, prizeId: string, jurorNames: Array<{ id: string; displayName: string }>): Promise<ConflictView[]> {
    return rows<ConflictView>(
      db,
      sql`SELECT c.id, c.nominee_id AS "nomineeId", n.name AS nominee, c.juror_id AS "jurorId", u.display_name AS juror, c.source, c.status, c.reason, c.comment,
                 c.created_at AS "createdAt", c.decided_at AS "decidedAt"
            FROM jury_conflicts c JOIN nominees n ON n.id = c.nominee_id
            JOIN unnest(${jurorNames.map((u) => u.id)}::uuid[], ${jurorNames.map((u) => u.displayName)}::text[]) AS u(id, display_name) ON u.id = c.juror_id
           WHERE c.prize_id = ${prizeId} ORDER BY n.name, u.display_name`,
    );
  }

  async conflictJurorIds(db: Db, prizeId: string): Promise<string[]> {
    const found = await rows<{ jurorId: string }>(db, sql`SELECT DISTINCT juror_id AS "jurorId" FROM jury_conflicts WHERE prize_id = ${prizeId}`);
    return found.map((r) => r.jurorId);
  }

  /** What locks a juror's ballot on the prize, with their assignment row locked; undefined when they are not a juror of it. */
  async ballotState(db: Db, prizeId: string, jurorId: string) {
    return maybeOne<{ submittedAt: Date | null; closesAt: Date; result: string | null }>(
      db,
      sql`SELECT j.ballot_submitted_at AS "submittedAt", p.scoring_closes_at AS "closesAt", (SELECT status FROM award_results r WHERE r.prize_id = p.id) AS result
            FROM prizes p JOIN prize_jurors j ON j.prize_id = p.id AND j.juror_id = ${jurorId} WHERE p.id = ${prizeId} FOR UPDATE OF j`,
    );
  }
}
