import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../shared/api';
import { ErrorMessage } from '../../shared/errors';
import { useConfirm } from '../shared/ConfirmDialog';
import { type Conflict, type Prize, explain, useConflicts, usePrizeChange } from './queries';

function ConflictRow({ conflict, onDecide, busy }: { conflict: Conflict; onDecide: (c: Conflict, status: 'recused' | 'dismissed') => void; busy: boolean }) {
  const { t } = useTranslation('adminAwards');
  return (
    <tr>
      <td dir="auto">{conflict.juror}</td>
      <td dir="auto">{conflict.nominee}</td>
      <td>{t(`conflicts.source.${conflict.source}`)}</td>
      <td>{t(`conflicts.status.${conflict.status}`)}</td>
      <td>
        {conflict.status === 'suggested' && (
          <span className="row-actions">
            <button type="button" className="danger" disabled={busy} onClick={() => onDecide(conflict, 'recused')}>
              {t('conflicts.recuse')}
            </button>
            <button type="button" disabled={busy} onClick={() => onDecide(conflict, 'dismissed')}>
              {t('conflicts.dismiss')}
            </button>
          </span>
        )}
      </td>
    </tr>
  );
}

/** Conflicts of interest: declared by jurors, or flagged (same organisation) for the admin to confirm or dismiss. */
export function ConflictsSection({ prize }: { prize: Prize }) {
  const { t } = useTranslation('adminAwards');
  const conflicts = useConflicts(prize.id);
  const [confirm, dialog] = useConfirm();
  const decide = usePrizeChange(prize.id, ({ id, status }: { id: string; status: 'recused' | 'dismissed' }) =>
    unwrap(api.POST('/api/v1/awards/conflicts/{id}/decision', { params: { path: { id } }, body: { status } })),
  );
  const onDecide = async (conflict: Conflict, status: 'recused' | 'dismissed') => {
    const names = { juror: conflict.juror, nominee: conflict.nominee };
    const ok = await confirm({
      title: t(`conflicts.confirm.${status}.title`),
      text: t(`conflicts.confirm.${status}.text`, names),
      confirmLabel: t(status === 'recused' ? 'conflicts.recuse' : 'conflicts.dismiss'),
      danger: status === 'recused',
    });
    if (ok) decide.mutate({ id: conflict.id, status });
  };
  const items = conflicts.data ?? [];
  return (
    <section className="card" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">{t('conflicts.title')}</h2>
      <ErrorMessage error={conflicts.error} />
      {conflicts.data && items.length === 0 && <p>{t('conflicts.none')}</p>}
      {items.length > 0 && (
        <table>
          <caption className="visually-hidden">{t('conflicts.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('conflicts.juror')}</th>
              <th scope="col">{t('conflicts.nominee')}</th>
              <th scope="col">{t('conflicts.sourceLabel')}</th>
              <th scope="col">{t('conflicts.statusLabel')}</th>
              <th scope="col">{t('conflicts.decision')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((c) => (
              <ConflictRow key={c.id} conflict={c} onDecide={(x, s) => void onDecide(x, s)} busy={decide.isPending} />
            ))}
          </tbody>
        </table>
      )}
      {decide.error ? <p className="error" role="alert">{explain(t, decide.error)}</p> : null}
      {dialog}
    </section>
  );
}
