import type { UseQueryResult } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorMessage } from '../../shared/errors';
import type { Edition } from '../shared/useEdition';
import { BarChart } from './BarChart';
import { useExhibitorStats, type Category } from './queries';

interface Registrations {
  total: number;
  perCategory: Array<{ category: Category; count: number }>;
}

/** Registered attendees per category, as a table (a few rows: a chart would add nothing). */
export function RegistrationsPanel({ registrations }: { registrations: UseQueryResult<Registrations> }) {
  const { t, i18n } = useTranslation('adminDashboard');
  const number = (n: number) => new Intl.NumberFormat(i18n.language).format(n);
  const data = registrations.data;
  return (
    <section className="card dash-panel" aria-labelledby="dash-registrations">
      <h2 id="dash-registrations">{t('registrations.title')}</h2>
      <ErrorMessage error={registrations.error} />
      {data && (
        <table>
          <caption className="visually-hidden">{t('registrations.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('charts.category')}</th>
              <th scope="col" className="num">
                {t('registrations.count')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.perCategory.map((row) => (
              <tr key={row.category}>
                <th scope="row">{t(`category.${row.category}`)}</th>
                <td className="num">{number(row.count)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('registrations.total')}</th>
              <td className="num">{number(data.total)}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </section>
  );
}

/** Exhibitors by status and by country (GET /exhibitors/stats), each status a link to the filtered list. */
export function ExhibitorsPanel({ edition }: { edition: Edition }) {
  const { t, i18n } = useTranslation('adminDashboard');
  const stats = useExhibitorStats(edition.id);
  const format = (n: number) => new Intl.NumberFormat(i18n.language).format(n);
  const rows = useMemo(
    () => ({
      status: (stats.data?.byStatus ?? []).map((row) => ({ key: row.status, label: t(`status.${row.status}`), value: row.count })),
      country: [...(stats.data?.byCountry ?? [])].sort((a, b) => b.count - a.count).map((row) => ({ key: row.country, label: row.country, value: row.count })),
    }),
    [stats.data, t],
  );
  const list = (status?: string) => `/admin/exhibitors?${new URLSearchParams({ edition: edition.id, ...(status ? { status } : {}) })}`;
  const common = { valueHeading: t('exhibitors.count'), empty: t('exhibitors.empty'), format, horizontal: true };
  return (
    <section className="card dash-panel" aria-labelledby="dash-exhibitors">
      <h2 id="dash-exhibitors">{t('exhibitors.title')}</h2>
      <ErrorMessage error={stats.error} />
      {stats.data && (
        <>
          <p>
            <Link to={list()}>{t('exhibitors.total', { count: stats.data.total })}</Link>
          </p>
          <ul className="dash-links">
            {rows.status.map((row) => (
              <li key={row.key}>
                <Link to={list(row.key)}>
                  {t('exhibitors.statusLink', { status: row.label, n: format(row.value) })}
                </Link>
              </li>
            ))}
          </ul>
          <BarChart id="chart-exhibitor-status" title={t('exhibitors.byStatus')} rows={rows.status} keyHeading={t('exhibitors.status')} {...common} />
          <BarChart id="chart-exhibitor-country" title={t('exhibitors.byCountry')} rows={rows.country} keyHeading={t('exhibitors.country')} {...common} />
        </>
      )}
    </section>
  );
}
