import { useTranslation } from 'react-i18next';
import { describeError } from '../shared/errors';
import { PrintBadge } from './PrintBadge';
import type { DeskAnswer } from './scanner';
import { useFairTime } from './fairClock';
import type { DeskDevice } from './setup';

/** What the answer area shows: nothing yet, a scan under way, the last answer, or why the scan failed. */
export type Shown = { kind: 'idle' } | { kind: 'checking' } | { kind: 'answer'; answer: DeskAnswer; seq: number; print?: boolean } | { kind: 'error'; error: unknown };

function tone(answer: DeskAnswer): 'ok' | 'warn' | 'bad' {
  return answer.result === 'ok' ? 'ok' : answer.result === 'already_checked_in' ? 'warn' : 'bad';
}

function Headline({ answer }: { answer: DeskAnswer }) {
  const { t } = useTranslation('desk');
  const fairTime = useFairTime();
  if (answer.result === 'ok') return <>{t('answer.ok')}</>;
  if (answer.result === 'already_checked_in') {
    if (!answer.firstCheckedInAt) return <>{t('answer.already')}</>;
    const time = fairTime(answer.firstCheckedInAt);
    return <>{answer.firstDeskId ? t('answer.alreadyAtDesk', { time, desk: answer.firstDeskId }) : t('answer.alreadyAt', { time })}</>;
  }
  return <>{t('answer.refused')}</>;
}

function Person({ attendee }: { attendee: NonNullable<DeskAnswer['attendee']> }) {
  const { t } = useTranslation('desk');
  return (
    <div className="desk-person">
      <p className="desk-name" dir="auto">
        {attendee.firstName} {attendee.lastName}
      </p>
      {attendee.organisation && (
        <p className="desk-org" dir="auto">
          {attendee.organisation}
        </p>
      )}
      <p className="desk-category">{t(`category.${attendee.category}`, { defaultValue: attendee.category })}</p>
    </div>
  );
}

/** The answer, filling the screen: green welcome, amber "already", red with the reason in words. */
export function AnswerView({ shown, device }: { shown: Shown; device: DeskDevice }) {
  const { t } = useTranslation('desk');
  if (shown.kind === 'idle') return <p className="desk-answer desk-idle">{t('scan.waiting')}</p>;
  if (shown.kind === 'checking') return <p className="desk-answer desk-idle">{t('scan.checking')}</p>;
  if (shown.kind === 'error') {
    return (
      <div className="desk-answer desk-bad">
        <p className="desk-headline">{t('answer.error')}</p>
        <p className="desk-reason">{describeError(t, shown.error)}</p>
      </div>
    );
  }
  const { answer } = shown;
  const kind = tone(answer);
  return (
    <div className={`desk-answer desk-${kind}`} data-result={answer.result}>
      <p className="desk-headline">
        <Headline answer={answer} />
      </p>
      {kind === 'bad' && <p className="desk-reason">{t(`answer.${answer.result}`)}</p>}
      {answer.attendee && <Person attendee={answer.attendee} />}
      {answer.offline && <p className="desk-offline-note">{t('answer.offline')}</p>}
      {answer.attendee && kind !== 'bad' && !answer.offline && (
        <PrintBadge key={shown.seq} device={device} attendeeId={answer.attendee.id} autoStart={shown.print} />
      )}
    </div>
  );
}
