import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api, unwrap } from '../../shared/api';
import { ErrorMessage } from '../../shared/errors';
import { Field } from '../shared/FieldError';
import { useEdition } from '../shared/useEdition';
import { ProgrammeNav } from './ProgrammeNav';
import { useSpeakers } from './queries';

const EMPTY = { name: '', function: '', organisation: '', bio: '' };
type SpeakerDraft = typeof EMPTY;

/** The edition's speakers, and a form to add one. */
export function Speakers() {
  const { t } = useTranslation('adminProgramme');
  const { editionId } = useEdition();
  const speakers = useSpeakers(editionId);
  return (
    <section className="card programme">
      <h1>{t('speakers.title')}</h1>
      <ProgrammeNav />
      <ErrorMessage error={speakers.error} />
      <ul className="prog-speaker-list">
        {speakers.data?.items.map((speaker) => (
          <li key={speaker.id}>
            <strong dir="auto">{speaker.name}</strong>
            {speaker.function && <span dir="auto"> — {speaker.function}</span>}
            {speaker.organisation && <span dir="auto"> ({speaker.organisation})</span>}
          </li>
        ))}
      </ul>
      {speakers.data?.items.length === 0 && <p>{t('speakers.none')}</p>}
      {editionId && <AddSpeaker editionId={editionId} />}
    </section>
  );
}

function AddSpeaker({ editionId }: { editionId: string }) {
  const { t } = useTranslation('adminProgramme');
  const client = useQueryClient();
  const [draft, setDraft] = useState<SpeakerDraft>(EMPTY);
  const [checked, setChecked] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/speakers', { body: { editionId, name: draft.name.trim(), function: draft.function.trim() || undefined, organisation: draft.organisation.trim() || undefined, bio: draft.bio.trim() || undefined } })),
    onSuccess: () => {
      setDraft(EMPTY);
      void client.invalidateQueries({ queryKey: ['speakers'] });
    },
  });
  const errors = { ...(add.error instanceof ApiError ? add.error.fields : {}), ...checked };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = draft.name.trim() ? {} : { name: t('errors.required') };
    setChecked(found);
    if (!found.name) add.mutate();
  };
  return (
    <form noValidate onSubmit={submit} aria-labelledby="add-speaker-title">
      <h2 id="add-speaker-title">{t('speakers.add')}</h2>
      <div className="prog-fields">
        {(['name', 'function', 'organisation', 'bio'] as const).map((name) => (
          <Field key={name} name={name} label={t(`speakers.${name}`)} error={errors[name]}>
            {(props) => <input {...props} dir="auto" value={draft[name]} onChange={(event) => setDraft({ ...draft, [name]: event.target.value })} />}
          </Field>
        ))}
      </div>
      {add.error && !Object.keys(errors).length ? <ErrorMessage error={add.error} /> : null}
      {add.isSuccess && <p role="status">{t('speakers.added')}</p>}
      <button type="submit" className="primary" disabled={add.isPending}>
        {t('speakers.submit')}
      </button>
    </form>
  );
}
