import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type Schema, api, unwrap } from '../../shared/api';

export type Stand = Schema<'StandDto'>;
export type Hall = Schema<'HallDto'>;

export const floorKeys = {
  plan: (editionId: string | undefined) => ['admin', 'floor', editionId] as const,
  exhibitors: (editionId: string | undefined, q: string) => ['admin', 'floor', 'exhibitors', editionId, q] as const,
};

const PAGE = 200;

/** Every page of a list the API pages at 200 at most (a fair has a few hundred stands). */
async function everything<T>(fetchPage: (offset: number) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const all: T[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await fetchPage(offset);
    all.push(...page.items);
    if (page.items.length === 0 || all.length >= page.total) return all;
  }
}

/** The halls and every stand of the edition, refreshed now and then (others work on the plan too). */
export function useFloorPlan(editionId: string | undefined) {
  return useQuery({
    queryKey: floorKeys.plan(editionId),
    queryFn: async () => {
      const [halls, stands] = await Promise.all([
        everything((offset) => unwrap(api.GET('/api/v1/halls', { params: { query: { editionId, limit: PAGE, offset } } }))),
        everything((offset) => unwrap(api.GET('/api/v1/stands', { params: { query: { editionId, limit: PAGE, offset } } }))),
      ]);
      return { halls, stands };
    },
    enabled: Boolean(editionId),
    refetchInterval: 20_000,
  });
}

/** Exhibitors that may hold or be given a stand (not cancelled or withdrawn), found by name. */
export function useActiveExhibitors(editionId: string | undefined, q: string) {
  return useQuery({
    queryKey: floorKeys.exhibitors(editionId, q),
    queryFn: async () => {
      const page = await unwrap(api.GET('/api/v1/exhibitors', { params: { query: { editionId, q: q.trim() || undefined, limit: 50, sort: 'name', order: 'asc' } } }));
      return page.items.filter((exhibitor) => exhibitor.status !== 'cancelled' && exhibitor.status !== 'withdrawn');
    },
    enabled: Boolean(editionId),
    placeholderData: keepPreviousData,
  });
}

/** Stands in the order of their codes, numbers as numbers (A-2 before A-10). */
export function byCode(a: Stand, b: Stand): number {
  return a.code.localeCompare(b.code, undefined, { numeric: true, sensitivity: 'base' });
}
