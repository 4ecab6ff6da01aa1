import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap, type Schema } from '../shared/api';
import { ErrorMessage } from '../shared/errors';
import { useFairTime } from './fairClock';
import type { DeskDevice } from './setup';

type Attendee = Schema<'AttendeeDto'>;

function ResultRow({ person, onCheckIn }: { person: Attendee; onCheckIn: (id: string) => void }) {
  const { t } = useTranslation('desk');
  const fairTime = useFairTime();
  const name = `${person.firstName} ${person.lastName}`;
  return (
    <li className="desk-result">
      <div>
        <span className="desk-result-name" dir="auto">{name}</span>
        {person.organisation && <span className="desk-result-org" dir="auto">{person.organisation}</span>}
        <span className="desk-result-meta">
          {t(`category.${person.category}`, { defaultValue: person.category })}
          {person.email && <> · <span dir="auto">{person.email}</span></>}
          {person.checkedInTodayAt && <> · {t('search.checkedInAt', { time: fairTime(person.checkedInTodayAt) })}</>}
          {person.status === 'cancelled' && <> · {t('search.cancelled')}</>}
        </span>
      </div>
      <button type="button" className="primary" aria-label={t('search.checkInOf', { name })} onClick={() => onCheckIn(person.id)}>
        {t('search.checkIn')}
      </button>
    </li>
  );
}

/** For people without their code: find them by name, email or organisation, then check them in. */
export function SearchPanel({ device, onCheckIn }: { device: DeskDevice; onCheckIn: (attendeeId: string) => void }) {
  const { t } = useTranslation('desk');
  const [found, setFound] = useState<{ items: Attendee[]; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const q = String(form.get('q') ?? '').trim();
    if (!q) return;
    setBusy(true);
    setError(null);
    try {
      const query = { q, validToday: form.get('validToday') === 'on' ? true : undefined, editionId: device.editionId, limit: 20 };
      setFound(await unwrap(api.GET('/api/v1/attendees', { params: { query } })));
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card desk-panel" aria-labelledby="desk-search-title">
      <h2 id="desk-search-title">{t('search.title')}</h2>
      <form onSubmit={search} className="desk-search-form">
        <label>
          {t('search.query')}
          <input name="q" type="search" autoFocus autoComplete="off" maxLength={100} />
        </label>
        <label className="desk-check">
          <input name="validToday" type="checkbox" defaultChecked /> {t('search.validToday')}
        </label>
        <button type="submit" className="primary" disabled={busy}>{t('search.submit')}</button>
      </form>
      <ErrorMessage error={error} />
      {found && (
        <>
          <p role="status">{found.items.length ? t('search.count', { count: found.total }) : t('search.none')}</p>
          <ul className="desk-results">
            {found.items.map((person) => <ResultRow key={person.id} person={person} onCheckIn={onCheckIn} />)}
          </ul>
        </>
      )}
    </section>
  );
}
