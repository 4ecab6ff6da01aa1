import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '../../shared/api';

export type Session = Schema<'SessionDto'>;
export type SessionInput = Schema<'CreateSessionDto'>;
export type Conflict = Schema<'SessionConflictDto'>;
export type Room = Schema<'RoomDto'>;
export type Speaker = Schema<'SpeakerDto'>;
export const SESSION_TYPES: Session['type'][] = ['ceremony', 'keynote', 'panel', 'workshop', 'job_dating', 'talk', 'other'];
export const SESSION_LANGUAGES: Session['language'][] = ['fr', 'ar', 'en'];

export function useRooms(editionId: string | undefined) {
  return useQuery({
    queryKey: ['rooms', editionId],
    queryFn: () => unwrap(api.GET('/api/v1/rooms', { params: { query: { editionId, limit: 200 } } })),
    enabled: Boolean(editionId),
    staleTime: 60_000,
  });
}

export function useSpeakers(editionId: string | undefined) {
  return useQuery({
    queryKey: ['speakers', editionId],
    queryFn: () => unwrap(api.GET('/api/v1/speakers', { params: { query: { editionId, limit: 200 } } })),
    enabled: Boolean(editionId),
  });
}

/** Every session of one fair day (drafts too: the organiser sees them all). */
export function useDaySessions(editionId: string | undefined, day: string) {
  return useQuery({
    queryKey: ['sessions', editionId, day],
    queryFn: () => unwrap(api.GET('/api/v1/sessions', { params: { query: { editionId, day, limit: 200 } } })),
    enabled: Boolean(editionId && day),
  });
}

export function useSession(id: string) {
  return useQuery({ queryKey: ['session', id], queryFn: () => unwrap(api.GET('/api/v1/sessions/{id}', { params: { path: { id } } })) });
}

/** "14:00" from "2027-04-16T14:00:00+01:00": the API gives local times with the day's offset. */
export const localClock = (at: string) => at.slice(11, 16);
export const localDay = (at: string) => at.slice(0, 10);
