import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api, unwrap, type Schema } from '../../shared/api';

export type Edition = Schema<'EditionDto'>;

/** Every edition, newest first (the picker's choices). */
export function useEditions() {
  return useQuery({ queryKey: ['editions'], queryFn: () => unwrap(api.GET('/api/v1/editions', {})), staleTime: 60_000 });
}

/**
 * The edition the back-office works on: `?edition=<id>` in the address (so a shared link opens the same
 * one), else the current edition (running now or next).
 */
export function useEdition(): { edition: Edition | undefined; editionId: string | undefined; isLoading: boolean; error: unknown } {
  const [params] = useSearchParams();
  const chosen = params.get('edition');
  const query = useQuery({
    queryKey: ['edition', chosen ?? 'current'],
    queryFn: () => (chosen ? unwrap(api.GET('/api/v1/editions/{id}', { params: { path: { id: chosen } } })) : unwrap(api.GET('/api/v1/editions/current', {}))),
    staleTime: 60_000,
  });
  return { edition: query.data, editionId: query.data?.id, isLoading: query.isLoading, error: query.error };
}
