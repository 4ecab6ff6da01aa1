import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../shared/api';
import { ErrorMessage } from '../../shared/errors';
import { useConfirm } from '../shared/ConfirmDialog';
import { type Exhibitor, type ExhibitorStatus, NEXT_STATUSES, exhibitorKeys, isFinal } from './queries';

/**
 * Moves the exhibitor along its status machine: only the allowed moves are offered. A final move
 * (cancelled, withdrawn) needs a reason and a confirmation that says what it does.
 */
export function StatusMove({ exhibitor }: { exhibitor: Exhibitor }) {
  const { t } = useTranslation('adminExhibitors');
  const client = useQueryClient();
  const [confirm, dialog] = useConfirm();
  const allowed = NEXT_STATUSES[exhibitor.status];
  const [to, setTo] = useState<ExhibitorStatus | ''>('');
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const move = useMutation({
    mutationFn: (body: { status: ExhibitorStatus; reason?: string }) => unwrap(api.POST('/api/v1/exhibitors/{id}/status', { params: { path: { id: exhibitor.id } }, body })),
    onSuccess: (next) => {
      client.setQueryData(exhibitorKeys.one(exhibitor.id), next);
      void client.invalidateQueries({ queryKey: exhibitorKeys.lists });
      setTo('');
      setReason('');
    },
  });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!to) return;
    const final = isFinal(to);
    setReasonMissing(final && !reason.trim());
    if (final && !reason.trim()) return;
    if (final) {
      const text = t('status.confirmText', { name: exhibitor.name, status: t(`status.${to}`), stands: exhibitor.stands.length });
      if (!(await confirm({ title: t('status.confirmTitle', { status: t(`status.${to}`) }), text, confirmLabel: t('status.confirmButton', { status: t(`status.${to}`) }), danger: true }))) return;
    }
    move.mutate({ status: to, reason: reason.trim() || undefined });
  };
  return (
    <section className="exh-panel" aria-labelledby="exh-status-title">
      <h2 id="exh-status-title">{t('status.title')}</h2>
      <p>
        {t('status.now')} <strong className={`exh-status exh-status-${exhibitor.status}`}>{t(`status.${exhibitor.status}`)}</strong>
        {exhibitor.statusReason ? <span dir="auto"> — {exhibitor.statusReason}</span> : null}
      </p>
      {allowed.length === 0 ? (
        <p>{t('status.final')}</p>
      ) : (
        <form onSubmit={(event) => void submit(event)}>
          <label htmlFor="exh-status-to">{t('status.to')}</label>
          <select id="exh-status-to" value={to} onChange={(event) => setTo(event.target.value as ExhibitorStatus)}>
            <option value="">{t('status.choose')}</option>
            {allowed.map((status) => (
              <option key={status} value={status}>
                {t(`status.${status}`)}
              </option>
            ))}
          </select>
          {to && isFinal(to) && <ReasonField reason={reason} setReason={setReason} missing={reasonMissing} />}
          <ErrorMessage error={move.error} />
          <button type="submit" className={to && isFinal(to) ? 'danger' : 'primary'} disabled={!to || move.isPending}>
            {t('status.apply')}
          </button>
        </form>
      )}
      {dialog}
    </section>
  );
}

function ReasonField({ reason, setReason, missing }: { reason: string; setReason: (value: string) => void; missing: boolean }) {
  const { t } = useTranslation('adminExhibitors');
  return (
    <>
      <label htmlFor="exh-status-reason">{t('status.reason')}</label>
      <textarea id="exh-status-reason" value={reason} maxLength={500} rows={2} dir="auto" onChange={(event) => setReason(event.target.value)} aria-invalid={missing || undefined} aria-describedby={missing ? 'exh-status-reason-problem' : undefined} />
      {missing && (
        <p className="error" id="exh-status-reason-problem">
          {t('status.reasonRequired')}
        </p>
      )}
    </>
  );
}
