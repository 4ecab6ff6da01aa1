import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../shared/api';
import { useConfirm } from '../shared/ConfirmDialog';
import { type Prize, type Ranking, explain, usePrizeChange } from './queries';

/** When the rule cannot separate the first places: which of them wins, and why (kept with the result). */
function TieDecision({ tied, winner, reason, onWinner, onReason }: { tied: Ranking['ranking']; winner: string; reason: string; onWinner: (id: string) => void; onReason: (text: string) => void }) {
  const { t } = useTranslation('adminAwards');
  return (
    <fieldset className="tie">
      <legend>{t('finalise.tieLegend')}</legend>
      <p>{t('finalise.tieText')}</p>
      {tied.map((r) => (
        <label key={r.nomineeId} className="check">
          <input type="radio" name="tie-winner" value={r.nomineeId} checked={winner === r.nomineeId} onChange={() => onWinner(r.nomineeId)} />
          <span dir="auto">{r.name}</span>
        </label>
      ))}
      <label>
        {t('finalise.tieReason')}
        <textarea value={reason} onChange={(e) => onReason(e.target.value)} rows={2} dir="auto" />
      </label>
    </fieldset>
  );
}

/** Finalising seals the result (asked first); a tie the rule cannot break needs the decision first. */
export function FinaliseForm({ prize, ranking }: { prize: Prize; ranking: Ranking }) {
  const { t } = useTranslation('adminAwards');
  const [confirm, dialog] = useConfirm();
  const [winner, setWinner] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState('');
  const tied = ranking.ranking.filter((r) => ranking.unresolvedTie.includes(r.nomineeId));
  const finalise = usePrizeChange(prize.id, () =>
    unwrap(
      api.POST('/api/v1/awards/prizes/{id}/finalise', {
        params: { path: { id: prize.id } },
        body: tied.length ? { tieDecision: { winnerNomineeId: winner, reason: reason.trim() } } : {},
      }),
    ),
  );
  const ask = async () => {
    if (tied.length && (!winner || !reason.trim())) return setMissing(t('finalise.tieMissing'));
    setMissing('');
    if (await confirm({ title: t('finalise.confirmTitle'), text: t('finalise.confirmText'), confirmLabel: t('finalise.submit'), danger: true })) finalise.mutate(undefined);
  };
  return (
    <div className="finalise">
      {tied.length > 0 && <TieDecision tied={tied} winner={winner} reason={reason} onWinner={(id) => { setWinner(id); setMissing(''); }} onReason={(text) => { setReason(text); setMissing(''); }} />}
      <button type="button" className="primary" onClick={() => void ask()} disabled={finalise.isPending || ranking.ranking.length === 0}>
        {t('finalise.submit')}
      </button>
      {missing && <p className="error" role="alert">{missing}</p>}
      {finalise.error ? <p className="error" role="alert">{explain(t, finalise.error)}</p> : null}
      {dialog}
    </div>
  );
}
