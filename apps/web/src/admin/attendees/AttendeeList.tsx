import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../shared/errors';
import { OptionSelect } from '../shared/OptionSelect';
import { Pager } from '../shared/Pager';
import { SearchBox } from '../shared/SearchBox';
import { useEdition } from '../shared/useEdition';
import { useEditionLink } from '../shared/useEditionLink';
import { useUrlFilters } from '../shared/useUrlFilters';
import { type Attendee, type AttendeeFilters, CATEGORIES, PAGE_SIZE, useAttendees } from './queries';

const DEFAULTS: AttendeeFilters = { q: '', category: '', status: '', checkedIn: '', validToday: '', offset: '0' };

/** The attendees of the edition: search and filters in the address, a page at a time. */
export function AttendeeList() {
  const { t } = useTranslation('adminAttendees');
  const { editionId, error: editionError } = useEdition();
  const [filters, setFilters] = useUrlFilters(DEFAULTS);
  const list = useAttendees(editionId, filters);
  const to = useEditionLink();
  return (
    <section className="card attendees">
      <div className="attendees-head">
        <h1>{t('title')}</h1>
        <Link className="button primary" to={to('/admin/attendees/new')}>
          {t('new')}
        </Link>
        <Link className="button" to={to('/admin/attendees/import')}>
          {t('import.title')}
        </Link>
      </div>
      <AttendeeFilterBar filters={filters} onChange={setFilters} />
      <ErrorMessage error={editionError ?? list.error} />
      {list.data && (
        <>
          <AttendeeTable items={list.data.items} />
          <Pager total={list.data.total} limit={PAGE_SIZE} offset={list.data.offset} onOffset={(offset) => setFilters({ offset: String(offset) })} />
        </>
      )}
    </section>
  );
}

function AttendeeFilterBar({ filters, onChange }: { filters: AttendeeFilters; onChange: (changes: Partial<AttendeeFilters>) => void }) {
  const { t } = useTranslation('adminAttendees');
  const yesNo = (name: 'checkedIn' | 'validToday') => (
    <label>
      {t(`filters.${name}`)}
      <select value={filters[name]} onChange={(event) => onChange({ [name]: event.target.value })}>
        <option value="">{t('filters.any')}</option>
        <option value="true">{t('filters.yes')}</option>
        <option value="false">{t('filters.no')}</option>
      </select>
    </label>
  );
  return (
    <form className="att-filters" role="search" onSubmit={(event) => event.preventDefault()}>
      <SearchBox value={filters.q} onSearch={(q) => onChange({ q })} label={t('filters.q')} />
      <label>
        {t('fields.category')}
        <OptionSelect options={CATEGORIES} label={(category) => t(`category.${category}`)} empty={t('filters.any')} value={filters.category} onChange={(category) => onChange({ category })} />
      </label>
      <label>
        {t('fields.status')}
        <select value={filters.status} onChange={(event) => onChange({ status: event.target.value })}>
          <option value="">{t('filters.any')}</option>
          <option value="registered">{t('status.registered')}</option>
          <option value="cancelled">{t('status.cancelled')}</option>
        </select>
      </label>
      {yesNo('validToday')}
      {yesNo('checkedIn')}
    </form>
  );
}

function AttendeeTable({ items }: { items: Attendee[] }) {
  const { t } = useTranslation('adminAttendees');
  const to = useEditionLink();
  return (
    <div className="att-scroll" role="region" aria-label={t('title')} tabIndex={0}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('fields.name')}</th>
            <th scope="col">{t('fields.organisation')}</th>
            <th scope="col">{t('fields.category')}</th>
            <th scope="col">{t('fields.status')}</th>
            <th scope="col">{t('fields.checkedInToday')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((attendee) => (
            <tr key={attendee.id}>
              <td>
                <Link to={to(`/admin/attendees/${attendee.id}`)} dir="auto">
                  {attendee.firstName} {attendee.lastName}
                </Link>
              </td>
              <td dir="auto">{attendee.organisation}</td>
              <td>{t(`category.${attendee.category}`)}</td>
              <td>{attendee.erased ? t('status.erased') : t(`status.${attendee.status}`)}</td>
              <td>{attendee.checkedInToday ? t('filters.yes') : t('filters.no')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
