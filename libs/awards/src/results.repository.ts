import { Injectable } from '@nestjs/common';
import { Db, maybeOne, rows, sql } from '@fairops/core';
import type { RankingRow } from './ranking-rules';

/**
 * The whole aggregation in one statement: per juror the weighted score of each nominee they scored
 * completely and are not recused from; per nominee the mean (so recusals do not penalise), the mean
 * z-score (per juror: score minus their mean, over their spread) rescaled to the scale, and the
 * tie-break keys. One row per nominee (one row with a null nominee when the prize has none), in the
 * tie-break order. Exported for the benchmark, which times it bare.
 */
export const RANKING_SQL = sql.named<{ prizeId: string }>(`
WITH crit AS (SELECT id, weight, position FROM prize_criteria WHERE prize_id = :prizeId),
top_crit AS (SELECT id FROM crit ORDER BY weight DESC, position LIMIT 1),
recused AS (SELECT nominee_id, juror_id FROM jury_conflicts WHERE prize_id = :prizeId AND status = 'recused'),
ballots AS (
  SELECT s.nominee_id, s.juror_id, sum(s.value * c.weight) / 100 AS weighted,
         max(s.value) FILTER (WHERE s.criterion_id = (SELECT id FROM top_crit)) AS top_value
    FROM scores s JOIN crit c ON c.id = s.criterion_id
   WHERE s.prize_id = :prizeId AND NOT EXISTS (SELECT 1 FROM recused x WHERE x.nominee_id = s.nominee_id AND x.juror_id = s.juror_id)
   GROUP BY s.nominee_id, s.juror_id
  HAVING count(*) = (SELECT count(*) FROM crit)
),
juror_stats AS (SELECT juror_id, avg(weighted) AS mu, stddev_pop(weighted) AS sigma FROM ballots GROUP BY juror_id),
overall AS (SELECT avg(weighted) AS mu, coalesce(stddev_pop(weighted), 0) AS sigma FROM ballots),
per_nominee AS (
  SELECT b.nominee_id, count(*) AS jurors, avg(b.weighted) AS mean,
         avg(CASE WHEN js.sigma > 0 THEN (b.weighted - js.mu) / js.sigma ELSE 0 END) AS mean_z,
         avg(b.top_value) AS top_mean
    FROM ballots b JOIN juror_stats js USING (juror_id)
   GROUP BY b.nominee_id
),
-- Coverage: assigned jurors, not recused, who have not scored every criterion of the nominee.
pending AS (
  SELECT n.id AS nominee_id, array_agg(j.juror_id::text ORDER BY j.juror_id) AS juror_ids
    FROM nominees n JOIN prize_jurors j ON j.prize_id = n.prize_id
   WHERE n.prize_id = :prizeId
     AND NOT EXISTS (SELECT 1 FROM recused x WHERE x.nominee_id = n.id AND x.juror_id = j.juror_id)
     AND NOT EXISTS (SELECT 1 FROM ballots b WHERE b.nominee_id = n.id AND b.juror_id = j.juror_id)
   GROUP BY n.id
)
SELECT pr.scoring_closes_at AS "closesAt", pr.min_jurors_per_nominee AS required,
       n.id AS "nomineeId", n.name, coalesce(p.jurors, 0)::int AS jurors,
       round(p.mean, 4)::float8 AS mean,
       round(least(pr.scale_max, greatest(pr.scale_min, o.mu + p.mean_z * o.sigma)), 4)::float8 AS normalised,
       round(p.top_mean, 4)::float8 AS "topCriterionMean",
       coalesce(pe.juror_ids, '{}') AS "pendingJurorIds"
  FROM prizes pr
  CROSS JOIN overall o
  LEFT JOIN nominees n ON n.prize_id = pr.id
  LEFT JOIN per_nominee p ON p.nominee_id = n.id
  LEFT JOIN pending pe ON pe.nominee_id = n.id
 WHERE pr.id = :prizeId
 ORDER BY p.mean DESC NULLS LAST, normalised DESC NULLS LAST, jurors DESC, "topCriterionMean" DESC NULLS LAST, n.name`);

export interface StoredResult<R, D> {
  status: string;
  ranking: R;
  winner: string;
  winnerId: string;
  tieDecision: D;
  finalisedAt: Date;
  publishedAt: Date | null;
  prize: string;
  certificate: boolean;
}

