import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type Schema, api, unwrap } from '../../shared/api';

export type Exhibitor = Schema<'ExhibitorDto'>;
export type ExhibitorStatus = Exhibitor['status'];
export type Sector = Exhibitor['sector'];
export type ExhibitorImport = Schema<'ExhibitorImportDto'>;

export const SECTORS: Sector[] = ['contact_centre', 'it_services', 'recruitment', 'training', 'public_institution', 'solution_vendor', 'telecom_equipment', 'furniture', 'other'];
export const STATUSES: ExhibitorStatus[] = ['applied', 'approved', 'confirmed', 'cancelled', 'withdrawn'];

/**
 * The exhibitor status machine as libs/exhibitors/src/exhibitor-status.ts has it (the API refuses any
 * other move with 409 and the allowed ones): the page offers only these.
 */
export const NEXT_STATUSES: Record<ExhibitorStatus, ExhibitorStatus[]> = {
  applied: ['approved', 'cancelled', 'withdrawn'],
  approved: ['confirmed', 'cancelled', 'withdrawn'],
  confirmed: ['cancelled', 'withdrawn'],
  cancelled: [],
  withdrawn: [],
};
/** Final statuses: they need a reason, free the stands and disable the manager accounts. */
export const isFinal = (status: ExhibitorStatus) => status === 'cancelled' || status === 'withdrawn';

export const exhibitorKeys = {
  /** Every page of the list (not one exhibitor, not an import). */
  lists: ['admin', 'exhibitors', 'list'] as const,
  list: (query: object) => ['admin', 'exhibitors', 'list', query] as const,
  one: (id: string) => ['admin', 'exhibitors', 'one', id] as const,
  import: (id: string) => ['admin', 'exhibitors', 'import', id] as const,
};

export interface ListFilters {
  q: string;
  status: string;
  country: string;
  sector: string;
  hall: string;
  sort: string;
  order: string;
  offset: string;
}

export const PAGE_SIZE = 25;

/** One page of the list, as the filters in the address ask; the previous page stays while the next loads. */
export function useExhibitorList(editionId: string | undefined, filters: ListFilters) {
  const query = {
    editionId,
    q: filters.q.trim() || undefined,
    status: (filters.status || undefined) as ExhibitorStatus | undefined,
    country: filters.country || undefined,
    sector: (filters.sector || undefined) as Sector | undefined,
    hall: filters.hall || undefined,
    sort: filters.sort as 'name' | 'country' | 'createdAt',
    order: filters.order as 'asc' | 'desc',
    limit: PAGE_SIZE,
    offset: Number(filters.offset) || 0,
  };
  return useQuery({
    queryKey: exhibitorKeys.list(query),
    queryFn: () => unwrap(api.GET('/api/v1/exhibitors', { params: { query } })),
    enabled: Boolean(editionId),
    placeholderData: keepPreviousData,
  });
}

export function useExhibitor(id: string) {
  return useQuery({ queryKey: exhibitorKeys.one(id), queryFn: () => unwrap(api.GET('/api/v1/exhibitors/{id}', { params: { path: { id } } })) });
}

/** The halls of the edition (the list's hall filter). */
export function useHallNames(editionId: string | undefined) {
  return useQuery({
    queryKey: ['admin', 'halls', editionId],
    queryFn: async () => (await unwrap(api.GET('/api/v1/halls', { params: { query: { editionId, limit: 200 } } }))).items,
    enabled: Boolean(editionId),
  });
}
