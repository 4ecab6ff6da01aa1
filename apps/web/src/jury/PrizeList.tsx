import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../shared/errors';
import { FALLBACK_ZONE, localInstant } from './format';
import { type JurorPrize, progressOf, useEditionZone, useMyPrizes, usePublishedResults } from './queries';
import { PublishedResult } from './PublishedResult';

/** The prizes assigned to me, each with my progress, its deadline in the fair's time and my ballot's state. */
export function PrizeList() {
  const { t } = useTranslation('jury');
  const prizes = useMyPrizes();
  return (
    <>
      <h1>{t('title')}</h1>
      <ErrorMessage error={prizes.error} />
      {prizes.isPending && <p className="loading">{t('loading', { ns: 'common' })}</p>}
      {prizes.data?.length === 0 && <p className="card">{t('none')}</p>}
      <ul className="jury-prizes">
        {prizes.data?.map((prize) => (
          <PrizeCard key={prize.id} prize={prize} />
        ))}
      </ul>
    </>
  );
}

export function ballotState(prize: JurorPrize): 'open' | 'submitted' | 'closed' | 'upcoming' {
  if (prize.ballot.submittedAt) return 'submitted';
  if (!prize.ballot.locked) return 'open';
  return Date.now() < new Date(prize.scoringOpensAt).getTime() ? 'upcoming' : 'closed';
}

/** My progress as words and a bar: nominees scored on every criterion over those I am not recused from. */
export function Progress({ prize }: { prize: JurorPrize }) {
  const { t } = useTranslation('jury');
  const { done, total } = progressOf(prize);
  return (
    <div className="jury-progress">
      <progress value={done} max={Math.max(total, 1)} aria-label={t('progressLabel')} />
      <span>{t('progress', { done, total })}</span>
    </div>
  );
}

export function Deadline({ prize }: { prize: JurorPrize }) {
  const { t, i18n } = useTranslation('jury');
  const zone = useEditionZone(prize.editionId).data ?? FALLBACK_ZONE;
  return <p className="jury-deadline">{t('deadline', { when: localInstant(t, i18n.language, prize.scoringClosesAt, zone) })}</p>;
}

function PrizeCard({ prize }: { prize: JurorPrize }) {
  const { t } = useTranslation('jury');
  const state = ballotState(prize);
  const results = usePublishedResults(prize.editionId);
  const result = results.data?.find((r) => r.prizeId === prize.id);
  return (
    <li className="card jury-prize">
      <h2 dir="auto">{prize.name}</h2>
      <p className={`jury-state jury-state-${state}`}>{t(`state.${state}`)}</p>
      <Progress prize={prize} />
      <Deadline prize={prize} />
      {result && <PublishedResult result={result} />}
      <Link className={`button${state === 'open' ? ' primary' : ''}`} to={`prizes/${prize.id}`} aria-label={t(state === 'open' ? 'openLabel' : 'viewLabel', { name: prize.name })}>
        {t(state === 'open' ? 'open' : 'view')}
      </Link>
    </li>
  );
}
