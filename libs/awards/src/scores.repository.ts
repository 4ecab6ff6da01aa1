import { Injectable } from '@nestjs/common';
import { Db, maybeOne, rows, sql } from '@fairops/core';

export interface ScoreChange {
  criterionId: string;
  oldValue: number | null;
  newValue: number;
}

export interface JurorNominee {
  id: string;
  name: string;
  dossier: string | null;
  recused: boolean;
  scoredCriteria: number;
}

/**
 * The SQL of the jury's side: assignments and ballots (prize_jurors), scores and comments. Every
 * statement is scoped to one juror: none reads another juror's scores.
 */
@Injectable()
export class ScoresRepository {
  async prizesOf(db: Db, jurorId: string): Promise<string[]> {
    const found = await rows<{ prizeId: string }>(db, sql`SELECT prize_id AS "prizeId" FROM prize_jurors WHERE juror_id = ${jurorId}`);
    return found.map((r) => r.prizeId);
  }

  /** The juror's assignment to the prize (locked for update when asked), or undefined when there is none. */
  async assignment(db: Db, prizeId: string, jurorId: string, lock: boolean): Promise<{ submittedAt: Date | null } | undefined> {
    return maybeOne(
      db,
      sql`SELECT ballot_submitted_at AS "submittedAt" FROM prize_jurors WHERE prize_id = ${prizeId} AND juror_id = ${jurorId}${lock ? sql` FOR UPDATE` : sql.empty}`,
    );
  }

  async nomineesFor(db: Db, prizeId: string, jurorId: string): Promise<JurorNominee[]> {
    return rows<JurorNominee>(
      db,
      sql`SELECT n.id, n.name, n.dossier,
                 EXISTS (SELECT 1 FROM jury_conflicts c WHERE c.nominee_id = n.id AND c.juror_id = ${jurorId} AND c.status = 'recused') AS recused,
                 (SELECT count(*)::int FROM scores s WHERE s.nominee_id = n.id AND s.juror_id = ${jurorId}) AS "scoredCriteria"
            FROM nominees n WHERE n.prize_id = ${prizeId} ORDER BY n.name`,
    );
  }

  /** Whether the juror is recused from the nominee; undefined when the nominee is not the prize's. */
  async recusal(db: Db, prizeId: string, nomineeId: string, jurorId: string): Promise<{ recused: boolean } | undefined> {
    return maybeOne(
      db,
      sql`SELECT EXISTS (SELECT 1 FROM jury_conflicts c WHERE c.nominee_id = n.id AND c.juror_id = ${jurorId} AND c.status = 'recused') AS recused
            FROM nominees n WHERE n.id = ${nomineeId} AND n.prize_id = ${prizeId}`,
    );
  }

  /** Writes the juror's scores for a nominee and returns those that changed, with their old value. */
  async upsertScores(db: Db, prizeId: string, nomineeId: string, jurorId: string, scores: Array<{ criterionId: string; value: number }>): Promise<ScoreChange[]> {
    const changed = await rows<{ criterionId: string; oldValue: string | null; newValue: string }>(
      db,
      sql`WITH input AS (SELECT * FROM unnest(${scores.map((s) => s.criterionId)}::uuid[], ${scores.map((s) => s.value)}::numeric[]) AS x(criterion_id, value)),
               old AS (SELECT s.criterion_id, s.value FROM scores s JOIN input USING (criterion_id) WHERE s.nominee_id = ${nomineeId} AND s.juror_id = ${jurorId}),
               up AS (
                 INSERT INTO scores (prize_id, nominee_id, juror_id, criterion_id, value)
                 SELECT ${prizeId}, ${nomineeId}, ${jurorId}, criterion_id, value FROM input
                 ON CONFLICT (nominee_id, juror_id, criterion_id) DO UPDATE SET value = excluded.value, updated_at = now()
                   WHERE scores.value IS DISTINCT FROM excluded.value
                 RETURNING criterion_id, value)
          SELECT up.criterion_id AS "criterionId", old.value AS "oldValue", up.value AS "newValue" FROM up LEFT JOIN old USING (criterion_id)`,
    );
    return changed.map((c) => ({ criterionId: c.criterionId, oldValue: c.oldValue === null ? null : Number(c.oldValue), newValue: Number(c.newValue) }));
  }

  /** Sets the juror's comment on a nominee; null removes it. */
  async setComment(db: Db, prizeId: string, nomineeId: string, jurorId: string, comment: string | null): Promise<void> {
    if (comment === null) {
      await rows(db, sql`DELETE FROM score_comments WHERE nominee_id = ${nomineeId} AND juror_id = ${jurorId}`);
      return;
    }
    await rows(
      db,
      sql`INSERT INTO score_comments (nominee_id, juror_id, prize_id, comment) VALUES (${nomineeId}, ${jurorId}, ${prizeId}, ${comment})
          ON CONFLICT (nominee_id, juror_id) DO UPDATE SET comment = excluded.comment, updated_at = now()`,
    );
  }

  async scoresOf(db: Db, nomineeId: string, jurorId: string): Promise<{ scores: Array<{ criterionId: string; value: number }>; comment: string | null }> {
    const scores = await rows<{ criterionId: string; value: number }>(
      db,
      sql`SELECT s.criterion_id AS "criterionId", s.value::float8 AS value FROM scores s JOIN prize_criteria c ON c.id = s.criterion_id
           WHERE s.nominee_id = ${nomineeId} AND s.juror_id = ${jurorId} ORDER BY c.position`,
    );
    const comment = await maybeOne<{ comment: string }>(db, sql`SELECT comment FROM score_comments WHERE nominee_id = ${nomineeId} AND juror_id = ${jurorId}`);
    return { scores, comment: comment?.comment ?? null };
  }

  async submitBallot(db: Db, prizeId: string, jurorId: string): Promise<void> {
    await rows(db, sql`UPDATE prize_jurors SET ballot_submitted_at = now() WHERE prize_id = ${prizeId} AND juror_id = ${jurorId}`);
  }

  /** Reopens the juror's ballot; false when they are not a juror of the prize. */
  async reopenBallot(db: Db, prizeId: string, jurorId: string): Promise<boolean> {
    const found = await rows(db, sql`UPDATE prize_jurors SET ballot_submitted_at = NULL WHERE prize_id = ${prizeId} AND juror_id = ${jurorId} RETURNING juror_id`);
    return found.length === 1;
  }
}
