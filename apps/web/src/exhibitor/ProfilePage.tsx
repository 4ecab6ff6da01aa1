import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../shared/api';
import { ErrorMessage } from '../shared/errors';
import { type Exhibitor, exhibitorKeys, explain, useOwnExhibitor } from './queries';

const EDITABLE = ['website', 'description', 'contactName', 'contactEmail', 'contactPhone'] as const;
type Editable = (typeof EDITABLE)[number];
type Draft = Record<Editable, string>;

const draftOf = (exhibitor: Exhibitor): Draft => Object.fromEntries(EDITABLE.map((key) => [key, exhibitor[key] ?? ''])) as Draft;

/** What the organiser keeps about the company: shown, not editable by the manager. */
function CompanyFacts({ exhibitor }: { exhibitor: Exhibitor }) {
  const { t, i18n } = useTranslation('exhibitorArea');
  const country = new Intl.DisplayNames([i18n.language], { type: 'region' }).of(exhibitor.country) ?? exhibitor.country;
  return (
    <dl className="facts">
      <dt>{t('profile.legalName')}</dt>
      <dd dir="auto">{exhibitor.legalName ?? '—'}</dd>
      <dt>{t('profile.place')}</dt>
      <dd dir="auto">{[exhibitor.city, country].filter(Boolean).join(', ')}</dd>
      <dt>{t('profile.status')}</dt>
      <dd>{t(`status.${exhibitor.status}`)}</dd>
      <dt>{t('profile.stands')}</dt>
      <dd>{exhibitor.stands.length ? exhibitor.stands.map((s) => s.code).join(', ') : t('profile.noStand')}</dd>
      <dt>{t('profile.quota')}</dt>
      <dd>{t('profile.quotaText', { used: exhibitor.staffUsed, quota: exhibitor.staffQuota })}</dd>
    </dl>
  );
}

function ProfileForm({ exhibitor }: { exhibitor: Exhibitor }) {
  const { t } = useTranslation('exhibitorArea');
  const client = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(exhibitor));
  useEffect(() => setDraft(draftOf(exhibitor)), [exhibitor]);
  const save = useMutation({
    mutationFn: () => {
      const body = Object.fromEntries(EDITABLE.map((key) => [key, draft[key].trim() || null]));
      return unwrap(api.PATCH('/api/v1/exhibitors/{id}', { params: { path: { id: exhibitor.id } }, body }));
    },
    onSuccess: (next) => client.setQueryData(exhibitorKeys.profile(exhibitor.id), next),
  });
  const fields = save.error instanceof ApiError ? save.error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={submit} className="profile-form">
      <h2>{t('profile.editTitle')}</h2>
      <p>{t('profile.editText')}</p>
      {EDITABLE.map((key) => (
        <label key={key}>
          {t(`profile.${key}`)}
          {key === 'description' ? (
            <textarea rows={4} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} dir="auto" />
          ) : (
            <input
              type={key === 'contactEmail' ? 'email' : key === 'website' ? 'url' : key === 'contactPhone' ? 'tel' : 'text'}
              value={draft[key]}
              onChange={(e) => setDraft({ ...draft, [key]: e.target.value })}
              dir="auto"
            />
          )}
          {fields[key] && <span className="error field-error">{fields[key]}</span>}
        </label>
      ))}
      <button type="submit" className="primary" disabled={save.isPending}>
        {t('profile.save')}
      </button>
      <div role="status">{save.isSuccess && <p className="good">{t('profile.saved')}</p>}</div>
      {save.error && !Object.keys(fields).length ? <p className="error" role="alert">{explain(t, save.error)}</p> : null}
    </form>
  );
}

/** The company's profile: the organiser's facts, and what the manager may change (website, description, contact). */
export function ProfilePage({ exhibitorId }: { exhibitorId: string }) {
  const { t } = useTranslation('exhibitorArea');
  const exhibitor = useOwnExhibitor(exhibitorId);
  if (exhibitor.error) return <ErrorMessage error={exhibitor.error} />;
  if (!exhibitor.data) return <p className="loading">{t('loading', { ns: 'common' })}</p>;
  return (
    <section className="card exhibitor-area" aria-labelledby="profile-title">
      <h1 id="profile-title" dir="auto">
        {exhibitor.data.name}
      </h1>
      <CompanyFacts exhibitor={exhibitor.data} />
      <ProfileForm exhibitor={exhibitor.data} />
    </section>
  );
}
