import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../shared/api';
import { ErrorMessage } from '../../shared/errors';
import { formatInstant } from '../../shared/format';
import { useConfirm } from '../shared/ConfirmDialog';
import { useEdition } from '../shared/useEdition';
import { FinaliseForm } from './FinaliseForm';
import { type Prize, explain, usePrizeChange, useRanking, useResult } from './queries';
import { CoverageList, RankingTable } from './RankingTable';

/** While scoring is open: when it closes, and a way to close it now (asked first). */
function ScoringOpen({ prize }: { prize: Prize }) {
  const { t, i18n } = useTranslation('adminAwards');
  const { edition } = useEdition();
  const [confirm, dialog] = useConfirm();
  const close = usePrizeChange(prize.id, () =>
    unwrap(api.PATCH('/api/v1/awards/prizes/{id}', { params: { path: { id: prize.id } }, body: { scoringClosesAt: new Date().toISOString() } })),
  );
  const ask = async () => {
    if (await confirm({ title: t('results.closeTitle'), text: t('results.closeText'), confirmLabel: t('results.closeNow'), danger: true })) close.mutate(undefined);
  };
  const closes = formatInstant(i18n.language, prize.scoringClosesAt, edition?.timeZone ?? 'Africa/Casablanca');
  return (
    <>
      <p>{t('results.stillOpen', { closes })}</p>
      <button type="button" onClick={() => void ask()} disabled={close.isPending}>
        {t('results.closeNow')}
      </button>
      {close.error ? <p className="error" role="alert">{explain(t, close.error)}</p> : null}
      {dialog}
    </>
  );
}

/** Scoring closed, not finalised: coverage, ranking, and finalisation. */
function OpenRanking({ prize }: { prize: Prize }) {
  const { t } = useTranslation('adminAwards');
  const ranking = useRanking(prize.id, true);
  if (ranking.error) return <p className="error" role="alert">{explain(t, ranking.error)}</p>;
  if (!ranking.data) return <p className="loading">{t('loading', { ns: 'common' })}</p>;
  return (
    <>
      <h3>{t('coverage.title')}</h3>
      <CoverageList coverage={ranking.data.coverage} />
      <RankingTable ranking={ranking.data.ranking} />
      <FinaliseForm prize={prize} ranking={ranking.data} />
    </>
  );
}

/** A finalised or published result: the winner, the sealed ranking, then publish (asked first) or the certificate. */
function SealedResult({ prize }: { prize: Prize }) {
  const { t, i18n } = useTranslation('adminAwards');
  const { edition } = useEdition();
  const result = useResult(prize.id, true);
  const [confirm, dialog] = useConfirm();
  const publish = usePrizeChange(prize.id, () => unwrap(api.POST('/api/v1/awards/prizes/{id}/publish', { params: { path: { id: prize.id } } })));
  const ask = async () => {
    const text = t('results.publishText', { winner: result.data?.winner.name ?? '' });
    if (await confirm({ title: t('results.publishTitle'), text, confirmLabel: t('results.publish') })) publish.mutate(undefined);
  };
  if (result.error) return <ErrorMessage error={result.error} />;
  if (!result.data) return <p className="loading">{t('loading', { ns: 'common' })}</p>;
  const data = result.data;
  const zone = edition?.timeZone ?? 'Africa/Casablanca';
  return (
    <>
      <p className="winner-line">
        {t('results.winner')} <strong dir="auto">{data.winner.name}</strong>
      </p>
      {data.tieDecision && <p dir="auto">{t('results.tieDecided', { reason: data.tieDecision.reason })}</p>}
      {data.ranking && <RankingTable ranking={data.ranking} winnerId={data.winner.nomineeId} />}
      {prize.resultsStatus === 'finalised' && (
        <>
          <p>{t('results.sealed')}</p>
          <button type="button" className="primary" onClick={() => void ask()} disabled={publish.isPending}>
            {t('results.publish')}
          </button>
        </>
      )}
      {prize.resultsStatus === 'published' && (
        <p>
          {t('results.publishedAt', { at: data.publishedAt ? formatInstant(i18n.language, data.publishedAt, zone) : '' })}{' '}
          {data.certificateAvailable ? (
            <a href={`/api/v1/awards/results/${prize.id}/certificate.pdf`} download>
              {t('results.certificate')}
            </a>
          ) : (
            <span>{t('results.certificateRendering')}</span>
          )}
        </p>
      )}
      {publish.error ? <p className="error" role="alert">{explain(t, publish.error)}</p> : null}
      {dialog}
    </>
  );
}

/** The results of the prize, at whatever stage they are. */
export function ResultsSection({ prize }: { prize: Prize }) {
  const { t } = useTranslation('adminAwards');
  const open = prize.resultsStatus === 'open';
  const stillScoring = open && new Date(prize.scoringClosesAt).getTime() > Date.now();
  return (
    <section className="card" aria-labelledby="results-title">
      <h2 id="results-title">{t('results.title')}</h2>
      {stillScoring && <ScoringOpen prize={prize} />}
      {open && !stillScoring && <OpenRanking prize={prize} />}
      {!open && <SealedResult prize={prize} />}
    </section>
  );
}
