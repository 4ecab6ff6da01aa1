import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Schema, api, unwrap } from '../../shared/api';
import { explainIn } from '../../shared/explain';

export type Prize = Schema<'PrizeDto'>;
export type Ranking = Schema<'RankingDto'>;
export type Conflict = Schema<'ConflictViewDto'>;
export type Result = Schema<'ResultDto'>;
export type Juror = Schema<'UserDto'>;

export const awardKeys = {
  prizes: (editionId: string, offset: number) => ['adminAwards', 'prizes', editionId, offset] as const,
  prize: (id: string) => ['adminAwards', 'prize', id] as const,
  conflicts: (id: string) => ['adminAwards', 'conflicts', id] as const,
  ranking: (id: string) => ['adminAwards', 'ranking', id] as const,
  result: (id: string) => ['adminAwards', 'result', id] as const,
  jurors: ['adminAwards', 'jurors'] as const,
  verify: ['adminAwards', 'verify'] as const,
};

export const PAGE = 20;

export function usePrizes(editionId: string | undefined, offset: number) {
  return useQuery({
    queryKey: awardKeys.prizes(editionId ?? '', offset),
    queryFn: () => unwrap(api.GET('/api/v1/awards/prizes', { params: { query: { editionId, limit: PAGE, offset } } })),
    enabled: Boolean(editionId),
  });
}

export function usePrize(id: string) {
  return useQuery({ queryKey: awardKeys.prize(id), queryFn: () => unwrap(api.GET('/api/v1/awards/prizes/{id}', { params: { path: { id } } })) });
}

export function useConflicts(id: string) {
  return useQuery({
    queryKey: awardKeys.conflicts(id),
    queryFn: async () => (await unwrap(api.GET('/api/v1/awards/prizes/{id}/conflicts', { params: { path: { id }, query: { limit: 200 } } }))).items,
  });
}

/** Every user with the jury role (the choices for a prize's jury), by id. */
export function useJurors() {
  return useQuery({
    queryKey: awardKeys.jurors,
    queryFn: async () => (await unwrap(api.GET('/api/v1/users', { params: { query: { role: 'jury', limit: 200 } } }))).items,
    staleTime: 60_000,
  });
}

/** The ranking, once scoring has closed (before, the API answers 409 scoring_still_open). */
export function useRanking(id: string, enabled: boolean) {
  return useQuery({
    queryKey: awardKeys.ranking(id),
    queryFn: () => unwrap(api.GET('/api/v1/awards/prizes/{id}/ranking', { params: { path: { id } } })),
    enabled,
  });
}

/** The finalised (sealed) or published result, as an admin reads it. */
export function useResult(id: string, enabled: boolean) {
  return useQuery({
    queryKey: awardKeys.result(id),
    queryFn: () => unwrap(api.GET('/api/v1/awards/results/{prizeId}', { params: { path: { prizeId: id } } })),
    enabled,
    // Right after publishing, a job renders the certificate: ask again until it is there.
    refetchInterval: (query) => (query.state.data?.status === 'published' && !query.state.data.certificateAvailable ? 2000 : false),
  });
}

export function useVerifyChain(enabled: boolean) {
  return useQuery({ queryKey: awardKeys.verify, queryFn: () => unwrap(api.GET('/api/v1/awards/audit/verify', {})), enabled, staleTime: 0 });
}

/** A change to one prize, then everything shown about it is read again. */
export function usePrizeChange<Input, Output>(prizeId: string, run: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSettled: () => {
      for (const key of [awardKeys.prize(prizeId), awardKeys.conflicts(prizeId), awardKeys.ranking(prizeId), awardKeys.result(prizeId)]) void client.invalidateQueries({ queryKey: key });
      void client.invalidateQueries({ queryKey: ['adminAwards', 'prizes'] });
    },
  });
}

/** A refusal in words: the codes this area knows get their own sentence, others the common one. */
export const explain = explainIn('adminAwards');

function zoneParts(at: Date, timeZone: string): Record<string, string> {
  const format = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
  return Object.fromEntries(format.formatToParts(at).map((part) => [part.type, part.value]));
}

/**
 * A wall-clock time typed for the fair (`2027-04-16T10:00`, in the edition's zone, e.g. Africa/Casablanca)
 * as an instant, whatever the device's own zone.
 */
export function zonedToInstant(local: string, timeZone: string): Date {
  const guess = new Date(`${local}:00Z`);
  const parts = zoneParts(guess, timeZone);
  const shown = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute));
  return new Date(guess.getTime() - (shown - guess.getTime()));
}

/** An instant as the `datetime-local` value of the fair's zone. */
export function instantToZoned(at: Date, timeZone: string): string {
  const parts = zoneParts(at, timeZone);
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}
