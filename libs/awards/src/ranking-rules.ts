import { AwardErrors } from './awards.errors';

/**
 * The awards' ranking rules, pure: the ranks and ties from the aggregated figures, the coverage check
 * and the choice of the winner. The aggregation itself (means, normalisation) is one SQL statement
 * (results.repository.ts); this module decides what its figures mean.
 */

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

/** One nominee's aggregated figures, as the ranking statement gives them. */
export interface RankingRow extends Omit<RankedNominee, 'rank'> {
  /** The prize's minimum of complete ballots per nominee. */
  required: number;
  pendingJurorIds: string[];
}

export interface TieDecision {
  winnerNomineeId: string;
  reason: string;
}

/** The tie-break rule's keys, in order: mean, normalised mean, number of jurors, mean on the heaviest criterion. */
const keys = (r: Omit<RankedNominee, 'rank'>): Array<number | null> => [r.mean, r.normalised, r.jurors, r.topCriterionMean];

/** Higher first, a missing figure (null) last. */
function compareKey(a: number | null, b: number | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return b - a;
}

/** Orders two nominees by the tie-break rule; 0 when the rule cannot separate them. */
export function compareByTieBreak(a: Omit<RankedNominee, 'rank'>, b: Omit<RankedNominee, 'rank'>): number {
  const [ka, kb] = [keys(a), keys(b)];
  for (let i = 0; i < ka.length; i++) {
    const c = compareKey(ka[i], kb[i]);
    if (c !== 0) return c;
  }
  return 0;
}

/**
 * Ranks nominees by the tie-break rule. Nominees the rule cannot separate share a rank (1, 1, 3) and
 * keep the order they came in (the statement's: by name).
 */
export function rankNominees(rows: ReadonlyArray<Omit<RankedNominee, 'rank'>>): RankedNominee[] {
  const sorted = [...rows].sort(compareByTieBreak);
  const ranked: RankedNominee[] = [];
  sorted.forEach((r, i) => {
    const tiedWithPrevious = i > 0 && compareByTieBreak(r, sorted[i - 1]) === 0;
    ranked.push({ rank: tiedWithPrevious ? ranked[i - 1].rank : i + 1, nomineeId: r.nomineeId, name: r.name, jurors: r.jurors, mean: r.mean, normalised: r.normalised, topCriterionMean: r.topCriterionMean });
  });
  return ranked;
}

/** Nominees with fewer complete ballots than the prize requires, by name. */
export function coverageGaps(rows: readonly RankingRow[]): CoverageGap[] {
  return rows
    .filter((r) => r.jurors < r.required)
    .map((r) => ({ nomineeId: r.nomineeId, name: r.name, scoredBy: r.jurors, required: r.required, pendingJurorIds: r.pendingJurorIds }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The first places the rule cannot separate (nominees with no score at all are never first). */
export function unresolvedTie(ranking: readonly RankedNominee[]): string[] {
  const first = ranking.filter((r) => r.rank === 1 && r.mean !== null);
  return first.length > 1 ? first.map((r) => r.nomineeId) : [];
}

/** The ranking, coverage and unresolved tie of a prize from the statement's rows. */
export function rankingOf(prizeId: string, rows: readonly RankingRow[], computedAt: Date): Ranking {
  const ranking = rankNominees(rows);
  const missing = coverageGaps(rows);
  return { prizeId, computedAt, ranking, coverage: { complete: missing.length === 0, missing }, unresolvedTie: unresolvedTie(ranking) };
}

/**
 * The winner a finalisation seals: coverage must be complete; the first place, or, when the rule cannot
 * break a tie for it, the admin's decision among the tied. A decision where there is no tie is refused.
 */
export function chooseWinner(result: Ranking, tieDecision?: TieDecision): string {
  if (!result.coverage.complete) throw AwardErrors.coverageMissing(result.coverage.missing);
  if (result.unresolvedTie.length) {
    if (!tieDecision) throw AwardErrors.tieUnresolved(result.unresolvedTie);
    if (!result.unresolvedTie.includes(tieDecision.winnerNomineeId)) {
      throw AwardErrors.invalid([{ field: 'tieDecision.winnerNomineeId', reasons: ['must be one of the tied nominees'] }]);
    }
    return tieDecision.winnerNomineeId;
  }
  if (tieDecision) throw AwardErrors.notTied();
  const winner = result.ranking[0]?.nomineeId;
  if (!winner) throw AwardErrors.coverageMissing([]);
  return winner;
}
