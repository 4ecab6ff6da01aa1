import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorMessage } from '../../shared/errors';
import { formatInstant, formatNumber } from '../../shared/format';
import { useEdition } from '../shared/useEdition';
import { ConflictsSection } from './ConflictsSection';
import { JurorsSection } from './JurorsSection';
import { NomineesSection } from './NomineesSection';
import { usePrizeLink } from './PrizesOverview';
import { type Prize, usePrize } from './queries';
import { ResultsSection } from './ResultsSection';

function PrizeSummary({ prize }: { prize: Prize }) {
  const { t, i18n } = useTranslation('adminAwards');
  const { edition } = useEdition();
  const zone = edition?.timeZone ?? 'Africa/Casablanca';
  return (
    <section className="card" aria-labelledby="prize-title">
      <h1 id="prize-title" dir="auto">
        {prize.name}
      </h1>
      {prize.description && <p dir="auto">{prize.description}</p>}
      <dl className="facts">
        <dt>{t('detail.status')}</dt>
        <dd>{t(`status.${prize.resultsStatus}`)}</dd>
        <dt>{t('detail.window')}</dt>
        <dd>
          {formatInstant(i18n.language, prize.scoringOpensAt, zone)} → {formatInstant(i18n.language, prize.scoringClosesAt, zone)} ({zone})
        </dd>
        <dt>{t('detail.scale')}</dt>
        <dd>{t('detail.scaleText', { min: prize.scale.min, max: prize.scale.max, step: formatNumber(i18n.language, prize.scale.step) })}</dd>
        <dt>{t('detail.minJurors')}</dt>
        <dd>{prize.minJurorsPerNominee}</dd>
        <dt>{t('detail.criteria')}</dt>
        <dd>
          <ul className="plain">
            {prize.criteria.map((c) => (
              <li key={c.id} dir="auto">
                {t('detail.criterion', { name: c.name, weight: c.weight })}
              </li>
            ))}
          </ul>
        </dd>
      </dl>
    </section>
  );
}

/** One prize: its rules, nominees, jury, conflicts to decide, then ranking, finalisation and publication. */
export function PrizeDetail() {
  const { t } = useTranslation('adminAwards');
  const { prizeId = '' } = useParams();
  const prize = usePrize(prizeId);
  const link = usePrizeLink();
  return (
    <div className="awards">
      <p>
        <Link to={link()}>{t('detail.back')}</Link>
      </p>
      <ErrorMessage error={prize.error} />
      {!prize.data && !prize.error && <p className="loading">{t('loading', { ns: 'common' })}</p>}
      {prize.data && (
        <>
          <PrizeSummary prize={prize.data} />
          <NomineesSection prize={prize.data} />
          <JurorsSection prize={prize.data} />
          <ConflictsSection prize={prize.data} />
          <ResultsSection prize={prize.data} />
        </>
      )}
    </div>
  );
}