export interface PublishedResult {
  prizeId: string;
  prize: string;
  winner: { nomineeId: string; name: string };
  publishedAt: Date;
  certificateAvailable: boolean;
}

/** The SQL of the ranking and of the results (award_results). */
@Injectable()
export class ResultsRepository {
  /** The ranking statement's rows: none when the prize does not exist. */
  async rankingRows(db: Db, prizeId: string): Promise<Array<RankingRow & { closesAt: Date }>> {
    return rows(db, RANKING_SQL.bind({ prizeId }));
  }

  /** The result's status, locked for update when asked; undefined while there is none. */
  async status(db: Db, prizeId: string, lock = false): Promise<string | undefined> {
    const found = await maybeOne<{ status: string }>(db, sql`SELECT status FROM award_results WHERE prize_id = ${prizeId}${lock ? sql` FOR UPDATE` : sql.empty}`);
    return found?.status;
  }

  async insertFinalised(db: Db, prizeId: string, r: { ranking: unknown; winnerNomineeId: string; tieDecision: unknown; by: string }): Promise<void> {
    await rows(
      db,
      sql`INSERT INTO award_results (prize_id, status, ranking, winner_nominee_id, tie_decision, finalised_by)
          VALUES (${prizeId}, 'finalised', ${JSON.stringify(r.ranking)}, ${r.winnerNomineeId}, ${r.tieDecision === null ? null : JSON.stringify(r.tieDecision)}, ${r.by})`,
    );
  }

  async markPublished(db: Db, prizeId: string): Promise<void> {
    await rows(db, sql`UPDATE award_results SET status = 'published', published_at = now() WHERE prize_id = ${prizeId}`);
  }

  async find<R, D>(db: Db, prizeId: string): Promise<StoredResult<R, D> | undefined> {
    return maybeOne<StoredResult<R, D>>(
      db,
      sql`SELECT r.status, r.ranking, n.name AS winner, r.winner_nominee_id AS "winnerId", r.tie_decision AS "tieDecision", r.finalised_at AS "finalisedAt",
                 r.published_at AS "publishedAt", p.name AS prize, r.certificate_pdf IS NOT NULL AS certificate
            FROM award_results r JOIN nominees n ON n.id = r.winner_nominee_id JOIN prizes p ON p.id = r.prize_id WHERE r.prize_id = ${prizeId}`,
    );
  }

  async published(db: Db, editionId: string): Promise<PublishedResult[]> {
    return rows<PublishedResult>(
      db,
      sql`SELECT p.id AS "prizeId", p.name AS prize, json_build_object('nomineeId', n.id, 'name', n.name) AS winner, r.published_at AS "publishedAt",
                 r.certificate_pdf IS NOT NULL AS "certificateAvailable"
            FROM award_results r JOIN prizes p ON p.id = r.prize_id JOIN nominees n ON n.id = r.winner_nominee_id
           WHERE p.edition_id = ${editionId} AND r.status = 'published' ORDER BY p.name`,
    );
  }

  /** What a published result's certificate says, and whether it is rendered; undefined when not published. */
  async forCertificate(db: Db, prizeId: string) {
    return maybeOne<{ prize: string; winner: string; editionId: string; publishedAt: Date; rendered: boolean }>(
      db,
      sql`SELECT p.name AS prize, n.name AS winner, p.edition_id AS "editionId", r.published_at AS "publishedAt", r.certificate_pdf IS NOT NULL AS rendered
            FROM award_results r JOIN prizes p ON p.id = r.prize_id JOIN nominees n ON n.id = r.winner_nominee_id
           WHERE r.prize_id = ${prizeId} AND r.status = 'published'`,
    );
  }

  /** Stores the certificate once; false when it was already there. */
  async storeCertificate(db: Db, prizeId: string, pdf: Buffer): Promise<boolean> {
    const updated = await rows(
      db,
      sql`UPDATE award_results SET certificate_pdf = ${pdf}, certificate_rendered_at = now() WHERE prize_id = ${prizeId} AND certificate_pdf IS NULL RETURNING prize_id`,
    );
    return updated.length === 1;
  }

  async certificate(db: Db, prizeId: string): Promise<{ pdf: Buffer | null } | undefined> {
    return maybeOne(db, sql`SELECT certificate_pdf AS pdf FROM award_results WHERE prize_id = ${prizeId} AND status = 'published'`);
  }
}
