import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '../../shared/api';

export type Attendee = Schema<'AttendeeDto'>;
export type AttendeeInput = Schema<'CreateAttendeeDto'>;
export type Category = Attendee['category'];
export const CATEGORIES: Category[] = ['visitor', 'exhibitor_staff', 'speaker', 'press', 'official', 'jury', 'organiser'];

export interface AttendeeFilters {
  q: string;
  category: string;
  status: string;
  checkedIn: string;
  validToday: string;
  offset: string;
}

export const PAGE_SIZE = 50;

const flag = (value: string) => (value === 'true' ? true : value === 'false' ? false : undefined);

/** One page of the attendees the filters select (the filters come from the address). */
export function useAttendees(editionId: string | undefined, filters: AttendeeFilters) {
  const query = {
    editionId,
    q: filters.q || undefined,
    category: (filters.category || undefined) as Category | undefined,
    status: (filters.status || undefined) as Attendee['status'] | undefined,
    checkedIn: flag(filters.checkedIn),
    validToday: flag(filters.validToday),
    limit: PAGE_SIZE,
    offset: Number(filters.offset) || 0,
  };
  return useQuery({
    queryKey: ['attendees', query],
    queryFn: () => unwrap(api.GET('/api/v1/attendees', { params: { query } })),
    enabled: Boolean(editionId),
    placeholderData: (previous) => previous,
  });
}

export function useAttendee(id: string) {
  return useQuery({ queryKey: ['attendee', id], queryFn: () => unwrap(api.GET('/api/v1/attendees/{id}', { params: { path: { id } } })) });
}

/** The exhibitors of the edition, for the staff's company (first 200 by name). */
export function useExhibitorChoices(editionId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['exhibitor-choices', editionId],
    queryFn: () => unwrap(api.GET('/api/v1/exhibitors', { params: { query: { editionId, limit: 200, sort: 'name' } } })),
    enabled: enabled && Boolean(editionId),
    staleTime: 60_000,
  });
}

/** Makes the browser save `data` as a file named `name`. */
export function saveAs(data: Blob, name: string): void {
  const url = URL.createObjectURL(data);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
