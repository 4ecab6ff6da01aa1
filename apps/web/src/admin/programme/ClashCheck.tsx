import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../shared/api';
import { ErrorMessage } from '../../shared/errors';
import type { Edition } from '../shared/useEdition';
import { localClock, useSpeakers } from './queries';
import { type SessionDraft, bodyOf, checkDraft, useSettled } from './sessionDraft';

/** The other session a 409 names (`details.collidesWith`), and whether a room or a speaker clashed. */
export function collisionOf(error: unknown): { kind: 'room' | 'speaker'; title: string } | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const other = (error.details as { collidesWith?: { title: string } } | undefined)?.collidesWith;
  if (!other) return null;
  return { kind: error.code === 'speaker_double_booked' ? 'speaker' : 'room', title: other.title };
}

/**
 * Asks the API (POST /sessions/check) whether the session as typed would clash, a moment after typing
 * stops, and names each other session in the way: the room taken, or a speaker already speaking.
 */
export function ClashCheck({ edition, draft, exceptId }: { edition: Edition; draft: SessionDraft; exceptId?: string }) {
  const { t } = useTranslation('adminProgramme');
  const settled = useSettled(draft, 300);
  const complete = Object.keys(checkDraft(settled, t)).length === 0;
  const body = { ...bodyOf(settled, edition.id), exceptId };
  const check = useQuery({
    queryKey: ['session-check', body],
    queryFn: () => unwrap(api.POST('/api/v1/sessions/check', { body })),
    enabled: complete,
    retry: false,
  });
  const speakers = useSpeakers(edition.id);
  const nameOf = (id?: string) => speakers.data?.items.find((s) => s.id === id)?.name ?? '';
  if (!complete) return null;
  if (check.error) return check.error instanceof ApiError && check.error.status === 400 ? <ErrorMessage error={check.error} /> : null;
  if (!check.data) return null;
  if (check.data.ok) return <p className="clash-none" role="status">{t('clash.none')}</p>;
  return (
    <div className="clash" role="alert">
      <p>{t('clash.title')}</p>
      <ul>
        {check.data.conflicts.map((conflict) => (
          <li key={`${conflict.kind}-${conflict.session.id}-${conflict.speakerId ?? ''}`}>
            {t(`clash.${conflict.kind}`, { title: conflict.session.title, speaker: nameOf(conflict.speakerId), from: localClock(conflict.session.startsAt), to: localClock(conflict.session.endsAt) })}
          </li>
        ))}
      </ul>
    </div>
  );
}
