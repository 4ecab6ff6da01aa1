import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { ErrorMessage } from '../../shared/errors';
import { Field } from '../shared/FieldError';
import { useBadgePrint } from './badgePrint';
import type { Attendee } from './queries';

/** Prints the badge: a print job the worker renders, followed until ready, then the PDF to open. */
export function BadgePrint({ attendee }: { attendee: Attendee }) {
  const { t } = useTranslation('adminAttendees');
  const [state, print] = useBadgePrint(attendee.editionId, attendee.id);
  const [reason, setReason] = useState('');
  const fields = state.step === 'failed' && state.error instanceof ApiError ? state.error.fields : {};
  const needsReason = 'reprintReason' in fields || reason !== '';
  return (
    <section className="card badge-print" aria-labelledby="badge-print-title">
      <h2 id="badge-print-title">{t('print.title')}</h2>
      <p>{t('print.text', { version: attendee.badgeVersion })}</p>
      {needsReason && (
        <Field name="reprintReason" label={t('print.reason')} error={fields.reprintReason}>
          {(props) => <input {...props} value={reason} onChange={(event) => setReason(event.target.value)} />}
        </Field>
      )}
      <button type="button" className="primary" disabled={state.step === 'waiting'} onClick={() => void print(reason)}>
        {t('print.button')}
      </button>
      <PrintProgress state={state} />
    </section>
  );
}

function PrintProgress({ state }: { state: ReturnType<typeof useBadgePrint>[0] }) {
  const { t } = useTranslation('adminAttendees');
  if (state.step === 'idle') return null;
  if (state.step === 'failed') return 'reprintReason' in (state.error instanceof ApiError ? state.error.fields : {}) ? null : <ErrorMessage error={state.error} />;
  if (state.step === 'waiting') {
    return (
      <p role="status">
        {t('print.waiting', { status: t(`print.status.${state.job?.status ?? 'queued'}`) })}
      </p>
    );
  }
  return (
    <p role="status">
      {t('print.ready')}{' '}
      <a href={state.url} target="_blank" rel="noreferrer">
        {t('print.open')}
      </a>
    </p>
  );
}
