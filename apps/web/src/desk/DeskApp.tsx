import { type FormEvent, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../shared/errors';
import { Layout } from '../shared/Layout';
import { CameraScanner } from './camera/CameraScanner';
import { OfflineStatus } from './offline/OfflineStatus';
import { fairTime } from './offline/status';
import { type DeskAnswer, type DeskSetup, createDeskScanner } from './scanner';

/*
 * Stand-ins until the desk page of #15 is merged: the offline work's minimal scan screen and the camera's
 * host. A MINIMAL scan screen (the offline work's own, to be merged with the real desk page of #15): the
 * handheld field "Code du badge" that submits on Enter, the offline status, and the answer in words.
 */
function deskSetup(): DeskSetup {
  try {
    const kept = JSON.parse(localStorage.getItem('fairops.desk.setup') ?? 'null') as DeskSetup | null;
    if (kept?.deskId) return kept;
  } catch {
    // an unreadable set-up: the default desk
  }
  return { deskId: 'desk-1' };
}

export default function DeskApp() {
  return (
    <Layout area="desk">
      <OfflineStatus />
      <ScanScreen />
      <CameraHost />
    </Layout>
  );
}

function ScanScreen() {
  const { t } = useTranslation('deskOffline');
  const scanner = useMemo(() => createDeskScanner(deskSetup()), []);
  const [answer, setAnswer] = useState<DeskAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const field = useRef<HTMLInputElement>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const code = field.current!.value.trim();
    field.current!.value = '';
    field.current!.focus();
    if (!code) return;
    setError(null);
    scanner.scan(code).then(setAnswer, (failure: unknown) => {
      setAnswer(null);
      setError(failure);
    });
  };
  return (
    <section>
      <h1>{t('scan.title')}</h1>
      <form onSubmit={submit}>
        <label>
          {t('scan.code')}
          <input ref={field} autoFocus autoComplete="off" spellCheck={false} />
        </label>
      </form>
      <ErrorMessage error={error} />
      {answer && <AnswerView answer={answer} />}
    </section>
  );
}

const TONES = { ok: '#0f7a3d', already_checked_in: '#ffd66b' } as Record<string, string>;

function AnswerView({ answer }: { answer: DeskAnswer }) {
  const { t } = useTranslation('deskOffline');
  const time = answer.firstCheckedInAt ? fairTime(answer.firstCheckedInAt) : '';
  const words = answer.result === 'already_checked_in' && answer.firstDeskId ? t('answer.already_checked_in_desk', { time, desk: answer.firstDeskId }) : t(`answer.${answer.result}`, { time });
  const background = TONES[answer.result] ?? '#b3261e';
  const name = answer.attendee ? `${answer.attendee.firstName} ${answer.attendee.lastName}`.trim() : '';
  return (
    <div role="status" className="card" style={{ background, color: answer.result === 'already_checked_in' ? '#14202b' : '#fff', fontSize: '1.5rem' }}>
      <p style={{ fontWeight: 700, fontSize: '2rem', margin: 0 }}>{words}</p>
      {name && <p dir="auto">{name}</p>}
      {answer.attendee?.organisation && <p dir="auto">{answer.attendee.organisation}</p>}
      {answer.attendee && <p>{t(`categories.${answer.attendee.category}`)}</p>}
      {answer.offline && <p style={{ fontSize: '1rem' }}>{t('status.decidedHere')}</p>}
    </div>
  );
}

function Answer({ answer }: { answer: DeskAnswer }) {
  const { t } = useTranslation('deskCamera');
  const person = answer.attendee;
  return (
    <div className={`camera-answer camera-answer-${answer.result === 'ok' ? 'ok' : answer.result === 'already_checked_in' ? 'warn' : 'bad'}`} role="alert">
      <p className="camera-answer-verdict">{t(`host.results.${answer.result}`)}</p>
      {person && (
        <p className="camera-answer-name" dir="auto">
          {person.firstName} {person.lastName}
        </p>
      )}
    </div>
  );
}

function CameraHost() {
  const { t } = useTranslation('deskCamera');
  const [camera, setCamera] = useState(false);
  const [answer, setAnswer] = useState<DeskAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const scanner = useMemo(() => createDeskScanner(deskSetup()), []);
  const onCode = useCallback(
    (code: string) =>
      void scanner.scan(code).then(
        (got) => (setAnswer(got), setError(null)),
        (failed: unknown) => (setAnswer(null), setError(failed)),
      ),
    [scanner],
  );
  return (
    <section>
      <button type="button" className="primary" aria-pressed={camera} onClick={() => setCamera((on) => !on)}>
        {t('host.camera')}
      </button>
      {camera && <CameraScanner onCode={onCode} />}
      {answer && <Answer answer={answer} />}
      {error !== null && <ErrorMessage error={error} />}
    </section>
  );
}
