import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../shared/api';
import { ErrorMessage } from '../../shared/errors';
import { type Prize, explain, useConflicts, useJurors, usePrizeChange } from './queries';

/** The jury of the prize: every user with the jury role, ticked when assigned; saving replaces the whole jury. */
export function JurorsSection({ prize }: { prize: Prize }) {
  const { t } = useTranslation('adminAwards');
  const jurors = useJurors();
  const conflicts = useConflicts(prize.id);
  const [chosen, setChosen] = useState<string[]>(prize.jurorIds);
  useEffect(() => setChosen(prize.jurorIds), [prize.jurorIds]);
  const save = usePrizeChange(prize.id, () => unwrap(api.PUT('/api/v1/awards/prizes/{id}/jurors', { params: { path: { id: prize.id } }, body: { jurorIds: chosen } })));
  const suggested = (conflicts.data ?? []).filter((c) => c.status === 'suggested').length;
  const toggle = (id: string, on: boolean) => setChosen((now) => (on ? [...now, id] : now.filter((x) => x !== id)));
  return (
    <section className="card" aria-labelledby="jurors-title">
      <h2 id="jurors-title">{t('jurors.title', { count: prize.jurorIds.length })}</h2>
      <ErrorMessage error={jurors.error} />
      {jurors.data?.length === 0 && <p>{t('jurors.noneExist')}</p>}
      <fieldset className="juror-choices" disabled={prize.resultsStatus !== 'open'}>
        <legend>{t('jurors.choose')}</legend>
        {(jurors.data ?? []).map((juror) => (
          <label key={juror.id} className="check">
            <input type="checkbox" checked={chosen.includes(juror.id)} onChange={(e) => toggle(juror.id, e.target.checked)} />
            <span dir="auto">{juror.displayName}</span>
            {juror.organisation && (
              <span className="muted" dir="auto">
                {' '}
                — {juror.organisation}
              </span>
            )}
          </label>
        ))}
      </fieldset>
      {prize.resultsStatus === 'open' && (
        <button type="button" className="primary" onClick={() => save.mutate(undefined)} disabled={save.isPending}>
          {t('jurors.save')}
        </button>
      )}
      <div role="status">
        {save.isSuccess && <p className="good">{t('jurors.saved', { count: save.data.jurorIds.length })}</p>}
        {save.isSuccess && suggested > 0 && <p className="warn">{t('jurors.flagged', { count: suggested })}</p>}
      </div>
      {save.error ? <p className="error" role="alert">{explain(t, save.error)}</p> : null}
    </section>
  );
}
