import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../shared/errors';
import { type ConflictReason, type JurorNominee, type JurorPrize, declareConflict, juryKeys } from './queries';

const REASONS: ConflictReason[] = ['professional', 'personal', 'other'];

/** Declaring a conflict of interest with a nominee: a reason (and words for "other"); recused at once. */
export function ConflictForm({ prize, nominee }: { prize: JurorPrize; nominee: JurorNominee }) {
  const { t } = useTranslation('jury');
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState<ConflictReason>('professional');
  const [comment, setComment] = useState('');
  const declare = useMutation({
    mutationFn: () => declareConflict(prize.id, nominee.id, reason, comment),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: juryKeys.prize(prize.id) });
      void queryClient.invalidateQueries({ queryKey: juryKeys.prizes });
    },
  });
  if (!open) {
    return (
      <button type="button" className="jury-conflict-open" aria-label={t('conflict.openLabel', { name: nominee.name })} onClick={() => setOpen(true)}>
        {t('conflict.open')}
      </button>
    );
  }
  const formId = `conflict-${nominee.id}`;
  return (
    <form
      className="jury-conflict"
      aria-labelledby={`${formId}-title`}
      onSubmit={(event) => {
        event.preventDefault();
        declare.mutate();
      }}
    >
      <h4 id={`${formId}-title`}>{t('conflict.title', { name: nominee.name })}</h4>
      <p>{t('conflict.explain')}</p>
      <label htmlFor={`${formId}-reason`}>{t('conflict.reason')}</label>
      <select id={`${formId}-reason`} autoFocus value={reason} onChange={(event) => setReason(event.target.value as ConflictReason)}>
          {REASONS.map((r) => (
            <option key={r} value={r}>
              {t(`conflict.reasons.${r}`)}
            </option>
          ))}
      </select>
      <label htmlFor={`${formId}-comment`}>{t('conflict.comment')}</label>
      <textarea id={`${formId}-comment`} rows={2} value={comment} required={reason === 'other'} onChange={(event) => setComment(event.target.value)} />
      <ErrorMessage error={declare.error} />
      <div className="jury-actions">
        <button type="submit" className="danger" disabled={declare.isPending}>
          {t('conflict.confirm')}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          {t('conflict.cancel')}
        </button>
      </div>
    </form>
  );
}
