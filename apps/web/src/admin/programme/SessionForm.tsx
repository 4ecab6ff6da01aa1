import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api, unwrap } from '../../shared/api';
import { ErrorMessage } from '../../shared/errors';
import { type Edition, useEdition } from '../shared/useEdition';
import { useEditionLink } from '../shared/useEditionLink';
import { useUrlFilters } from '../shared/useUrlFilters';
import { ClashCheck, collisionOf } from './ClashCheck';
import { ProgrammeNav } from './ProgrammeNav';
import { type Session, type SessionInput } from './queries';
import { SessionFields } from './SessionFields';
import { type SessionDraft, bodyOf, checkDraft, draftOf } from './sessionDraft';

export function NewSession() {
  const { t } = useTranslation('adminProgramme');
  const { edition } = useEdition();
  const [{ day }] = useUrlFilters({ day: '' });
  if (!edition) return <p className="loading">{t('loading', { ns: 'common' })}</p>;
  return (
    <section className="card programme">
      <h1>{t('new')}</h1>
      <ProgrammeNav />
      <SessionForm key={edition.id} edition={edition} day={day || undefined} />
    </section>
  );
}

/**
 * Create a session, or edit one (move it: day, hours, room). Clashes (room or speaker taken) are asked of
 * the API as the form is filled and named inline before saving; a clash at saving (409) is named too.
 */
export function SessionForm({ edition, session, day }: { edition: Edition; session?: Session; day?: string }) {
  const { t } = useTranslation('adminProgramme');
  const [draft, setDraft] = useState(() => draftOf(session, edition, day));
  const [checked, setChecked] = useState<Record<string, string>>({});
  const save = useSaveSession(session);
  const apiFields = save.error instanceof ApiError ? save.error.fields : {};
  const errors = { ...apiFields, ...checked };
  const set = (changes: Partial<SessionDraft>) => setDraft((current) => ({ ...current, ...changes }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = checkDraft(draft, t);
    setChecked(found);
    if (Object.keys(found).length === 0) save.mutate(bodyOf(draft, edition.id));
  };
  const collision = collisionOf(save.error);
  return (
    <form className="session-form" noValidate onSubmit={submit}>
      <SessionFields edition={edition} draft={draft} set={set} errors={errors} />
      <ClashCheck edition={edition} draft={draft} exceptId={session?.id} />
      {collision && (
        <p className="error" role="alert">
          {t(`clash.refused.${collision.kind}`, { title: collision.title })}
        </p>
      )}
      {save.error && !collision && Object.keys(apiFields).length === 0 ? <ErrorMessage error={save.error} /> : null}
      {save.isSuccess && session && <p role="status">{t('saved')}</p>}
      <button type="submit" className="primary" disabled={save.isPending}>
        {session ? t('saveMove') : t('create')}
      </button>
    </form>
  );
}

function useSaveSession(session: Session | undefined) {
  const client = useQueryClient();
  const navigate = useNavigate();
  const to = useEditionLink();
  return useMutation({
    mutationFn: (body: SessionInput) =>
      session ? unwrap(api.PATCH('/api/v1/sessions/{id}', { params: { path: { id: session.id } }, body })) : unwrap(api.POST('/api/v1/sessions', { body })),
    onSuccess: (saved) => {
      void client.invalidateQueries({ queryKey: ['sessions'] });
      client.setQueryData(['session', saved.id], saved);
      if (!session) void navigate(to(`/admin/programme/sessions/${saved.id}`));
    },
  });
}
