import { useEffect, useState } from 'react';
import type { Edition } from '../shared/useEdition';
import { type Session, type SessionInput, localClock, localDay } from './queries';

export interface SessionDraft {
  title: string;
  description: string;
  type: Session['type'];
  language: Session['language'];
  roomId: string;
  day: string;
  start: string;
  end: string;
  capacity: string;
  registrationRequired: boolean;
  speakers: NonNullable<SessionInput['speakers']>;
}

export function draftOf(session: Session | undefined, edition: Edition, day?: string): SessionDraft {
  return {
    title: session?.title ?? '',
    description: session?.description ?? '',
    type: session?.type ?? 'talk',
    language: session?.language ?? 'fr',
    roomId: session?.room.id ?? '',
    day: session ? localDay(session.startsAt) : (day ?? edition.days[0]?.date ?? ''),
    start: session ? localClock(session.startsAt) : '',
    end: session ? localClock(session.endsAt) : '',
    capacity: session ? String(session.capacity) : '',
    registrationRequired: session?.registrationRequired ?? false,
    speakers: session?.speakers.map((s) => ({ speakerId: s.id, role: s.role })) ?? [],
  };
}

/** The body the API takes: local times "2027-04-16T14:00", read in the edition's time zone by the API. */
export function bodyOf(draft: SessionDraft, editionId: string): SessionInput {
  return {
    editionId,
    title: draft.title.trim(),
    description: draft.description.trim() || undefined,
    type: draft.type,
    language: draft.language,
    roomId: draft.roomId,
    startsAt: `${draft.day}T${draft.start}`,
    endsAt: `${draft.day}T${draft.end}`,
    capacity: draft.capacity ? Number(draft.capacity) : null,
    registrationRequired: draft.registrationRequired,
    speakers: draft.speakers,
  };
}

/** What the API would refuse without looking at other sessions; said beside the field before sending. */
export function checkDraft(draft: SessionDraft, t: (key: string) => string): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!draft.title.trim()) errors.title = t('errors.required');
  if (!draft.roomId) errors.roomId = t('errors.required');
  if (!draft.start) errors.startsAt = t('errors.required');
  if (!draft.end) errors.endsAt = t('errors.required');
  else if (draft.start && draft.end <= draft.start) errors.endsAt = t('errors.endAfterStart');
  if (draft.capacity && !(Number.isInteger(Number(draft.capacity)) && Number(draft.capacity) > 0)) errors.capacity = t('errors.capacity');
  return errors;
}

/** The times a session may start or end on a day: every quarter of an hour from opening to closing. */
export function quarterHours(edition: Edition, day: string): string[] {
  const fairDay = edition.days.find((d) => d.date === day);
  if (!fairDay) return [];
  const toMinutes = (clock: string) => Number(clock.slice(0, 2)) * 60 + Number(clock.slice(3, 5));
  const first = Math.ceil(toMinutes(localClock(fairDay.opensAt)) / 15) * 15;
  const last = toMinutes(localClock(fairDay.closesAt));
  const times: string[] = [];
  for (let m = first; m <= last; m += 15) times.push(`${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);
  return times;
}

/** `value`, once it has stopped changing for `ms`. */
export function useSettled<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [key]);
  return settled;
}
