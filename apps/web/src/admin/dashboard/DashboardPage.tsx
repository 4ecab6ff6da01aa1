import './dashboard.css';
import { useTranslation } from 'react-i18next';
import en from '../../locales/en/adminDashboard.json';
import fr from '../../locales/fr/adminDashboard.json';
import { describeError, ErrorMessage } from '../../shared/errors';
import { formatInstant } from '../../shared/format';
import { addAreaTexts } from '../../shared/i18n';
import { useEdition, type Edition } from '../shared/useEdition';
import { useUrlFilters } from '../shared/useUrlFilters';
import { CheckinCharts } from './CheckinCharts';
import { formatDay } from './dayFormat';
import { ExhibitorsPanel, RegistrationsPanel } from './FairPanels';
import { JobsPanel, MessagesPanel } from './WatchPanels';
import { useLiveStats, type LiveStats } from './useLiveStats';
import { useRegistrations } from './queries';

addAreaTexts('adminDashboard', { fr, en });

/** The fair at a glance: live check-ins (the SSE stream), registrations, exhibitors, jobs and messages to look at. */
export default function DashboardPage() {
  const { t } = useTranslation('adminDashboard');
  const { edition, editionId, error } = useEdition();
  const [filters, setFilters] = useUrlFilters({ day: '' });
  const live = useLiveStats(editionId, filters.day || undefined);
  const registrations = useRegistrations(editionId);
  if (error) return <ErrorMessage error={error} />;
  return (
    <div className="dashboard">
      <div className="dash-head">
        <h1>{t('title')}</h1>
        {edition && <DayPicker edition={edition} day={filters.day} onDay={(day) => setFilters({ day })} />}
        <LiveBadge live={live} />
      </div>
      {edition && (
        <>
          <KeyFigures edition={edition} live={live} registered={registrations.data?.total} />
          {live.stats && <CheckinCharts edition={edition} stats={live.stats} />}
          <div className="dash-grid">
            <RegistrationsPanel registrations={registrations} />
            <ExhibitorsPanel edition={edition} />
            <JobsPanel edition={edition} />
            <MessagesPanel edition={edition} />
          </div>
        </>
      )}
    </div>
  );
}

/** Whether the figures are live, said in words (a status region: screen readers hear a drop and its recovery). */
function LiveBadge({ live }: { live: LiveStats }) {
  const { t } = useTranslation('adminDashboard');
  const text = live.status === 'failed' ? t('live.failed', { reason: describeError(t, live.error) }) : t(`live.${live.status}`);
  return (
    <p className={`dash-live dash-live-${live.status}`} role="status">
      <span className="dash-dot" aria-hidden="true" />
      {text}
    </p>
  );
}

function DayPicker({ edition, day, onDay }: { edition: Edition; day: string; onDay: (day: string) => void }) {
  const { t, i18n } = useTranslation('adminDashboard');
  return (
    <label className="dash-day">
      {t('day')}
      <select value={day} onChange={(event) => onDay(event.target.value)}>
        <option value="">{t('today')}</option>
        {edition.days.map((fairDay) => (
          <option key={fairDay.date} value={fairDay.date}>
            {formatDay(i18n.language, fairDay.date)}
          </option>
        ))}
      </select>
    </label>
  );
}

function KeyFigures({ edition, live, registered }: { edition: Edition; live: LiveStats; registered: number | undefined }) {
  const { t, i18n } = useTranslation('adminDashboard');
  const number = (n: number | undefined) => (n === undefined ? '…' : new Intl.NumberFormat(i18n.language).format(n));
  const stats = live.stats;
  const last = stats?.lastScanAt ? formatInstant(i18n.language, stats.lastScanAt, edition.timeZone) : t('figures.noScan');
  return (
    <section className="dash-figures" aria-label={t('figures.label')}>
      <Figure label={t('figures.checkedIn', { day: stats ? formatDay(i18n.language, stats.day) : '…' })} value={number(stats?.checkedIn)} />
      <Figure label={t('figures.unique')} value={number(stats?.uniqueAttendees)} />
      <Figure label={t('figures.registered')} value={number(registered)} />
      <Figure label={t('figures.lastScan')} value={stats ? last : '…'} small />
    </section>
  );
}

function Figure({ label, value, small }: { label: string; value: string; small?: boolean }) {
  return (
    <div className="dash-figure">
      <span className="dash-figure-label">{label}</span>
      <strong className={small ? 'dash-figure-value small' : 'dash-figure-value'}>{value}</strong>
    </div>
  );
}
