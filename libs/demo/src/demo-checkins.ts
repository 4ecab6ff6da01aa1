import { localDate, localToInstant } from '@fairops/core';
import { DEMO_EDITION, DEMO_TIME_ZONE } from './demo-data';

/**
 * When the demo's first-day check-ins happen: the morning's arrivals, from the opening of the doors
 * (09:00 in Oujda) until noon. When the first fair day is today, only until now, so that no check-in lies
 * in the future: before the doors open there is none yet. (A first day pinned in the future with
 * DEMO_START_DATE is a fiction anyway; its morning is filled in like any other.)
 */
export function demoCheckinWindow(firstDay: string, now: Date): { from: Date; to: Date } | undefined {
  const from = localToInstant(firstDay, DEMO_EDITION.opensAt, DEMO_TIME_ZONE);
  const noon = localToInstant(firstDay, '12:00', DEMO_TIME_ZONE);
  const today = localDate(now, DEMO_TIME_ZONE) === firstDay;
  const to = today ? new Date(Math.min(noon.getTime(), now.getTime())) : noon;
  return to.getTime() > from.getTime() ? { from, to } : undefined;
}
