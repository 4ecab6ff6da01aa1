import { useQuery } from '@tanstack/react-query';
import { api, unwrap, type Schema } from '../../shared/api';

export type Category = Schema<'PerCategory'>['category'];
export const CATEGORIES: Category[] = ['visitor', 'exhibitor_staff', 'speaker', 'press', 'official', 'jury', 'organiser'];
export type QueueCounts = Schema<'QueueCountsDto'>;
export type FailedJob = Schema<'FailedJobDto'>;
export type Message = Schema<'MessageDto'>;

/** The figures that are not live refresh every 30 s (the check-in figures come by the stream). */
const REFRESH = 30_000;

/** Registered attendees (not cancelled), in all and per category: the page totals of GET /attendees. */
export function useRegistrations(editionId: string | undefined) {
  return useQuery({
    queryKey: ['adminDashboard', 'registrations', editionId],
    enabled: !!editionId,
    refetchInterval: REFRESH,
    queryFn: async () => {
      const count = async (category?: Category) =>
        (await unwrap(api.GET('/api/v1/attendees', { params: { query: { editionId, status: 'registered', limit: 1, ...(category ? { category } : {}) } } }))).total;
      const [total, ...perCategory] = await Promise.all([count(), ...CATEGORIES.map((category) => count(category))]);
      return { total, perCategory: CATEGORIES.map((category, i) => ({ category, count: perCategory[i] })) };
    },
  });
}

export function useExhibitorStats(editionId: string | undefined) {
  return useQuery({
    queryKey: ['adminDashboard', 'exhibitors', editionId],
    enabled: !!editionId,
    refetchInterval: REFRESH,
    queryFn: () => unwrap(api.GET('/api/v1/exhibitors/stats', { params: { query: { editionId } } })),
  });
}

/** Each queue's counts, and the failed jobs (newest first, a few each) of the queues that have some. */
export function useQueues() {
  return useQuery({
    queryKey: ['adminDashboard', 'queues'],
    refetchInterval: REFRESH,
    queryFn: async () => {
      const queues = (await unwrap(api.GET('/api/v1/system/queues', {}))).items;
      const failing = queues.filter((queue) => queue.failed > 0);
      const failed = await Promise.all(
        failing.map(async (queue) => ({
          queue: queue.name,
          jobs: (await unwrap(api.GET('/api/v1/system/queues/{queue}/failed', { params: { path: { queue: queue.name }, query: { limit: 5 } } }))).items,
        })),
      );
      return { queues, failed };
    },
  });
}

/**
 * Messages that could not be sent (the SMTP server refused them or the tries ran out), of every edition:
 * account messages (invitations, password links) belong to none.
 */
export function useFailedMessages() {
  return useQuery({
    queryKey: ['adminDashboard', 'failedMessages'],
    refetchInterval: REFRESH,
    queryFn: () => unwrap(api.GET('/api/v1/messages', { params: { query: { status: 'failed', limit: 10 } } })),
  });
}
