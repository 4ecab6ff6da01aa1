import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../shared/errors';
import { Layout } from '../shared/Layout';
import { CameraScanner } from './camera/CameraScanner';
import { type DeskAnswer, createDeskScanner } from './scanner';

/**
 * A stand-in host for the camera (until the desk page of #15 is merged): a "Camera" toggle, the scanner,
 * and the last answer in words with the attendee's name. The desk page replaces it.
 */
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

export default function DeskApp() {
  const { t } = useTranslation('deskCamera');
  const [camera, setCamera] = useState(false);
  const [answer, setAnswer] = useState<DeskAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);
  const scanner = useMemo(() => createDeskScanner({ deskId: 'desk-1' }), []);
  const onCode = useCallback(
    (code: string) =>
      void scanner.scan(code).then(
        (got) => (setAnswer(got), setError(null)),
        (failed: unknown) => (setAnswer(null), setError(failed)),
      ),
    [scanner],
  );
  return (
    <Layout area="desk">
      <h1>{t('host.title')}</h1>
      <button type="button" className="primary" aria-pressed={camera} onClick={() => setCamera((on) => !on)}>
        {t('host.camera')}
      </button>
      {camera && <CameraScanner onCode={onCode} />}
      {answer && <Answer answer={answer} />}
      {error !== null && <ErrorMessage error={error} />}
    </Layout>
  );
}
