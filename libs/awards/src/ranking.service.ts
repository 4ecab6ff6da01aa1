import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, Clock, JobProducer, inTransaction, sqlRows } from '@fairops/core';
import { EditionsService } from '@fairops/editions';
import { AwardErrors } from './awards.errors';
import { AwardsAuditService } from './awards-audit.service';
import { renderCertificate } from './certificate';

export interface RankedNominee {
  rank: number;
  nomineeId: string;
  name: string;
  /** Jurors whose complete, non-recused scores count. */
  jurors: number;
  /** Mean over those jurors of each juror's weighted score (weights / 100), on the prize's scale. */
  mean: number | null;
  /** Mean of the jurors' z-scores, put back on the scale with the mean and spread of all scores. */
  normalised: number | null;
  /** Mean score on the heaviest criterion: the third tie-break. */
  topCriterionMean: number | null;
}

export interface CoverageGap {
  nomineeId: string;
  name: string;
  scoredBy: number;
  required: number;
  /** Assigned, not recused jurors who have not scored every criterion. */
  pendingJurorIds: string[];
}

export interface Ranking {
  prizeId: string;
  computedAt: Date;
  ranking: RankedNominee[];
  coverage: { complete: boolean; missing: CoverageGap[] };
  /** First places the tie-break rule cannot separate (empty when it can). */
  unresolvedTie: string[];
}

/**
 * The whole aggregation in one statement: per juror the weighted score of each nominee they scored
 * completely and are not recused from; per nominee the mean (so recusals do not penalise), the mean
 * z-score (per juror: score minus their mean, over their spread) rescaled to the scale, and the
 * tie-break keys. Exported for the benchmark, which times it bare.
 */
export const RANKING_SQL = `
WITH crit AS (SELECT id, weight, position FROM prize_criteria WHERE prize_id = $1),
top_crit AS (SELECT id FROM crit ORDER BY weight DESC, position LIMIT 1),
recused AS (SELECT nominee_id, juror_id FROM jury_conflicts WHERE prize_id = $1 AND status = 'recused'),
ballots AS (
  SELECT s.nominee_id, s.juror_id, sum(s.value * c.weight) / 100 AS weighted,
         max(s.value) FILTER (WHERE s.criterion_id = (SELECT id FROM top_crit)) AS top_value
    FROM scores s JOIN crit c ON c.id = s.criterion_id
   WHERE s.prize_id = $1 AND NOT EXISTS (SELECT 1 FROM recused x WHERE x.nominee_id = s.nominee_id AND x.juror_id = s.juror_id)
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
   WHERE n.prize_id = $1
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
 WHERE pr.id = $1
 ORDER BY p.mean DESC NULLS LAST, normalised DESC NULLS LAST, jurors DESC, "topCriterionMean" DESC NULLS LAST, n.name`;

/** The tie-break rule's keys, in order: mean, normalised mean, number of jurors, heaviest criterion. */
const keyOf = (r: Omit<RankedNominee, 'rank'>) => JSON.stringify([r.mean, r.normalised, r.jurors, r.topCriterionMean]);

