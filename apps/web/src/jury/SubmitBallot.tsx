import { useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../shared/errors';
import { Progress } from './PrizeList';
import { type JurorPrize, juryKeys, submitBallot } from './queries';

/**
 * Submitting my ballot: a modal dialog (native <dialog>: focus moves in, Escape cancels, focus comes back)
 * says what locking means and which nominees are not fully scored; drafts waiting are saved first.
 */
export function SubmitBallot({ prize, flushAll }: { prize: JurorPrize; flushAll: () => Promise<boolean> }) {
  const { t } = useTranslation('jury');
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const open = async () => {
    setError(null);
    if (!(await flushAll())) setError(new Error(t('submit.unsaved')));
    await queryClient.refetchQueries({ queryKey: juryKeys.prize(prize.id) });
    dialog.current?.showModal();
  };
  const confirm = async () => {
    setBusy(true);
    try {
      if (!(await flushAll())) throw new Error(t('submit.unsaved'));
      const answer = await submitBallot(prize.id);
      dialog.current?.close();
      queryClient.setQueryData(juryKeys.prize(prize.id), answer);
      void queryClient.invalidateQueries({ queryKey: juryKeys.prizes });
      document.getElementById('main')?.focus();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card jury-submit" aria-labelledby="jury-submit-heading">
      <h2 id="jury-submit-heading">{t('submit.title')}</h2>
      <Progress prize={prize} />
      <p>{t('submit.lockText')}</p>
      <button ref={opener} type="button" className="primary" onClick={() => void open()}>
        {t('submit.button')}
      </button>
      <dialog ref={dialog} className="jury-dialog" aria-labelledby="jury-dialog-title" onClose={() => opener.current?.focus()}>
        <ConfirmText prize={prize} />
        <ErrorMessage error={error} />
        <div className="jury-actions">
          <button type="button" onClick={() => dialog.current?.close()}>
            {t('submit.cancel')}
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void confirm()}>
            {t('submit.confirm')}
          </button>
        </div>
      </dialog>
    </section>
  );
}

function ConfirmText({ prize }: { prize: JurorPrize }) {
  const { t } = useTranslation('jury');
  const incomplete = prize.nominees.filter((n) => !n.recused && n.scoredCriteria < prize.criteria.length);
  return (
    <>
      <h2 id="jury-dialog-title">{t('submit.title')}</h2>
      <p>
        <strong>{t('submit.lockText')}</strong>
      </p>
      <p className={incomplete.length ? 'error' : undefined}>
        {incomplete.length ? t('submit.incomplete', { count: incomplete.length, names: incomplete.map((n) => n.name).join(', ') }) : t('submit.complete')}
      </p>
    </>
  );
}
