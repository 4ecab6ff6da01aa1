import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ErrorMessage } from '../../shared/errors';
import { formatInstant } from '../../shared/format';
import { Pager } from '../shared/Pager';
import { useEdition } from '../shared/useEdition';
import { useUrlFilters } from '../shared/useUrlFilters';
import { AuditCheck } from './AuditCheck';
import { PrizeForm } from './PrizeForm';
import { PAGE, type Prize, usePrizes } from './queries';

/** `/admin/awards/<id>` keeping the edition chosen in the address. */
export function usePrizeLink(): (prizeId?: string) => string {
  const [params] = useSearchParams();
  const edition = params.get('edition');
  return (prizeId) => `/admin/awards${prizeId ? `/${prizeId}` : ''}${edition ? `?edition=${encodeURIComponent(edition)}` : ''}`;
}

function PrizeRow({ prize, timeZone }: { prize: Prize; timeZone: string }) {
  const { t, i18n } = useTranslation('adminAwards');
  const link = usePrizeLink();
  return (
    <tr>
      <td>
        <Link to={link(prize.id)} dir="auto">
          {prize.name}
        </Link>
      </td>
      <td>
        {formatInstant(i18n.language, prize.scoringOpensAt, timeZone)} → {formatInstant(i18n.language, prize.scoringClosesAt, timeZone)}
      </td>
      <td>{prize.nominees.length}</td>
      <td>{prize.jurorIds.length}</td>
      <td>{t(`status.${prize.resultsStatus}`)}</td>
    </tr>
  );
}

function PrizesTable() {
  const { t } = useTranslation('adminAwards');
  const { edition, error: editionError } = useEdition();
  const [filters, setFilters] = useUrlFilters({ offset: '0' });
  const offset = Number(filters.offset) || 0;
  const prizes = usePrizes(edition?.id, offset);
  if (editionError || prizes.error) return <ErrorMessage error={editionError ?? prizes.error} />;
  if (!prizes.data || !edition) return <p className="loading">{t('loading', { ns: 'common' })}</p>;
  if (prizes.data.total === 0) return <p>{t('list.none')}</p>;
  return (
    <>
      <table className="awards-table">
        <caption className="visually-hidden">{t('list.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('list.name')}</th>
            <th scope="col">{t('list.window', { zone: edition.timeZone })}</th>
            <th scope="col">{t('list.nominees')}</th>
            <th scope="col">{t('list.jurors')}</th>
            <th scope="col">{t('list.status')}</th>
          </tr>
        </thead>
        <tbody>
          {prizes.data.items.map((prize) => (
            <PrizeRow key={prize.id} prize={prize} timeZone={edition.timeZone} />
          ))}
        </tbody>
      </table>
      <Pager total={prizes.data.total} limit={PAGE} offset={offset} onOffset={(next) => setFilters({ offset: String(next) })} />
    </>
  );
}

/** The prizes of the edition, a new prize, and the audit chain's check. */
export function PrizesOverview() {
  const { t } = useTranslation('adminAwards');
  return (
    <div className="awards">
      <h1>{t('title')}</h1>
      <section className="card" aria-labelledby="prizes-title">
        <h2 id="prizes-title">{t('list.title')}</h2>
        <PrizesTable />
      </section>
      <PrizeForm />
      <AuditCheck />
    </div>
  );
}
