import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Edition } from '../shared/useEdition';
import { BarChart, type ChartRow } from './BarChart';
import { formatDay } from './dayFormat';
import type { CheckinStats } from './useLiveStats';

/** Every hour from the first to the last with a check-in, the empty ones at 0: the day's shape shows gaps. */
function hourRows(stats: CheckinStats, label: (hour: number) => string): ChartRow[] {
  if (stats.perHour.length === 0) return [];
  const byHour = new Map(stats.perHour.map((row) => [row.hour, row.checkedIn]));
  const hours = [...byHour.keys()];
  const rows: ChartRow[] = [];
  for (let hour = Math.min(...hours); hour <= Math.max(...hours); hour++) rows.push({ key: String(hour), label: label(hour), value: byHour.get(hour) ?? 0 });
  return rows;
}

/** The live check-in figures as four charts: per fair day, per local hour, per desk, per category. */
export function CheckinCharts({ edition, stats }: { edition: Edition; stats: CheckinStats }) {
  const { t, i18n } = useTranslation('adminDashboard');
  const language = i18n.language;
  const format = (n: number) => new Intl.NumberFormat(language).format(n);
  const day = formatDay(language, stats.day);
  const rows = useMemo(
    () => ({
      perDay: stats.perDay.map((row) => ({ key: row.day, label: formatDay(language, row.day), value: row.checkedIn })),
      perHour: hourRows(stats, (hour) => t('charts.hourLabel', { hour })),
      perDesk: stats.perDesk.map((row) => ({ key: row.deskId, label: row.deskId, value: row.checkedIn, extra: [row.scans, row.refused] })),
      perCategory: stats.perCategory.map((row) => ({ key: row.category, label: t(`category.${row.category}`), value: row.checkedIn })),
    }),
    [stats, language, t],
  );
  const common = { valueHeading: t('charts.checkedIn'), empty: t('charts.empty'), format };
  return (
    <section className="dash-charts" aria-label={t('charts.checkedIn')}>
      <BarChart id="chart-day" title={t('charts.perDay')} rows={rows.perDay} keyHeading={t('charts.day')} {...common} />
      <BarChart id="chart-hour" title={t('charts.perHour', { day, zone: edition.timeZone })} rows={rows.perHour} keyHeading={t('charts.hour')} {...common} />
      <BarChart
        id="chart-desk"
        title={t('charts.perDesk', { day })}
        rows={rows.perDesk}
        keyHeading={t('charts.desk')}
        extraHeadings={[t('charts.scans'), t('charts.refused')]}
        horizontal
        {...common}
      />
      <BarChart id="chart-category" title={t('charts.perCategory', { day })} rows={rows.perCategory} keyHeading={t('charts.category')} horizontal {...common} />
    </section>
  );
}
