import { useCallback, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../shared/errors';
import { FALLBACK_ZONE, describeScale, formatNumber, localInstant } from './format';
import { NomineeCard } from './NomineeCard';
import { Deadline, Progress, ballotState } from './PrizeList';
import { PublishedResult } from './PublishedResult';
import { type JurorPrize, useEditionZone, useMyPrize, usePublishedResults } from './queries';
import { SubmitBallot } from './SubmitBallot';

/** Saves waiting in each nominee's card, flushed before the ballot is submitted. */
export type FlushRegistry = (nomineeId: string, flush: (() => Promise<boolean>) | null) => void;

/** One prize to score: its rules (criteria, weights, scale), my nominees, and my ballot. */
export function PrizePage() {
  const { t } = useTranslation('jury');
  const { prizeId = '' } = useParams();
  const prize = useMyPrize(prizeId);
  const flushes = useRef(new Map<string, () => Promise<boolean>>());
  const register = useCallback<FlushRegistry>((nomineeId, flush) => {
    if (flush) flushes.current.set(nomineeId, flush);
    else flushes.current.delete(nomineeId);
  }, []);
  const flushAll = useCallback(async () => {
    const results = await Promise.all([...flushes.current.values()].map((flush) => flush()));
    return results.every(Boolean);
  }, []);
  return (
    <>
      <p>
        <Link to="/jury">{t('back')}</Link>
      </p>
      <ErrorMessage error={prize.error} />
      {prize.isPending && <p className="loading">{t('loading', { ns: 'common' })}</p>}
      {prize.data && (
        <>
          <PrizeHeader prize={prize.data} />
          <BallotBanner prize={prize.data} />
          <h2>{t('nominees')}</h2>
          <ul className="jury-nominees">
            {prize.data.nominees.map((nominee) => (
              <NomineeCard key={nominee.id} prize={prize.data} nominee={nominee} register={register} />
            ))}
          </ul>
          {ballotState(prize.data) === 'open' && <SubmitBallot prize={prize.data} flushAll={flushAll} />}
        </>
      )}
    </>
  );
}

function PrizeHeader({ prize }: { prize: JurorPrize }) {
  const { t, i18n } = useTranslation('jury');
  const results = usePublishedResults(prize.editionId);
  const result = results.data?.find((r) => r.prizeId === prize.id);
  return (
    <section className="card jury-rules" aria-labelledby="jury-prize-title">
      <h1 id="jury-prize-title" dir="auto">
        {prize.name}
      </h1>
      {prize.description && <p dir="auto">{prize.description}</p>}
      <Deadline prize={prize} />
      <Progress prize={prize} />
      {result && <PublishedResult result={result} />}
      <p>
        <strong>{t('scale.label')}</strong> {describeScale(t, i18n.language, prize.scale)}
      </p>
      <h2>{t('criteria')}</h2>
      <dl className="jury-criteria">
        {prize.criteria.map((criterion) => (
          <div key={criterion.id}>
            <dt dir="auto">
              {criterion.name} <span className="jury-weight">{t('weight', { weight: formatNumber(i18n.language, criterion.weight) })}</span>
            </dt>
            {criterion.description && <dd dir="auto">{criterion.description}</dd>}
          </div>
        ))}
      </dl>
    </section>
  );
}

/** Submitted (with when, in the fair's time) or closed: said once, above the nominees. */
function BallotBanner({ prize }: { prize: JurorPrize }) {
  const { t, i18n } = useTranslation('jury');
  const zone = useEditionZone(prize.editionId).data ?? FALLBACK_ZONE;
  const state = ballotState(prize);
  if (state === 'open') return null;
  return (
    <p className="card jury-locked" role="status">
      {state === 'submitted' && t('submit.done', { when: localInstant(t, i18n.language, prize.ballot.submittedAt!, zone) })}
      {state === 'upcoming' && t('submit.upcoming', { when: localInstant(t, i18n.language, prize.scoringOpensAt, zone) })}
      {state === 'closed' && t('submit.closed')}
    </p>
  );
}