@Injectable()
export class RankingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly editions: EditionsService,
    private readonly audit: AwardsAuditService,
    private readonly producer: JobProducer,
    private readonly clock: Clock,
  ) {}

  /** The ranking with and without normalisation, and the coverage check, in one statement. Only once scoring has closed. */
  async compute(prizeId: string, db: DataSource | EntityManager = this.dataSource): Promise<Ranking> {
    const rows = await sqlRows<Omit<RankedNominee, 'rank'> & { closesAt: Date; required: number; pendingJurorIds: string[] }>(db, RANKING_SQL, [prizeId]);
    if (!rows[0]) throw AwardErrors.prizeNotFound(prizeId);
    if (this.clock.now().getTime() < rows[0].closesAt.getTime()) throw AwardErrors.windowStillOpen(rows[0].closesAt);
    const nominees = rows.filter((r) => r.nomineeId !== null);
    const ranking: RankedNominee[] = [];
    nominees.forEach(({ closesAt: _c, required: _r, pendingJurorIds: _p, ...r }, i) =>
      ranking.push({ ...r, rank: i > 0 && keyOf(r) === keyOf(nominees[i - 1]) ? ranking[i - 1].rank : i + 1 }),
    );
    const gaps: CoverageGap[] = nominees
      .filter((r) => r.jurors < r.required)
      .map((r) => ({ nomineeId: r.nomineeId, name: r.name, scoredBy: r.jurors, required: r.required, pendingJurorIds: r.pendingJurorIds }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const first = ranking.filter((r) => r.rank === 1 && r.mean !== null);
    return {
      prizeId,
      computedAt: this.clock.now(),
      ranking,
      coverage: { complete: gaps.length === 0, missing: gaps },
      unresolvedTie: first.length > 1 ? first.map((r) => r.nomineeId) : [],
    };
  }

  /**
   * Seals the result: coverage must be complete; a tie the rule cannot break needs the admin's decision
   * (a winner among the tied, and a reason), which is recorded with the result.
   */
  async finalise(prizeId: string, by: Actor, tieDecision?: { winnerNomineeId: string; reason: string }): Promise<Ranking & { winnerNomineeId: string; status: string }> {
    return inTransaction(this.dataSource, async (m) => {
      await m.query(`SELECT id FROM prizes WHERE id = $1 FOR UPDATE`, [prizeId]);
      const [existing] = await sqlRows<{ status: string }>(m, `SELECT status FROM award_results WHERE prize_id = $1`, [prizeId]);
      if (existing) throw AwardErrors.alreadyFinal(existing.status);
      const result = await this.compute(prizeId, m);
      if (!result.coverage.complete) throw AwardErrors.coverageMissing(result.coverage.missing);
      let winner = result.ranking[0]?.nomineeId;
      if (result.unresolvedTie.length) {
        if (!tieDecision) throw AwardErrors.tieUnresolved(result.unresolvedTie);
        if (!result.unresolvedTie.includes(tieDecision.winnerNomineeId)) throw AwardErrors.invalid([{ field: 'tieDecision.winnerNomineeId', reasons: ['must be one of the tied nominees'] }]);
        winner = tieDecision.winnerNomineeId;
      } else if (tieDecision) throw AwardErrors.notTied();
      if (!winner) throw AwardErrors.coverageMissing([]);
      await m.query(
        `INSERT INTO award_results (prize_id, status, ranking, winner_nominee_id, tie_decision, finalised_by) VALUES ($1, 'finalised', $2, $3, $4, $5)`,
        [prizeId, JSON.stringify(result), winner, tieDecision ? JSON.stringify({ ...tieDecision, decidedBy: by.id }) : null, by.id],
      );
      await this.audit.record(m, { prizeId, actorUserId: by.id, action: 'results.finalised', nomineeId: winner, detail: { ranking: result.ranking.map((r) => [r.rank, r.nomineeId, r.mean]), tieDecision: tieDecision ?? null } });
      return { ...result, winnerNomineeId: winner, status: 'finalised' };
    });
  }

  /** Announces: the winner becomes public, and the certificate is rendered by a job. */
  async publish(prizeId: string, by: Actor) {
    return inTransaction(this.dataSource, async (m) => {
      const [r] = await sqlRows<{ status: string }>(m, `SELECT status FROM award_results WHERE prize_id = $1 FOR UPDATE`, [prizeId]);
      if (!r) throw AwardErrors.notFinalised();
      if (r.status === 'published') throw AwardErrors.alreadyFinal('published');
      await m.query(`UPDATE award_results SET status = 'published', published_at = now() WHERE prize_id = $1`, [prizeId]);
      await this.producer.enqueue(m, 'awards.render-certificate', { prizeId });
      await this.audit.record(m, { prizeId, actorUserId: by.id, action: 'results.published' });
      return this.result(prizeId, by, m);
    });
  }

  /**
   * A prize's result. Published: the winner, to anyone. Finalised but not published: the full result to
   * admins, 403 to jurors, and 404 to everyone else (it does not exist for them yet).
   */
  async result(prizeId: string, viewer: Actor | null, db: DataSource | EntityManager = this.dataSource) {
    const [row] = await sqlRows<{ status: string; ranking: Ranking; winner: string; winner_id: string; tie_decision: unknown; finalised_at: Date; published_at: Date | null; prize: string; certificate: boolean }>(
      db,
      `SELECT r.status, r.ranking, n.name AS winner, r.winner_nominee_id AS winner_id, r.tie_decision, r.finalised_at, r.published_at, p.name AS prize,
              r.certificate_pdf IS NOT NULL AS certificate
         FROM award_results r JOIN nominees n ON n.id = r.winner_nominee_id JOIN prizes p ON p.id = r.prize_id WHERE r.prize_id = $1`,
      [prizeId],
    );
    const isAdmin = viewer?.role === 'admin';
    if (!row || (row.status !== 'published' && !isAdmin)) {
      if (row && viewer?.role === 'jury') throw AwardErrors.sealed();
      throw AwardErrors.resultsNotFound();
    }
    const pub = { prizeId, prize: row.prize, winner: { nomineeId: row.winner_id, name: row.winner }, publishedAt: row.published_at, certificateAvailable: row.certificate };
    return isAdmin ? { ...pub, status: row.status, finalisedAt: row.finalised_at, tieDecision: row.tie_decision, ranking: row.ranking.ranking, coverage: row.ranking.coverage } : pub;
  }

  /** Every published result of an edition: what the public sees after the ceremony. */
  async published(editionId?: string) {
    const edition = await this.editions.resolveId(editionId);
    return sqlRows(
      this.dataSource,
      `SELECT p.id AS "prizeId", p.name AS prize, json_build_object('nomineeId', n.id, 'name', n.name) AS winner, r.published_at AS "publishedAt",
              r.certificate_pdf IS NOT NULL AS "certificateAvailable"
         FROM award_results r JOIN prizes p ON p.id = r.prize_id JOIN nominees n ON n.id = r.winner_nominee_id
        WHERE p.edition_id = $1 AND r.status = 'published' ORDER BY p.name`,
      [edition],
    );
  }

  /** The job: renders the winner's certificate once; a repeat finds it rendered and does nothing. */
  async renderCertificate(prizeId: string): Promise<boolean> {
    const [row] = await sqlRows<{ prize: string; winner: string; fair: string; number: number; city: string; tz: string; published_at: Date; rendered: boolean }>(
      this.dataSource,
      `SELECT p.name AS prize, n.name AS winner, e.name AS fair, e.edition_number AS number, e.city, e.time_zone AS tz, r.published_at,
              r.certificate_pdf IS NOT NULL AS rendered
         FROM award_results r JOIN prizes p ON p.id = r.prize_id JOIN nominees n ON n.id = r.winner_nominee_id JOIN editions e ON e.id = p.edition_id
        WHERE r.prize_id = $1 AND r.status = 'published'`,
      [prizeId],
    );
    if (!row || row.rendered) return false;
    const dateText = new Intl.DateTimeFormat('fr-FR', { timeZone: row.tz, day: 'numeric', month: 'long', year: 'numeric' }).format(row.published_at);
    const pdf = await renderCertificate({ fairName: row.fair, editionNumber: row.number, city: row.city, prizeName: row.prize, winnerName: row.winner, dateText });
    const updated = await sqlRows(this.dataSource, `UPDATE award_results SET certificate_pdf = $2, certificate_rendered_at = now() WHERE prize_id = $1 AND certificate_pdf IS NULL RETURNING prize_id`, [prizeId, pdf]);
    return updated.length === 1;
  }

  async certificate(prizeId: string): Promise<Buffer> {
    const [row] = await sqlRows<{ pdf: Buffer | null }>(this.dataSource, `SELECT certificate_pdf AS pdf FROM award_results WHERE prize_id = $1 AND status = 'published'`, [prizeId]);
    if (!row) throw AwardErrors.resultsNotFound();
    // Published, the certificate job not done yet: not "not found", the same as a print job not ready.
    if (!row.pdf) throw AwardErrors.certificateNotReady();
    return row.pdf;
  }
}
