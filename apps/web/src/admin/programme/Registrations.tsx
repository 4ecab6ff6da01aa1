import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, unwrap } from '../../shared/api';
import { ErrorMessage } from '../../shared/errors';
import { formatInstant } from '../../shared/format';
import { Pager } from '../shared/Pager';
import { useEdition } from '../shared/useEdition';
import { useEditionLink } from '../shared/useEditionLink';
import { useUrlFilters } from '../shared/useUrlFilters';
import type { Session } from './queries';

const PAGE = 50;
type RegistrationStatus = 'confirmed' | 'waitlisted' | 'cancelled';

/** Who holds a seat and who waits (in order), the filter and page in the address. */
export function Registrations({ session }: { session: Session }) {
  const { t, i18n } = useTranslation('adminProgramme');
  const { edition } = useEdition();
  const [filters, setFilters] = useUrlFilters({ status: 'confirmed', offset: '0' });
  const to = useEditionLink();
  const query = { status: filters.status as RegistrationStatus, limit: PAGE, offset: Number(filters.offset) || 0 };
  const list = useQuery({
    queryKey: ['registrations', session.id, query],
    queryFn: () => unwrap(api.GET('/api/v1/sessions/{id}/registrations', { params: { path: { id: session.id }, query } })),
    placeholderData: (previous) => previous,
  });
  return (
    <section className="card" aria-labelledby="registrations-title">
      <h2 id="registrations-title">{t('registrations.title')}</h2>
      <p>{t('seats', { confirmed: session.seats.confirmed, capacity: session.capacity, waitlisted: session.seats.waitlisted })}</p>
      <div className="prog-days" role="group" aria-label={t('registrations.filter')}>
        {(['confirmed', 'waitlisted', 'cancelled'] as const).map((status) => (
          <button key={status} type="button" aria-pressed={filters.status === status} onClick={() => setFilters({ status })}>
            {t(`registrations.${status}`)}
          </button>
        ))}
      </div>
      <ErrorMessage error={list.error} />
      {list.data && (
        <>
          <table>
            <thead>
              <tr>
                {filters.status === 'waitlisted' && <th scope="col">{t('registrations.position')}</th>}
                <th scope="col">{t('registrations.attendee')}</th>
                <th scope="col">{t('registrations.at')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((r) => (
                <tr key={r.id}>
                  {filters.status === 'waitlisted' && <td>{r.waitlistPosition}</td>}
                  <td>
                    <Link to={to(`/admin/attendees/${r.attendeeId}`)}>{t('registrations.open')}</Link>
                  </td>
                  <td>{edition ? formatInstant(i18n.language, r.registeredAt, edition.timeZone) : r.registeredAt}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pager total={list.data.total} limit={PAGE} offset={list.data.offset} onOffset={(offset) => setFilters({ offset: String(offset) })} />
        </>
      )}
    </section>
  );
}
