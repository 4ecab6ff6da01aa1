import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { ErrorMessage } from '../../shared/errors';
import { formatInstant } from '../../shared/format';
import { OptionSelect } from '../shared/OptionSelect';
import { Pager } from '../shared/Pager';
import { SearchBox } from '../shared/SearchBox';
import { useEdition } from '../shared/useEdition';
import { useUrlFilters } from '../shared/useUrlFilters';
import { ExportButton } from './ExportButton';
import { type Exhibitor, type ListFilters, PAGE_SIZE, SECTORS, STATUSES, useExhibitorList, useHallNames } from './queries';

const DEFAULTS: ListFilters = { q: '', status: '', country: '', sector: '', hall: '', sort: 'name', order: 'asc', offset: '0' };
type Change = (changes: Partial<ListFilters>) => void;

/** The exhibitors of the edition: filters, search, sort and page all in the address. */
export function ExhibitorList() {
  const { t } = useTranslation('adminExhibitors');
  const { edition: current, editionId, error: editionError } = useEdition();
  const [filters, change] = useUrlFilters<keyof ListFilters>(DEFAULTS);
  const list = useExhibitorList(editionId, filters);
  const { search } = useLocation();
  const edition = new URLSearchParams(search).get('edition');
  const keep = edition ? `?edition=${encodeURIComponent(edition)}` : '';
  return (
    <section className="card exh">
      <div className="exh-head">
        <h1>{t('title')}</h1>
        <div className="exh-actions">
          <Link className="button" to={`import${keep}`}>
            {t('import.open')}
          </Link>
          <ExportButton editionId={editionId} />
        </div>
      </div>
      <Filters filters={filters} change={change} editionId={editionId} />
      <ErrorMessage error={editionError ?? list.error} />
      {list.data && (
        <>
          <ExhibitorTable items={list.data.items} filters={filters} change={change} keep={keep} busy={list.isFetching} timeZone={current?.timeZone ?? 'Africa/Casablanca'} />
          <Pager total={list.data.total} limit={PAGE_SIZE} offset={list.data.offset} onOffset={(offset) => change({ offset: String(offset) })} />
        </>
      )}
    </section>
  );
}

function Filters({ filters, change, editionId }: { filters: ListFilters; change: Change; editionId: string | undefined }) {
  const { t } = useTranslation('adminExhibitors');
  const halls = useHallNames(editionId);
  return (
    <form className="exh-filters" role="search" aria-label={t('filters.label')} onSubmit={(event) => event.preventDefault()}>
      <SearchBox className="exh-search" value={filters.q} onSearch={(q) => change({ q })} label={t('filters.search')} placeholder={t('filters.searchHint')} />
      <label>
        {t('filters.status')}
        <OptionSelect options={STATUSES} label={(status) => t(`status.${status}`)} empty={t('filters.all')} value={filters.status} onChange={(status) => change({ status })} />
      </label>
      <label>
        {t('filters.sector')}
        <OptionSelect options={SECTORS} label={(sector) => t(`sector.${sector}`)} empty={t('filters.all')} value={filters.sector} onChange={(sector) => change({ sector })} />
      </label>
      <CountryFilter value={filters.country} change={change} />
      <label>
        {t('filters.hall')}
        <select value={filters.hall} onChange={(event) => change({ hall: event.target.value })}>
          <option value="">{t('filters.all')}</option>
          {halls.data?.map((hall) => (
            <option key={hall.id} value={hall.id} dir="auto">
              {hall.name}
            </option>
          ))}
        </select>
      </label>
    </form>
  );
}

/** Two letters (ISO 3166-1); the filter applies once both are typed, or when emptied. */
function CountryFilter({ value, change }: { value: string; change: Change }) {
  const { t } = useTranslation('adminExhibitors');
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <label className="exh-country">
      {t('filters.country')}
      <input
        value={text}
        maxLength={2}
        autoCapitalize="characters"
        onChange={(event) => {
          const next = event.target.value.toUpperCase().replace(/[^A-Z]/g, '');
          setText(next);
          if (next.length === 0 || next.length === 2) change({ country: next });
        }}
      />
    </label>
  );
}

function SortHeader({ field, filters, change }: { field: 'name' | 'country' | 'createdAt'; filters: ListFilters; change: Change }) {
  const { t } = useTranslation('adminExhibitors');
  const active = filters.sort === field;
  const nextOrder = active && filters.order === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" aria-sort={active ? (filters.order === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" className="link" onClick={() => change({ sort: field, order: nextOrder })}>
        {t(`column.${field}`)}
        <span aria-hidden="true">{active ? (filters.order === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}

function ExhibitorTable({ items, filters, change, keep, busy, timeZone }: { items: Exhibitor[]; filters: ListFilters; change: Change; keep: string; busy: boolean; timeZone: string }) {
  const { t } = useTranslation('adminExhibitors');
  const { search } = useLocation();
  return (
    <div className="exh-table-wrap">
      <table className="exh-table" aria-busy={busy}>
        <caption className="visually-hidden">{t('title')}</caption>
        <thead>
          <tr>
            <SortHeader field="name" filters={filters} change={change} />
            <SortHeader field="country" filters={filters} change={change} />
            <th scope="col">{t('column.sector')}</th>
            <th scope="col">{t('column.status')}</th>
            <th scope="col">{t('column.stands')}</th>
            <th scope="col">{t('column.staff')}</th>
            <SortHeader field="createdAt" filters={filters} change={change} />
          </tr>
        </thead>
        <tbody>
          {items.map((exhibitor) => (
            <ExhibitorRow key={exhibitor.id} exhibitor={exhibitor} keep={keep} from={search} timeZone={timeZone} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ExhibitorRow({ exhibitor, keep, from, timeZone }: { exhibitor: Exhibitor; keep: string; from: string; timeZone: string }) {
  const { t, i18n } = useTranslation('adminExhibitors');
  return (
    <tr>
      <td>
        <Link to={`${exhibitor.id}${keep}`} state={{ from }} dir="auto">
          {exhibitor.name}
        </Link>
      </td>
      <td>{exhibitor.country}</td>
      <td>{t(`sector.${exhibitor.sector}`)}</td>
      <td>
        <span className={`exh-status exh-status-${exhibitor.status}`}>{t(`status.${exhibitor.status}`)}</span>
      </td>
      <td>{exhibitor.stands.map((stand) => stand.code).join(', ') || '—'}</td>
      <td>{t('staffUsage', { used: exhibitor.staffUsed, quota: exhibitor.staffQuota })}</td>
      <td>{formatInstant(i18n.language, exhibitor.createdAt, timeZone, 'date')}</td>
    </tr>
  );
}
