import { useQuery } from '@tanstack/react-query';
import { type Schema, api, unwrap } from '../shared/api';

export type JurorPrize = Schema<'JurorPrizeDto'>;
export type JurorNominee = Schema<'JurorNomineeDto'>;
export type Criterion = Schema<'PrizeCriterionDto'>;
export type Scale = Schema<'ScaleDto'>;
export type MyScores = Schema<'MyScoresDto'>;
export type PublicResult = Schema<'ResultDto'>;
export type ConflictReason = Schema<'DeclareConflictDto'>['reason'];

/** Query keys of the jury area: the prize list, one prize, my scores for one nominee. */
export const juryKeys = {
  prizes: ['jury', 'prizes'] as const,
  prize: (prizeId: string) => ['jury', 'prize', prizeId] as const,
  scores: (prizeId: string, nomineeId: string) => ['jury', 'scores', prizeId, nomineeId] as const,
};

/** The prizes assigned to me (the API answers only those). */
export function useMyPrizes() {
  return useQuery({
    queryKey: juryKeys.prizes,
    queryFn: async () => (await unwrap(api.GET('/api/v1/jury/prizes', { params: { query: { limit: 100 } } }))).items,
  });
}

export function useMyPrize(prizeId: string) {
  return useQuery({
    queryKey: juryKeys.prize(prizeId),
    queryFn: () => unwrap(api.GET('/api/v1/jury/prizes/{id}', { params: { path: { id: prizeId } } })),
  });
}

/** My own scores for a nominee: the only scores a jury page ever reads. */
export function useMyScores(prizeId: string, nomineeId: string, enabled: boolean) {
  return useQuery({
    queryKey: juryKeys.scores(prizeId, nomineeId),
    queryFn: () => unwrap(api.GET('/api/v1/jury/prizes/{id}/nominees/{nomineeId}/scores', { params: { path: { id: prizeId, nomineeId } } })),
    enabled,
  });
}

export function saveScores(prizeId: string, nomineeId: string, scores: Array<{ criterionId: string; value: number }>) {
  return unwrap(api.PUT('/api/v1/jury/prizes/{id}/nominees/{nomineeId}/scores', { params: { path: { id: prizeId, nomineeId } }, body: { scores } }));
}

export function declareConflict(prizeId: string, nomineeId: string, reason: ConflictReason, comment: string) {
  return unwrap(api.POST('/api/v1/jury/prizes/{id}/conflicts', { params: { path: { id: prizeId } }, body: { nomineeId, reason, ...(comment.trim() ? { comment: comment.trim() } : {}) } }));
}

export function submitBallot(prizeId: string) {
  return unwrap(api.POST('/api/v1/jury/prizes/{id}/ballot/submit', { params: { path: { id: prizeId } } }));
}

/** The edition's place and time zone (public), for deadlines in the fair's local time. */
export function useEditionZone(editionId: string | undefined) {
  return useQuery({
    queryKey: ['edition', editionId],
    queryFn: () => unwrap(api.GET('/api/v1/editions/{id}', { params: { path: { id: editionId! } } })),
    enabled: !!editionId,
    staleTime: Infinity,
    select: (edition) => ({ city: edition.city, timeZone: edition.timeZone }),
  });
}

/**
 * The published results of an edition (public): a juror sees a prize's result only once it is announced,
 * never the sealed one before.
 */
export function usePublishedResults(editionId: string | undefined) {
  return useQuery({
    queryKey: ['awards', 'results', editionId],
    queryFn: async () => (await unwrap(api.GET('/api/v1/awards/results', { params: { query: { editionId: editionId!, limit: 100 } } }))).items,
    enabled: !!editionId,
  });
}

/** Nominees I still have to score (not recused) and those I scored on every criterion. */
export function progressOf(prize: JurorPrize): { done: number; total: number } {
  const mine = prize.nominees.filter((n) => !n.recused);
  return { done: mine.filter((n) => n.scoredCriteria >= prize.criteria.length).length, total: mine.length };
}
