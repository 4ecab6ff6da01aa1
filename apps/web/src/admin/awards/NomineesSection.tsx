import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../shared/api';
import { type Prize, explain, usePrizeChange } from './queries';

/** The prize's nominees, and one more (while the results are open). */
export function NomineesSection({ prize }: { prize: Prize }) {
  const { t } = useTranslation('adminAwards');
  const [name, setName] = useState('');
  const [dossier, setDossier] = useState('');
  const add = usePrizeChange(prize.id, () =>
    unwrap(api.POST('/api/v1/awards/prizes/{id}/nominees', { params: { path: { id: prize.id } }, body: { name: name.trim(), dossier: dossier.trim() || undefined } })),
  );
  const fields = add.error instanceof ApiError ? add.error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(undefined, {
      onSuccess: () => {
        setName('');
        setDossier('');
      },
    });
  };
  return (
    <section className="card" aria-labelledby="nominees-title">
      <h2 id="nominees-title">{t('nominees.title', { count: prize.nominees.length })}</h2>
      {prize.nominees.length === 0 ? (
        <p>{t('nominees.none')}</p>
      ) : (
        <ul className="plain nominee-list">
          {prize.nominees.map((n) => (
            <li key={n.id} dir="auto">
              {n.name}
            </li>
          ))}
        </ul>
      )}
      {prize.resultsStatus === 'open' && (
        <form className="inline-form" onSubmit={submit}>
          <label>
            {t('nominees.name')}
            <input value={name} onChange={(e) => setName(e.target.value)} required dir="auto" />
            {fields.name && <span className="error field-error">{fields.name}</span>}
          </label>
          <label>
            {t('nominees.dossier')}
            <input value={dossier} onChange={(e) => setDossier(e.target.value)} dir="auto" />
          </label>
          <button type="submit" disabled={add.isPending}>
            {t('nominees.add')}
          </button>
        </form>
      )}
      {add.error && !fields.name ? <p className="error" role="alert">{explain(t, add.error)}</p> : null}
    </section>
  );
}
