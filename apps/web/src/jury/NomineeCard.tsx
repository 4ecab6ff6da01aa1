import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../shared/errors';
import { ConflictForm } from './ConflictForm';
import { formatNumber } from './format';
import type { FlushRegistry } from './PrizePage';
import type { JurorNominee, JurorPrize } from './queries';
import { useScoreDraft } from './useScoreDraft';

/** One nominee: the dossier, then my scores (or that I am recused), and the way to declare a conflict. */
export function NomineeCard({ prize, nominee, register }: { prize: JurorPrize; nominee: JurorNominee; register: FlushRegistry }) {
  const { t } = useTranslation('jury');
  const recusedNotice = useFocusWhenRecused(nominee.recused);
  const titleId = `nominee-${nominee.id}`;
  return (
    <li className="card jury-nominee" aria-labelledby={titleId}>
      <h3 id={titleId} dir="auto">
        {nominee.name}
      </h3>
      <div className="jury-dossier">
        <h4>{t('dossier')}</h4>
        <p dir="auto">{nominee.dossier ?? t('noDossier')}</p>
      </div>
      {nominee.recused ? (
        <p ref={recusedNotice} className="jury-recused" role="status" tabIndex={-1}>
          {t('recused')}
        </p>
      ) : (
        <>
          <ScoreFields prize={prize} nominee={nominee} register={register} />
          {!prize.ballot.locked && <ConflictForm prize={prize} nominee={nominee} />}
        </>
      )}
    </li>
  );
}

/** Focus moves to the recusal notice when it appears (the conflict form that had it is gone). */
function useFocusWhenRecused(recused: boolean) {
  const notice = useRef<HTMLParagraphElement>(null);
  const before = useRef(recused);
  useEffect(() => {
    if (recused && !before.current) notice.current?.focus();
    before.current = recused;
  }, [recused]);
  return notice;
}

/** A field per criterion, labelled with the criterion (and, for screen readers, the nominee); Tab goes on in order. */
function ScoreFields({ prize, nominee, register }: { prize: JurorPrize; nominee: JurorNominee; register: FlushRegistry }) {
  const { t, i18n } = useTranslation('jury');
  const draft = useScoreDraft(prize, nominee, register);
  const statusId = `save-${nominee.id}`;
  const failed = draft.status === 'error' || draft.status === 'invalid';
  // Once locked, "saved" says nothing more than the banner above; an error still shows.
  const shown = prize.ballot.locked && !failed ? 'idle' : draft.status;
  return (
    <fieldset className="jury-scores">
      <legend className="visually-hidden">{t('scoresOf', { name: nominee.name })}</legend>
      <div className="jury-fields">
        {prize.criteria.map((criterion) => {
          const id = `score-${nominee.id}-${criterion.id}`;
          return (
            <div key={criterion.id} className="jury-field">
              <label htmlFor={id} dir="auto">
                {criterion.name}
                <span className="visually-hidden"> — {nominee.name}</span>
              </label>
              <span id={`${id}-hint`} className="jury-hint">
                {t('weightHint', { weight: formatNumber(i18n.language, criterion.weight) })}
              </span>
              <input
                id={id}
                type="text"
                inputMode="decimal"
                autoComplete="off"
                value={draft.values[criterion.id] ?? ''}
                readOnly={prize.ballot.locked}
                aria-invalid={failed && (draft.message ?? '').includes(criterion.name) ? true : undefined}
                aria-describedby={`${id}-hint ${statusId}`}
                onChange={(event) => draft.change(criterion.id, event.target.value)}
                onBlur={draft.blur}
              />
            </div>
          );
        })}
      </div>
      <p id={statusId} className={`jury-save${failed ? ' error' : ''}`} data-save={draft.status} role="status">
        {failed ? t('save.error', { message: draft.message }) : t(`save.${shown}`)}
      </p>
      <ErrorMessage error={draft.loadError} />
    </fieldset>
  );
}
