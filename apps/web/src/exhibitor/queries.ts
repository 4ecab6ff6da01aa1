import { useQuery } from '@tanstack/react-query';
import { type Schema, api, unwrap } from '../shared/api';
import { explainIn } from '../shared/explain';

export type Exhibitor = Schema<'ExhibitorDto'>;
export type Lead = Schema<'LeadDto'>;

export const PAGE = 25;

/** Query keys of the area: everything is the caller's own exhibitor (the id comes from the session). */
export const exhibitorKeys = {
  profile: (id: string) => ['exhibitorArea', 'profile', id] as const,
  staff: (id: string, offset: number) => ['exhibitorArea', 'staff', id, offset] as const,
  leads: (offset: number) => ['exhibitorArea', 'leads', offset] as const,
};

export function useOwnExhibitor(exhibitorId: string) {
  return useQuery({ queryKey: exhibitorKeys.profile(exhibitorId), queryFn: () => unwrap(api.GET('/api/v1/exhibitors/{id}', { params: { path: { id: exhibitorId } } })) });
}

export function useStaff(exhibitorId: string, offset: number) {
  return useQuery({
    queryKey: exhibitorKeys.staff(exhibitorId, offset),
    queryFn: () => unwrap(api.GET('/api/v1/exhibitors/{id}/staff', { params: { path: { id: exhibitorId }, query: { limit: PAGE, offset } } })),
  });
}

/** The time zone of the exhibitor's edition (instants are shown as the fair lives them). */
export function useFairZone(editionId: string | undefined): string {
  const edition = useQuery({
    queryKey: ['exhibitorArea', 'edition', editionId],
    queryFn: () => unwrap(api.GET('/api/v1/editions/{id}', { params: { path: { id: editionId! } } })),
    enabled: Boolean(editionId),
    staleTime: 60_000,
  });
  return edition.data?.timeZone ?? 'Africa/Casablanca';
}

/** The caller's leads: the API takes the exhibitor from the user, never from the request. */
export function useLeads(offset: number) {
  return useQuery({ queryKey: exhibitorKeys.leads(offset), queryFn: () => unwrap(api.GET('/api/v1/leads', { params: { query: { limit: PAGE, offset } } })) });
}

/** A refusal in words: the codes this area knows get their own sentence, others the common one. */
export const explain = explainIn('exhibitorArea');
