import { DomainError } from '@fairops/core';
import { RankingRow, chooseWinner, compareByTieBreak, coverageGaps, rankNominees, rankingOf, unresolvedTie } from './ranking-rules';

const row = (nomineeId: string, f: Partial<RankingRow> = {}): RankingRow => ({
  nomineeId,
  name: nomineeId.toUpperCase(),
  jurors: 3,
  mean: 7,
  normalised: 7,
  topCriterionMean: 7,
  required: 3,
  pendingJurorIds: [],
  ...f,
});
const ranks = (rows: RankingRow[]) => rankNominees(rows).map((r) => [r.nomineeId, r.rank]);
const code = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return [(error as DomainError).code, (error as DomainError).details];
  }
  return 'no error';
};
const at = new Date('2027-04-16T10:00:00Z');

describe('awards ranking rules', () => {
  describe('the tie-break rule: mean, then normalised mean, then jurors, then the heaviest criterion', () => {
    it('ranks by the mean first', () => {
      expect(ranks([row('a', { mean: 6 }), row('b', { mean: 8 }), row('c', { mean: 7 })])).toEqual([['b', 1], ['c', 2], ['a', 3]]);
    });

    it('breaks an equal mean by the normalised mean, then by the number of jurors, then by the heaviest criterion', () => {
      expect(ranks([row('a', { normalised: 6.9 }), row('b', { normalised: 7.1 })])).toEqual([['b', 1], ['a', 2]]);
      expect(ranks([row('a', { jurors: 3 }), row('b', { jurors: 4 })])).toEqual([['b', 1], ['a', 2]]);
      expect(ranks([row('a', { topCriterionMean: 8 }), row('b', { topCriterionMean: 6 })])).toEqual([['a', 1], ['b', 2]]);
      // A later key never outweighs an earlier one.
      expect(ranks([row('a', { mean: 7.01, normalised: 1, jurors: 1, topCriterionMean: 1 }), row('b', { mean: 7, normalised: 10, jurors: 9, topCriterionMean: 10 })])).toEqual([
        ['a', 1],
        ['b', 2],
      ]);
    });

    it('gives nominees the rule cannot separate the same rank, the next one its place (1, 1, 3), in the order they came', () => {
      expect(ranks([row('b'), row('a'), row('c', { mean: 5 }), row('d', { mean: 5 })])).toEqual([['b', 1], ['a', 1], ['c', 3], ['d', 3]]);
    });

    it('puts nominees with no complete ballot (no figures) last, tied among themselves', () => {
      const none = { mean: null, normalised: null, jurors: 0, topCriterionMean: null };
      expect(ranks([row('x', none), row('a', { mean: 1 }), row('y', none)])).toEqual([['a', 1], ['x', 2], ['y', 2]]);
      expect(compareByTieBreak(row('x', none), row('y', none))).toBe(0);
    });

    it('a missing normalised or heaviest-criterion figure counts below any figure', () => {
      expect(ranks([row('a', { normalised: null }), row('b', { normalised: 0 })])).toEqual([['b', 1], ['a', 2]]);
      expect(ranks([row('a', { topCriterionMean: null }), row('b', { topCriterionMean: 0 })])).toEqual([['b', 1], ['a', 2]]);
    });
  });

  describe('unresolved ties', () => {
    it('names the first places the rule cannot separate', () => {
      expect(unresolvedTie(rankNominees([row('a'), row('b'), row('c', { mean: 1 })]))).toEqual(['a', 'b']);
    });

    it('is empty when the first place is alone, even if others tie below it', () => {
      expect(unresolvedTie(rankNominees([row('a', { mean: 9 }), row('b'), row('c')]))).toEqual([]);
    });

    it('is empty when no nominee has a score (nobody is first)', () => {
      const none = { mean: null, normalised: null, jurors: 0, topCriterionMean: null };
      expect(unresolvedTie(rankNominees([row('a', none), row('b', none)]))).toEqual([]);
    });
  });

  describe('coverage', () => {
    it('lists each nominee with fewer complete ballots than required, by name, with the jurors pending', () => {
      const gaps = coverageGaps([row('b', { jurors: 1, pendingJurorIds: ['j2', 'j3'] }), row('a', { jurors: 2, pendingJurorIds: ['j3'] }), row('c', { jurors: 3 })]);
      expect(gaps).toEqual([
        { nomineeId: 'a', name: 'A', scoredBy: 2, required: 3, pendingJurorIds: ['j3'] },
        { nomineeId: 'b', name: 'B', scoredBy: 1, required: 3, pendingJurorIds: ['j2', 'j3'] },
      ]);
    });

    it('is complete when every nominee reaches the minimum (more is fine)', () => {
      expect(rankingOf('p', [row('a', { jurors: 3 }), row('b', { jurors: 5 })], at).coverage).toEqual({ complete: true, missing: [] });
    });
  });

  describe('the winner a finalisation seals', () => {
    it('is the first place when the rule separates it', () => {
      expect(chooseWinner(rankingOf('p', [row('a', { mean: 6 }), row('b', { mean: 8 })], at))).toBe('b');
    });

    it('refuses while coverage is incomplete, listing the gaps', () => {
      const result = rankingOf('p', [row('a', { jurors: 2, pendingJurorIds: ['j9'] }), row('b')], at);
      expect(code(() => chooseWinner(result))).toEqual(['coverage_incomplete', { missing: [expect.objectContaining({ nomineeId: 'a', pendingJurorIds: ['j9'] })] }]);
    });

    it('needs a decision for a tie the rule cannot break, naming the tied', () => {
      expect(code(() => chooseWinner(rankingOf('p', [row('a'), row('b')], at)))).toEqual(['tie_needs_decision', { tied: ['a', 'b'] }]);
    });

    it('takes the decision when it names one of the tied', () => {
      expect(chooseWinner(rankingOf('p', [row('a'), row('b')], at), { winnerNomineeId: 'b', reason: 'jury vote' })).toBe('b');
    });

    it('refuses a decision naming a nominee outside the tie', () => {
      const result = rankingOf('p', [row('a'), row('b'), row('c', { mean: 1 })], at);
      expect(code(() => chooseWinner(result, { winnerNomineeId: 'c', reason: 'x' }))).toEqual([
        'validation_failed',
        [{ field: 'tieDecision.winnerNomineeId', reasons: ['must be one of the tied nominees'] }],
      ]);
    });

    it('refuses a decision where there is no tie', () => {
      const result = rankingOf('p', [row('a', { mean: 9 }), row('b')], at);
      expect(code(() => chooseWinner(result, { winnerNomineeId: 'b', reason: 'x' }))).toEqual(['validation_failed', [{ field: 'tieDecision', reasons: ['there is no unresolved tie'] }]]);
    });

    it('refuses a prize without nominees', () => {
      expect(code(() => chooseWinner(rankingOf('p', [], at)))).toEqual(['coverage_incomplete', { missing: [] }]);
    });
  });
});
