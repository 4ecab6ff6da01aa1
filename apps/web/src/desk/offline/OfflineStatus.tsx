import './texts';
import './offline.css';
import type { TFunction } from 'i18next';
import { useSyncExternalStore } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeError } from '../../shared/errors';
import { dismissConflict } from './sync';
import { useFairTime } from '../fairClock';
import { type OfflineState, offlineState, onOfflineState } from './status';
import type { ScanConflict } from './store';

/** The offline engine's state, as React state. */
export function useOfflineState(): OfflineState {
  return useSyncExternalStore(onOfflineState, offlineState);
}

function statusLine(t: TFunction<'deskOffline'>, s: OfflineState): string {
  if (s.needsLogin) return t('status.needsLogin', { count: s.waiting });
  if (!s.online && s.unprepared) return t('status.unprepared');
  if (!s.online) return t('status.offline', { count: s.waiting });
  if (s.uploading) return t('status.uploading', { count: s.waiting });
  return s.waiting > 0 ? t('status.waiting', { count: s.waiting }) : '';
}

/** The desk's connection state ("Hors ligne — 3 scans en attente") and the upload conflicts, in words. */
export function OfflineStatus() {
  const { t } = useTranslation('deskOffline');
  const state = useOfflineState();
  const line = statusLine(t, state);
  const tone = state.needsLogin || (!state.online && state.unprepared) ? 'bad' : !state.online ? 'offline' : 'online';
  return (
    <section className="desk-offline" aria-label={line || undefined}>
      <p role="status" className={line ? `desk-offline-line ${tone}` : 'desk-offline-line empty'}>
        {line}
        {state.needsLogin && (
          <>
            {' '}
            <Link to="/login?next=%2Fdesk">{t('status.login')}</Link>
          </>
        )}
      </p>
      {state.uploadRefused !== undefined && state.online && (
        <p className="error" role="alert">
          {t('status.refused', { count: state.waiting, reason: describeError(t, state.uploadRefused) })}
        </p>
      )}
      {state.conflicts.length > 0 && <Conflicts conflicts={state.conflicts} />}
    </section>
  );
}

function Conflicts({ conflicts }: { conflicts: ScanConflict[] }) {
  const { t } = useTranslation('deskOffline');
  return (
    <div className="desk-offline-conflicts" role="alert">
      <h2>{t('conflicts.title')}</h2>
      <p>{t('conflicts.intro')}</p>
      <ul>
        {conflicts.map((conflict) => (
          <ConflictItem key={conflict.nonce} conflict={conflict} />
        ))}
      </ul>
    </div>
  );
}

function ConflictItem({ conflict }: { conflict: ScanConflict }) {
  const { t } = useTranslation('deskOffline');
  const fairTime = useFairTime();
  const name = conflict.attendee ? `${conflict.attendee.firstName} ${conflict.attendee.lastName}`.trim() : t('conflicts.someone');
  const time = fairTime(conflict.scannedAt);
  return (
    <li>
      <span>
        <Trans t={t} i18nKey="conflicts.item" values={{ name, time, reason: conflictReason(t, conflict, fairTime) }} components={{ who: <bdi dir="auto" /> }} />
      </span>
      <button type="button" aria-label={t('conflicts.seenLabel', { name, time })} onClick={() => void dismissConflict(conflict.nonce)}>
        {t('conflicts.seen')}
      </button>
    </li>
  );
}

/** Why the server refused, in words (`fairTime` says the first check-in's time, see useFairTime). */
export function conflictReason(t: TFunction<'deskOffline'>, conflict: ScanConflict, fairTime: (iso: string) => string): string {
  const code = conflict.server;
  if (code === 'already_checked_in') {
    return conflict.firstCheckedInAt ? t('reasons.already_checked_in', { time: fairTime(conflict.firstCheckedInAt) }) : t('reasons.already_checked_in_unknown');
  }
  const known = ['revoked', 'cancelled', 'not_valid_today', 'invalid', 'other_edition', 'scanned_outside_fair_days', 'nonce_reused'];
  return known.includes(code) ? t(`reasons.${code}`) : t('reasons.other', { code });
}
