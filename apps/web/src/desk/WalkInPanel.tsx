import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../shared/api';
import { ErrorMessage } from '../shared/errors';
import type { DeskDevice } from './setup';

/** A visitor registered at the desk; then checked in and their badge printed (`onRegistered`). */
export function WalkInPanel({ device, onRegistered }: { device: DeskDevice; onRegistered: (attendeeId: string) => void }) {
  const { t } = useTranslation('desk');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function register(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => String(form.get(name) ?? '').trim() || undefined;
    setBusy(true);
    setError(null);
    try {
      const body = { category: 'visitor' as const, editionId: device.editionId, firstName: text('firstName')!, lastName: text('lastName')!, organisation: text('organisation'), email: text('email') };
      const created = await unwrap(api.POST('/api/v1/attendees', { body }));
      onRegistered(created.id);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  const refusal = error instanceof ApiError && ['desk_visitors_only', 'desk_fair_day_only'].includes(error.code) ? error.code : null;
  return (
    <section className="card desk-panel" aria-labelledby="desk-walkin-title">
      <h2 id="desk-walkin-title">{t('walkIn.title')}</h2>
      <p className="desk-hint">{t('walkIn.note')}</p>
      <form onSubmit={register} className="desk-walkin-form">
        <label>
          {t('walkIn.firstName')}
          <input name="firstName" required maxLength={100} autoFocus autoComplete="off" dir="auto" />
        </label>
        <label>
          {t('walkIn.lastName')}
          <input name="lastName" required maxLength={100} autoComplete="off" dir="auto" />
        </label>
        <label>
          {t('walkIn.organisation')}
          <input name="organisation" maxLength={200} autoComplete="off" dir="auto" />
        </label>
        <label>
          {t('walkIn.email')}
          <input name="email" type="email" maxLength={254} autoComplete="off" />
        </label>
        {refusal ? <p className="error" role="alert">{t(`walkIn.${refusal}`)}</p> : <ErrorMessage error={error} />}
        <button type="submit" className="primary" disabled={busy}>{t('walkIn.submit')}</button>
      </form>
    </section>
  );
}
